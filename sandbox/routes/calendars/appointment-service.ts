import type { Sandbox } from "../../context";
import { contactFor, locationFor, str } from "../../core/access";
import { errors } from "../../core/errors";
import type {
  AccessToken,
  Appointment,
  AppointmentStatus,
  Calendar,
  Location,
} from "../../store/types";
import { appointmentEventData } from "./render";
import { bookable, slotLength } from "./slots";
import { zonedToUtc } from "./time-zone";

type Input = Record<string, unknown>;

/** Unknown ids answer 400, like other GHL lookups (REFERENCE §5.1); another location's, 403. */
export const calendarFor = (sandbox: Sandbox, token: AccessToken, calendarId: unknown) => {
  const calendar = typeof calendarId === "string" ? sandbox.state.calendars.get(calendarId) : null;
  if (!calendar) throw errors.badRequest("Calendar not found");
  locationFor(sandbox, token, calendar.locationId);
  return calendar;
};

export const eventFor = (
  sandbox: Sandbox,
  token: AccessToken,
  eventId: string | undefined,
  kind: "appointment" | "blocked" | "any",
) => {
  const event = eventId ? sandbox.state.appointments.get(eventId) : undefined;
  if (!event || (kind === "appointment" && event.blocked) || (kind === "blocked" && !event.blocked))
    throw errors.badRequest("Event not found");
  return { event, location: locationFor(sandbox, token, event.locationId) };
};

const WALL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** ISO with offset; a time without one is read in the location's zone. */
export const parseTime = (value: unknown, field: string, timeZone: string) => {
  const text = str(value)?.trim() ?? "";
  if (WALL_TIME.test(text)) {
    const [date = "", time = ""] = text.split("T");
    const [year, month, day] = date.split("-").map(Number);
    const [hour, minute] = time.split(":").map(Number);
    return zonedToUtc(
      { year: year ?? 0, month: month ?? 1, day: day ?? 1 },
      hour ?? 0,
      minute ?? 0,
      timeZone,
    );
  }
  const ms = Date.parse(text);
  if (!Number.isFinite(ms))
    throw errors.unprocessable([`${field} must be a valid ISO 8601 date string`]);
  return ms;
};

const userFor = (sandbox: Sandbox, location: Location, userId: unknown) => {
  if (typeof userId !== "string" || userId === "") return null;
  const user = sandbox.state.users.get(userId);
  if (!user || user.deleted || !user.locationIds.includes(location.id))
    throw errors.badRequest(`User with id ${userId} not found`);
  return user.id;
};

const sameLocation = (calendar: Calendar, location: Location) => {
  if (calendar.locationId !== location.id) throw errors.badRequest("Calendar not found");
  return calendar;
};

const SLOT_TAKEN = "The slot you have selected is no longer available.";

const emit = (sandbox: Sandbox, type: string, a: Appointment) =>
  sandbox.emit({ type, locationId: a.locationId, data: appointmentEventData(sandbox, a) });

