import type { Sandbox } from "../../context";
import type { Appointment, Calendar } from "../../store/types";
import { formatInZone } from "./time-zone";

const compact = <T extends Record<string, unknown>>(value: T) =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<T>;

/** CalendarDTO, with GHL's defaults for the settings the sandbox does not model. */
export const renderCalendar = (c: Calendar) =>
  compact({
    id: c.id,
    locationId: c.locationId,
    groupId: c.groupId,
    name: c.name,
    description: c.description,
    slug: c.slug,
    widgetSlug: c.slug,
    calendarType: c.calendarType,
    widgetType: "classic",
    eventTitle: "{{contact.name}}",
    eventColor: "#039be5",
    eventType: "RoundRobin_OptimizeForAvailability",
    teamMembers: c.teamMembers.map((userId, index) => ({
      userId,
      priority: 0.5,
      isPrimary: index === 0,
      locationConfigurations: [],
    })),
    locationConfigurations: [],
    slotDuration: c.slotDuration,
    slotDurationUnit: "mins",
    slotInterval: c.slotInterval,
    slotIntervalUnit: "mins",
    slotBuffer: 0,
    preBuffer: 0,
    appoinmentPerSlot: c.appoinmentPerSlot,
    appoinmentPerDay: 0,
    openHours: c.openHours,
    enableRecurring: false,
    autoConfirm: true,
    allowReschedule: true,
    allowCancellation: true,
    availabilityType: 0,
    availabilities: [],
    isActive: c.isActive,
  });

const zoneOf = (sandbox: Sandbox, a: Appointment) =>
  sandbox.state.locations.get(a.locationId)?.timezone ?? "UTC";

/** Calendar times carry the location's offset, e.g. `2026-11-25T09:00:00-06:00` (REFERENCE §1.5). */
const times = (sandbox: Sandbox, a: Appointment) => {
  const zone = zoneOf(sandbox, a);
  return {
    startTime: formatInZone(a.startTime, zone),
    endTime: formatInZone(a.endTime, zone),
    dateAdded: formatInZone(a.dateAdded, zone),
    dateUpdated: formatInZone(a.dateUpdated, zone),
  };
};

/**
 * CalendarEventDTO (events list, GET event). The DTO requires groupId, assignedUserId, contactId and
 * appointmentStatus even where there are none (ungrouped calendars, blocked slots); what GHL sends
 * then is unconfirmed, so the sandbox sends empty strings and stays within the DTO.
 */
export const renderEvent = (sandbox: Sandbox, a: Appointment) => {
  const { startTime, endTime, dateAdded, dateUpdated } = times(sandbox, a);
  return compact({
    id: a.id,
    address: a.address,
    title: a.title,
    calendarId: a.calendarId,
    locationId: a.locationId,
    contactId: a.contactId,
    groupId: sandbox.state.calendars.get(a.calendarId)?.groupId ?? "",
    appointmentStatus: a.blocked ? "" : a.status,
    assignedUserId: a.assignedUserId ?? "",
    users: a.assignedUserId ? [a.assignedUserId] : [],
    notes: a.notes ?? "",
    description: a.description,
    isRecurring: a.rrule !== null,
    rrule: a.rrule,
    startTime,
    endTime,
    dateAdded,
    dateUpdated,
    assignedResources: [],
    createdBy: { source: a.source },
  });
};

/** AppointmentSchemaResponse: the flat object create and update answer with (REFERENCE §5.4). */
export const renderAppointment = (sandbox: Sandbox, a: Appointment) => {
  const { startTime, endTime } = times(sandbox, a);
  return compact({
    id: a.id,
    calendarId: a.calendarId,
    locationId: a.locationId,
    contactId: a.contactId,
    startTime,
    endTime,
    title: a.title,
    meetingLocationType: a.meetingLocationType ?? "default",
    appointmentStatus: a.status,
    assignedUserId: a.assignedUserId,
    address: a.address,
    isRecurring: a.rrule !== null,
    rrule: a.rrule,
  });
};

/** BlockedSlotSuccessfulResponseDto. */
export const renderBlockedSlot = (sandbox: Sandbox, a: Appointment) => {
  const { startTime, endTime } = times(sandbox, a);
  return compact({
    id: a.id,
    locationId: a.locationId,
    title: a.title,
    startTime,
    endTime,
    calendarId: a.calendarId,
    assignedUserId: a.assignedUserId,
  });
};

/** Appointment* webhook payload, as in the doc samples (webhook-samples/AppointmentCreate). */
export const appointmentEventData = (sandbox: Sandbox, a: Appointment) => ({
  appointment: compact({
    id: a.id,
    address: a.address,
    title: a.title,
    calendarId: a.calendarId,
    contactId: a.contactId,
    groupId: sandbox.state.calendars.get(a.calendarId)?.groupId,
    appointmentStatus: a.status,
    assignedUserId: a.assignedUserId,
    users: a.assignedUserId ? [a.assignedUserId] : [],
    notes: a.notes,
    source: a.source,
    ...times(sandbox, a),
  }),
});
