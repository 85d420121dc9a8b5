/** Wall-clock arithmetic in IANA time zones with Intl only (no tz database package). */

const formats = new Map<string, Intl.DateTimeFormat>();

const formatFor = (timeZone: string) => {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formats.set(timeZone, format);
  }
  return format;
};

export const isTimeZone = (timeZone: string) => {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export type WallTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
};

export const wallTime = (ms: number, timeZone: string): WallTime => {
  const parts = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
  };
};

/** Minutes east of UTC at that instant (-360 for Chicago in winter). */
export const offsetMinutes = (ms: number, timeZone: string) => {
  const w = wallTime(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
};

/** The instant a wall-clock time happens in a zone (two passes settle DST changes). */
export const zonedToUtc = (
  date: { year: number; month: number; day: number },
  hour: number,
  minute: number,
  timeZone: string,
) => {
  const guess = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = guess - offsetMinutes(guess, timeZone) * 60_000;
  return guess - offsetMinutes(first, timeZone) * 60_000;
};

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** `2026-11-25T09:00:00-06:00`, the way GHL renders calendar times. */
export const formatInZone = (ms: number, timeZone: string) => {
  const w = wallTime(ms, timeZone);
  const offset = offsetMinutes(ms, timeZone);
  const sign = offset < 0 ? "-" : "+";
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
};

/** The calendar day after `date` (plain date arithmetic, no zone involved). */
export const nextDay = (date: { year: number; month: number; day: number }) => {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

export const weekdayOf = (date: { year: number; month: number; day: number }) =>
  new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
