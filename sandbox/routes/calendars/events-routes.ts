import type { Sandbox } from "../../context";
import { isRecord, locationFor, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import { errors } from "../../core/errors";
import type { AccessToken, Appointment } from "../../store/types";
import {
  calendarFor,
  createAppointment,
  deleteEvent,
  eventFor,
  parseTime,
  updateAppointment,
} from "./appointment-service";
import { renderAppointment, renderBlockedSlot, renderEvent } from "./render";

const bodyOf = (body: unknown) => (isRecord(body) ? body : {});

const SELECTORS = ["calendarId", "userId", "groupId"] as const;

/**
 * The events and blocked-slots lists: a location, an epoch-ms window, and exactly one of
 * calendarId, userId or groupId (REFERENCE §5.4).
 */
const eventsIn = (
  sandbox: Sandbox,
  token: AccessToken,
  query: Record<string, unknown>,
  blocked: boolean,
) => {
  const location = locationFor(sandbox, token, query.locationId);
  const given = SELECTORS.filter((key) => str(query[key]));
  if (given.length !== 1)
    throw errors.unprocessable([
      given.length === 0
        ? "Either of userId, groupId or calendarId is required"
        : "Only one of userId, groupId or calendarId is allowed",
    ]);
  const from = Number(query.startTime);
  const to = Number(query.endTime);
  const invalid = [
    ...(Number.isFinite(from) ? [] : ["startTime must be a number string"]),
    ...(Number.isFinite(to) ? [] : ["endTime must be a number string"]),
  ];
  if (invalid.length > 0) throw errors.unprocessable(invalid);
  const calendarId = str(query.calendarId);
  if (calendarId) calendarFor(sandbox, token, calendarId);
  const userId = str(query.userId);
  const groupId = str(query.groupId);
  const matches = (a: Appointment) =>
    calendarId
      ? a.calendarId === calendarId
      : userId
        ? a.assignedUserId === userId
        : sandbox.state.calendars.get(a.calendarId)?.groupId === groupId;
  return [...sandbox.state.appointments.values()]
    .filter(
      (a) =>
        a.locationId === location.id &&
        Boolean(a.blocked) === blocked &&
        a.startTime < to &&
        a.endTime > from &&
        matches(a),
    )
    .sort((a, b) => a.startTime - b.startTime)
    .map((a) => renderEvent(sandbox, a));
};

/** Blocked slots: the spec does not require start and end, but a slot without them means nothing. */
const blockedSlotTimes = (
  body: Record<string, unknown>,
  timeZone: string,
  current?: Appointment,
) => {
  const missing = (["startTime", "endTime"] as const).filter(
    (key) => body[key] === undefined && !current,
  );
  if (missing.length > 0)
    throw errors.unprocessable(missing.map((k) => `${k} should not be empty`));
  const start =
    body.startTime === undefined
      ? (current?.startTime ?? 0)
      : parseTime(body.startTime, "startTime", timeZone);
  const end =
    body.endTime === undefined
      ? (current?.endTime ?? 0)
      : parseTime(body.endTime, "endTime", timeZone);
  if (end <= start) throw errors.badRequest("endTime must be after startTime");
  return { startTime: start, endTime: end };
};

export const eventsRoutes: RouteTable = {
  "GET /calendars/events": (sandbox, { query, token }) => ({
    status: 200,
    body: { events: eventsIn(sandbox, token, query, false) },
  }),

  "GET /calendars/blocked-slots": (sandbox, { query, token }) => ({
    status: 200,
    body: { events: eventsIn(sandbox, token, query, true) },
  }),

  // 200 and a flat body, not 201 and `{appointment}` (REFERENCE §5.4).
  "POST /calendars/events/appointments": (sandbox, { body, token }) => ({
    status: 200,
    body: renderAppointment(sandbox, createAppointment(sandbox, token, bodyOf(body))),
  }),

  "GET /calendars/events/appointments/{eventId}": (sandbox, { params, token }) => ({
    status: 200,
    body: {
      event: renderEvent(sandbox, eventFor(sandbox, token, params.eventId, "appointment").event),
    },
  }),

  "PUT /calendars/events/appointments/{eventId}": (sandbox, { params, body, token }) => ({
    status: 200,
    body: renderAppointment(
      sandbox,
      updateAppointment(sandbox, token, params.eventId, bodyOf(body)),
    ),
  }),

  // 201 and `succeeded` spelled right, unlike the contacts domain's `succeded` (REFERENCE §5.1).
  "DELETE /calendars/events/{eventId}": (sandbox, { params, token }) => {
    deleteEvent(sandbox, token, params.eventId);
    return { status: 201, body: { succeeded: true } };
  },

  "POST /calendars/events/block-slots": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const location = locationFor(sandbox, token, input.locationId);
    const calendar = calendarFor(sandbox, token, input.calendarId);
    if (calendar.locationId !== location.id) throw errors.badRequest("Calendar not found");
    const now = sandbox.clock.now();
    const slot: Appointment = {
      id: sandbox.ids.ghl(),
      locationId: location.id,
      calendarId: calendar.id,
      contactId: "",
      title: str(input.title) ?? "Blocked Slot",
      status: "confirmed",
      assignedUserId: str(input.assignedUserId) ?? null,
      address: null,
      notes: null,
      description: null,
      meetingLocationType: null,
      rrule: null,
      source: "third_party",
      blocked: true,
      ...blockedSlotTimes(input, location.timezone),
      dateAdded: now,
      dateUpdated: now,
    };
    sandbox.state.appointments.set(slot.id, slot);
    return { status: 201, body: renderBlockedSlot(sandbox, slot) };
  },

  "PUT /calendars/events/block-slots/{eventId}": (sandbox, { params, body, token }) => {
    const input = bodyOf(body);
    const { event, location } = eventFor(sandbox, token, params.eventId, "blocked");
    const calendar = calendarFor(sandbox, token, input.calendarId);
    if (calendar.locationId !== location.id) throw errors.badRequest("Calendar not found");
    Object.assign(event, {
      calendarId: calendar.id,
      title: str(input.title) ?? event.title,
      assignedUserId: str(input.assignedUserId) ?? event.assignedUserId,
      ...blockedSlotTimes(input, location.timezone, event),
      dateUpdated: Math.max(sandbox.clock.now(), event.dateUpdated + 1),
    } satisfies Partial<Appointment>);
    return { status: 201, body: renderBlockedSlot(sandbox, event) };
  },
};
