import type { Sandbox } from "../../context";
import type { Appointment, Calendar } from "../../store/types";
import { formatInZone, nextDay, wallTime, weekdayOf, zonedToUtc } from "./time-zone";

const MINUTE = 60_000;

export const slotLength = (calendar: Calendar) => Math.max(calendar.slotDuration, 1) * MINUTE;

/** Slot starts in [from, to] that the calendar's open hours offer, in the location's zone. */
export const openSlotStarts = (calendar: Calendar, timeZone: string, from: number, to: number) => {
  const starts = new Set<number>();
  const length = slotLength(calendar);
  const step = Math.max(calendar.slotInterval, 5) * MINUTE;
  const start = wallTime(from, timeZone);
  const end = wallTime(to, timeZone);
  const last = Date.UTC(end.year, end.month - 1, end.day);
  for (
    let date = { year: start.year, month: start.month, day: start.day };
    Date.UTC(date.year, date.month - 1, date.day) <= last;
    date = nextDay(date)
  ) {
    const weekday = weekdayOf(date);
    for (const open of calendar.openHours) {
      if (!open.daysOfTheWeek.includes(weekday)) continue;
      for (const hours of open.hours) {
        const opens = zonedToUtc(date, hours.openHour, hours.openMinute, timeZone);
        const closes = zonedToUtc(date, hours.closeHour, hours.closeMinute, timeZone);
        for (let t = opens; t + length <= closes; t += step)
          if (t >= from && t <= to) starts.add(t);
      }
    }
  }
  return [...starts].sort((a, b) => a - b);
};

const overlaps = (a: Appointment, start: number, end: number) =>
  a.startTime < end && a.endTime > start;

/** Events of the calendar's location that could clash with slots in [from, to). */
const candidates = (
  sandbox: Sandbox,
  calendar: Calendar,
  from: number,
  to: number,
  except?: string,
) =>
  [...sandbox.state.appointments.values()].filter(
    (a) =>
      a.locationId === calendar.locationId &&
      a.id !== except &&
      a.status !== "cancelled" &&
      overlaps(a, from, to),
  );

/**
 * Taken when the calendar has a blocked slot there, when its bookings fill `appoinmentPerSlot`, or
 * when every requested user already has an appointment then.
 */
const taken = (
  events: Appointment[],
  calendar: Calendar,
  start: number,
  end: number,
  userIds: string[],
) => {
  const clashing = events.filter((a) => overlaps(a, start, end));
  if (clashing.some((a) => a.blocked && a.calendarId === calendar.id)) return true;
  const booked = clashing.filter((a) => !a.blocked && a.calendarId === calendar.id).length;
  if (booked >= Math.max(calendar.appoinmentPerSlot, 1)) return true;
  return (
    userIds.length > 0 &&
    userIds.every((user) => clashing.some((a) => !a.blocked && a.assignedUserId === user))
  );
};

type SlotOptions = { timeZone: string; userIds?: string[]; now: number };

/** GET free-slots: `{ "YYYY-MM-DD": { slots: [ISO with offset…] } }`, keyed in the answer's zone. */
export const freeSlots = (
  sandbox: Sandbox,
  calendar: Calendar,
  locationZone: string,
  from: number,
  to: number,
  { timeZone, userIds = [], now }: SlotOptions,
) => {
  const length = slotLength(calendar);
  const events = candidates(sandbox, calendar, from, to + length);
  const days: Record<string, { slots: string[] }> = {};
  for (const start of openSlotStarts(calendar, locationZone, from, to)) {
    if (start < now || taken(events, calendar, start, start + length, userIds)) continue;
    const rendered = formatInZone(start, timeZone);
    (days[rendered.slice(0, 10)] ??= { slots: [] }).slots.push(rendered);
  }
  return days;
};

/**
 * Whether [start, end) may be booked: it must start on one of the calendar's slots, not in the
 * past (unless `ignoreDateRange`), and not be taken.
 */
export const bookable = (
  sandbox: Sandbox,
  calendar: Calendar,
  locationZone: string,
  start: number,
  end: number,
  options: { now: number; except?: string; ignoreDateRange?: boolean },
) => {
  if (!options.ignoreDateRange && start < options.now) return false;
  if (!openSlotStarts(calendar, locationZone, start, start).includes(start)) return false;
  const events = candidates(sandbox, calendar, start, end, options.except);
  return !taken(events, calendar, start, end, []);
};