export const createAppointment = (sandbox: Sandbox, token: AccessToken, body: Input) => {
  const location = locationFor(sandbox, token, body.locationId);
  const calendar = sameLocation(calendarFor(sandbox, token, body.calendarId), location);
  const contact = contactFor(sandbox, token, str(body.contactId));
  if (contact.locationId !== location.id)
    throw errors.badRequest(`Contact with id ${contact.id} not found`);
  const start = parseTime(body.startTime, "startTime", location.timezone);
  const end =
    body.endTime === undefined
      ? start + slotLength(calendar)
      : parseTime(body.endTime, "endTime", location.timezone);
  if (end <= start) throw errors.badRequest("endTime must be after startTime");
  const now = sandbox.clock.now();
  const free = body.ignoreFreeSlotValidation === true;
  const options = { now, ignoreDateRange: body.ignoreDateRange === true };
  if (!free && !bookable(sandbox, calendar, location.timezone, start, end, options))
    throw errors.badRequest(SLOT_TAKEN);
  const address = str(body.address) ?? null;
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(" ");
  const appointment: Appointment = {
    id: sandbox.ids.ghl(),
    locationId: location.id,
    calendarId: calendar.id,
    contactId: contact.id,
    // The calendar's default event title is {{contact.name}}.
    title: str(body.title) ?? (name || calendar.name),
    // Calendars auto-confirm unless told otherwise (CalendarDTO autoConfirm defaults to true).
    status: (str(body.appointmentStatus) as AppointmentStatus | undefined) ?? "confirmed",
    assignedUserId:
      userFor(sandbox, location, body.assignedUserId) ?? calendar.teamMembers[0] ?? null,
    address,
    notes: null,
    description: str(body.description) ?? null,
    // The spec: with an address and no type, the type is `custom`.
    meetingLocationType: str(body.meetingLocationType) ?? (address ? "custom" : null),
    // The spec: an rrule only applies when free-slot validation is skipped.
    rrule: free ? (str(body.rrule) ?? null) : null,
    source: "third_party",
    startTime: start,
    endTime: end,
    dateAdded: now,
    dateUpdated: now,
  };
  sandbox.state.appointments.set(appointment.id, appointment);
  emit(sandbox, "AppointmentCreate", appointment);
  return appointment;
};

export const updateAppointment = (
  sandbox: Sandbox,
  token: AccessToken,
  eventId: string | undefined,
  body: Input,
) => {
  const { event, location } = eventFor(sandbox, token, eventId, "appointment");
  const calendar =
    body.calendarId === undefined
      ? sandbox.state.calendars.get(event.calendarId)
      : sameLocation(calendarFor(sandbox, token, body.calendarId), location);
  const start =
    body.startTime === undefined
      ? event.startTime
      : parseTime(body.startTime, "startTime", location.timezone);
  const end =
    body.endTime === undefined
      ? start + (event.endTime - event.startTime)
      : parseTime(body.endTime, "endTime", location.timezone);
  if (end <= start) throw errors.badRequest("endTime must be after startTime");
  const moved =
    start !== event.startTime || end !== event.endTime || calendar?.id !== event.calendarId;
  const now = sandbox.clock.now();
  if (moved && calendar && body.ignoreFreeSlotValidation !== true) {
    const options = { now, except: event.id, ignoreDateRange: body.ignoreDateRange === true };
    if (!bookable(sandbox, calendar, location.timezone, start, end, options))
      throw errors.badRequest(SLOT_TAKEN);
  }
  const address = str(body.address);
  Object.assign(event, {
    calendarId: calendar?.id ?? event.calendarId,
    startTime: start,
    endTime: end,
    title: str(body.title) ?? event.title,
    status: (str(body.appointmentStatus) as AppointmentStatus | undefined) ?? event.status,
    assignedUserId:
      body.assignedUserId === undefined
        ? event.assignedUserId
        : userFor(sandbox, location, body.assignedUserId),
    address: address ?? event.address,
    description: str(body.description) ?? event.description,
    meetingLocationType:
      str(body.meetingLocationType) ?? (address ? "custom" : event.meetingLocationType),
    rrule: body.ignoreFreeSlotValidation === true ? (str(body.rrule) ?? event.rrule) : event.rrule,
    dateUpdated: Math.max(now, event.dateUpdated + 1),
  } satisfies Partial<Appointment>);
  emit(sandbox, "AppointmentUpdate", event);
  return event;
};

/** Appointments and blocked slots share one delete route; only appointments send a webhook. */
export const deleteEvent = (sandbox: Sandbox, token: AccessToken, eventId: string | undefined) => {
  const { event } = eventFor(sandbox, token, eventId, "any");
  sandbox.state.appointments.delete(event.id);
  if (!event.blocked) emit(sandbox, "AppointmentDelete", event);
};
