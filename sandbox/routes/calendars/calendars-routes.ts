import type { Sandbox } from "../../context";
import { isRecord, locationFor, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import { errors } from "../../core/errors";
import type { Calendar, CalendarOpenHour, Location } from "../../store/types";
import { calendarFor } from "./appointment-service";
import { slugOf, weekdaysNineToFive } from "./calendar-defaults";
import { eventsRoutes } from "./events-routes";
import { renderCalendar } from "./render";
import { freeSlots } from "./slots";
import { isTimeZone } from "./time-zone";

const DAY_MS = 24 * 60 * 60 * 1000;

const bodyOf = (body: unknown) => (isRecord(body) ? body : {});

const minutes = (value: unknown, unit: unknown) =>
  typeof value === "number" ? Math.round(unit === "hours" ? value * 60 : value) : undefined;

/** The calendar settings a create or update body sets (the spec has validated the shapes). */
const calendarFields = (sandbox: Sandbox, location: Location, body: Record<string, unknown>) => {
  const patch: Partial<Calendar> = {};
  if (typeof body.name === "string") patch.name = body.name.trim();
  if (typeof body.description === "string") patch.description = body.description;
  if (typeof body.slug === "string") patch.slug = body.slug;
  if ("groupId" in body) patch.groupId = str(body.groupId) ?? null;
  if (typeof body.calendarType === "string")
    patch.calendarType = body.calendarType as Calendar["calendarType"];
  const duration = minutes(body.slotDuration, body.slotDurationUnit);
  if (duration !== undefined) patch.slotDuration = duration;
  const interval = minutes(body.slotInterval, body.slotIntervalUnit);
  if (interval !== undefined) patch.slotInterval = interval;
  if (typeof body.appoinmentPerSlot === "number") patch.appoinmentPerSlot = body.appoinmentPerSlot;
  if (typeof body.isActive === "boolean") patch.isActive = body.isActive;
  if (Array.isArray(body.openHours))
    patch.openHours = body.openHours.filter(isRecord).map((open) => ({
      daysOfTheWeek: (open.daysOfTheWeek as number[]).map(Number),
      hours: (open.hours as CalendarOpenHour["hours"]).map((h) => ({
        openHour: h.openHour,
        openMinute: h.openMinute,
        closeHour: h.closeHour,
        closeMinute: h.closeMinute,
      })),
    }));
  if (Array.isArray(body.teamMembers)) {
    patch.teamMembers = body.teamMembers.filter(isRecord).map((m) => String(m.userId));
    for (const userId of patch.teamMembers) {
      const user = sandbox.state.users.get(userId);
      if (!user || user.deleted || !user.locationIds.includes(location.id))
        throw errors.badRequest(`User with id ${userId} not found`);
    }
  }
  return patch;
};

const userIdsOf = (query: Record<string, unknown>) =>
  [query.userId, query.userIds]
    .flat()
    .flatMap((value) => (typeof value === "string" ? value.split(",") : []))
    .map((id) => id.trim())
    .filter(Boolean);

export const calendarsRoutes: RouteTable = {
  "GET /calendars/": (sandbox, { query, token }) => {
    const location = locationFor(sandbox, token, query.locationId);
    const groupId = str(query.groupId);
    const showDrafted = query.showDrafted !== "false" && query.showDrafted !== false;
    const calendars = [...sandbox.state.calendars.values()].filter(
      (c) =>
        c.locationId === location.id &&
        (!groupId || c.groupId === groupId) &&
        (showDrafted || c.isActive),
    );
    return { status: 200, body: { calendars: calendars.map(renderCalendar) } };
  },

  // 200, not 201, per the spec.
  "POST /calendars/": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const location = locationFor(sandbox, token, input.locationId);
    const fields = calendarFields(sandbox, location, input);
    const name = fields.name ?? "";
    const calendar: Calendar = {
      id: sandbox.ids.ghl(),
      locationId: location.id,
      groupId: null,
      name,
      description: "",
      slug: slugOf(name),
      calendarType: "event",
      slotDuration: 30,
      slotInterval: 30,
      appoinmentPerSlot: 1,
      teamMembers: [],
      openHours: weekdaysNineToFive(),
      isActive: true,
      dateAdded: sandbox.clock.now(),
      ...fields,
    };
    sandbox.state.calendars.set(calendar.id, calendar);
    return { status: 200, body: { calendar: renderCalendar(calendar) } };
  },

  "GET /calendars/{calendarId}": (sandbox, { params, token }) => ({
    status: 200,
    body: { calendar: renderCalendar(calendarFor(sandbox, token, params.calendarId)) },
  }),

  "PUT /calendars/{calendarId}": (sandbox, { params, body, token }) => {
    const calendar = calendarFor(sandbox, token, params.calendarId);
    const location = locationFor(sandbox, token, calendar.locationId);
    Object.assign(calendar, calendarFields(sandbox, location, bodyOf(body)));
    return { status: 200, body: { calendar: renderCalendar(calendar) } };
  },

  // `success`, unlike the event delete's `succeeded` and the contacts' `succeded` (REFERENCE §5.1).
  "DELETE /calendars/{calendarId}": (sandbox, { params, token }) => {
    const calendar = calendarFor(sandbox, token, params.calendarId);
    sandbox.state.calendars.delete(calendar.id);
    return { status: 200, body: { success: true } };
  },

  "GET /calendars/{calendarId}/free-slots": (sandbox, { params, query, token }) => {
    const calendar = calendarFor(sandbox, token, params.calendarId);
    const location = locationFor(sandbox, token, calendar.locationId);
    const from = Number(query.startDate);
    const to = Number(query.endDate);
    if (to < from) throw errors.badRequest("endDate must be after startDate");
    if (to - from > 31 * DAY_MS) throw errors.badRequest("Date range cannot be more than 31 days");
    const timeZone = str(query.timezone) ?? location.timezone;
    if (!isTimeZone(timeZone)) throw errors.badRequest(`Invalid timezone ${timeZone}`);
    return {
      status: 200,
      body: freeSlots(sandbox, calendar, location.timezone, from, to, {
        timeZone,
        userIds: userIdsOf(query),
        now: sandbox.clock.now(),
      }),
    };
  },

  ...eventsRoutes,
};
