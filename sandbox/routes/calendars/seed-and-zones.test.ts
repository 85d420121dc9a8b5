import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../../index";
import { startSandbox } from "../../testing/harness";
import { formatInZone, wallTime, zonedToUtc } from "./time-zone";

describe("time zones", () => {
  it("renders wall times with the offset in force, across DST changes", () => {
    const chicago = "America/Chicago";
    const nine = (month: number, day: number) =>
      formatInZone(zonedToUtc({ year: 2026, month, day }, 9, 0, chicago), chicago);
    expect(nine(3, 7)).toBe("2026-03-07T09:00:00-06:00");
    expect(nine(3, 9)).toBe("2026-03-09T09:00:00-05:00");
    expect(nine(11, 2)).toBe("2026-11-02T09:00:00-06:00");
    expect(formatInZone(Date.UTC(2026, 0, 1, 12), "Asia/Kolkata")).toBe(
      "2026-01-01T17:30:00+05:30",
    );
    expect(formatInZone(Date.UTC(2026, 0, 1, 12), "America/St_Johns")).toBe(
      "2026-01-01T08:30:00-03:30",
    );
  });
});

describe("calendar seed", () => {
  let running: RunningSandbox;
  beforeAll(async () => {
    running = await startSandbox();
  });
  afterAll(() => running?.close());

  it("gives every demo location 1–3 calendars and 20–60 appointments in open hours", () => {
    const { state } = running.sandbox;
    for (const location of state.locations.values()) {
      const calendars = [...state.calendars.values()].filter((c) => c.locationId === location.id);
      expect(calendars.length).toBeGreaterThanOrEqual(1);
      expect(calendars.length).toBeLessThanOrEqual(3);
      const appointments = [...state.appointments.values()].filter(
        (a) => a.locationId === location.id,
      );
      expect(appointments.length).toBeGreaterThanOrEqual(20);
      expect(appointments.length).toBeLessThanOrEqual(60);
      expect(new Set(appointments.map((a) => a.status)).size).toBeGreaterThan(2);
      const now = Date.now();
      expect(appointments.some((a) => a.startTime < now)).toBe(true);
      expect(appointments.some((a) => a.startTime > now)).toBe(true);
      for (const a of appointments) {
        const calendar = state.calendars.get(a.calendarId)!;
        expect(calendar.teamMembers).toContain(a.assignedUserId);
        expect(state.contacts.get(a.contactId)?.locationId).toBe(location.id);
        const local = wallTime(a.startTime, location.timezone);
        expect(local.hour).toBeGreaterThanOrEqual(9);
        expect(local.hour).toBeLessThan(17);
        expect(local.weekday).not.toBe(0);
      }
    }
  });

  it("names calendars after the vertical", () => {
    const names = [...running.sandbox.state.calendars.values()]
      .filter((c) => c.locationId === "AustinDentalStudio01")
      .map((c) => c.name);
    expect(names[0]).toBe("New Patient Exam");
  });
});
