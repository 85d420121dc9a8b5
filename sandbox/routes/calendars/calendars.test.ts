import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { VERSION, client, expectContract, locationToken } from "../../testing/harness";
import {
  type CalendarFixture,
  DAY,
  LOCATION,
  OTHER_LOCATION,
  WEEKDAYS_9_TO_5,
  startCalendarSandbox,
} from "./calendars-fixture";

let fx: CalendarFixture;
beforeAll(async () => {
  fx = await startCalendarSandbox();
});
afterAll(() => fx?.close());

const allSlots = (days: Record<string, { slots: string[] }>) =>
  Object.values(days).flatMap((day) => day.slots);

describe("calendars", () => {
  it("lists, creates, reads, updates and deletes calendars", async () => {
    const { api } = fx;
    const list = await api.get("/calendars/", { locationId: LOCATION });
    await expectContract("GET /calendars/", list, 200);
    const seeded = list.json.calendars as { id: string; groupId: string }[];
    expect(seeded.length).toBeGreaterThanOrEqual(1);

    const created = await api.post("/calendars/", {
      locationId: LOCATION,
      name: "Draft Calendar",
      isActive: false,
      openHours: WEEKDAYS_9_TO_5,
    });
    await expectContract("POST /calendars/", created, 200);
    const id = (created.json.calendar as { id: string }).id;
    await expectContract("GET /calendars/{calendarId}", await api.get(`/calendars/${id}`), 200);
    const updated = await api.put(`/calendars/${id}`, {
      name: "Renamed",
      slotDuration: 1,
      slotDurationUnit: "hours",
    });
    await expectContract("PUT /calendars/{calendarId}", updated, 200);
    expect(updated.json.calendar).toMatchObject({ name: "Renamed", slotDuration: 60 });
    const active = await api.get("/calendars/", { locationId: LOCATION, showDrafted: "false" });
    expect((active.json.calendars as { id: string }[]).map((c) => c.id)).not.toContain(id);
    const grouped = await api.get("/calendars/", {
      locationId: LOCATION,
      groupId: seeded[0]!.groupId,
    });
    expect((grouped.json.calendars as unknown[]).length).toBe(seeded.length);

    const deleted = await api.delete(`/calendars/${id}`);
    await expectContract("DELETE /calendars/{calendarId}", deleted, 200);
    expect(deleted.json).toEqual({ success: true });
    expect((await api.get(`/calendars/${id}`)).status).toBe(400);
  });

  it("offers free slots from open hours in the location's time zone", async () => {
    const id = await fx.newCalendar();
    const response = await fx.freeSlots(id);
    await expectContract("GET /calendars/{calendarId}/free-slots", response, 200);
    const days = response.json as Record<string, { slots: string[] }>;
    expect(Object.keys(days).length).toBeGreaterThanOrEqual(4);
    for (const [date, { slots }] of Object.entries(days)) {
      expect(slots[0]).toMatch(new RegExp(`^${date}T09:00:00-0[56]:00$`));
      expect(slots.at(-1)).toMatch(/T16:30:00-0[56]:00$/);
      // 09:00 in Chicago is 15:00Z in winter (-06:00) and 14:00Z in summer (-05:00).
      expect(new Date(slots[0]!).getUTCHours()).toBe(slots[0]!.endsWith("-06:00") ? 15 : 14);
    }
    const london = await fx.slotsOf(id, { timezone: "Europe/London" });
    expect(allSlots(london).map(Date.parse)).toEqual(allSlots(days).map(Date.parse));
    expect(allSlots(london)[0]).toMatch(/T1[45]:00:00\+0[01]:00$/);

    const tooLong = await fx.api.get(`/calendars/${id}/free-slots`, {
      startDate: String(Date.now()),
      endDate: String(Date.now() + 32 * DAY),
    });
    expect(tooLong.status).toBe(400);
  });

  it("books a free slot, then neither offers nor books it again", async () => {
    const id = await fx.newCalendar();
    const slot = allSlots(await fx.slotsOf(id))[1]!;
    const booking = {
      calendarId: id,
      locationId: LOCATION,
      contactId: fx.contactId(),
      startTime: slot,
    };
    const created = await fx.api.post("/calendars/events/appointments", booking);
    await expectContract("POST /calendars/events/appointments", created, 200);
    expect(created.json).toMatchObject({ calendarId: id, startTime: slot });
    expect(allSlots(await fx.slotsOf(id))).not.toContain(slot);

    const again = await fx.api.post("/calendars/events/appointments", booking);
    expect(again.status).toBe(400);
    expect(again.json.message).toBe("The slot you have selected is no longer available.");
    const forced = await fx.api.post("/calendars/events/appointments", {
      ...booking,
      ignoreFreeSlotValidation: true,
    });
    expect(forced.status).toBe(200);

    await fx.api.put(`/calendars/events/appointments/${created.json.id as string}`, {
      appointmentStatus: "cancelled",
    });
    await fx.api.delete(`/calendars/events/${forced.json.id as string}`, {});
    expect(allSlots(await fx.slotsOf(id))).toContain(slot);
  });

  it("reads, moves and deletes an appointment, sending Appointment* webhooks", async () => {
    const { api } = fx;
    const id = await fx.newCalendar();
    const [first, second] = Object.values(await fx.slotsOf(id))[1]!.slots;
    const created = await api.post("/calendars/events/appointments", {
      calendarId: id,
      locationId: LOCATION,
      contactId: fx.contactId(),
      startTime: first,
      title: "Checkup",
    });
    const eventId = created.json.id as string;
    const read = await api.get(`/calendars/events/appointments/${eventId}`);
    await expectContract("GET /calendars/events/appointments/{eventId}", read, 200);
    expect(read.json.event).toMatchObject({ id: eventId, title: "Checkup", startTime: first });
    const moved = await api.put(`/calendars/events/appointments/${eventId}`, {
      startTime: second,
      appointmentStatus: "showed",
    });
    await expectContract("PUT /calendars/events/appointments/{eventId}", moved, 200);
    expect(moved.json).toMatchObject({ startTime: second, appointmentStatus: "showed" });

    const deleted = await api.delete(`/calendars/events/${eventId}`, {});
    await expectContract("DELETE /calendars/events/{eventId}", deleted, 201);
    expect(deleted.json).toEqual({ succeeded: true });
    expect((await api.get(`/calendars/events/appointments/${eventId}`)).status).toBe(400);

    await fx.running.control.webhooks.idle();
    const mine = fx.received.filter(
      (body) => (body.appointment as { id?: string } | undefined)?.id === eventId,
    );
    expect(mine.map((body) => body.type)).toEqual([
      "AppointmentCreate",
      "AppointmentUpdate",
      "AppointmentDelete",
    ]);
    expect(mine[0]).toMatchObject({
      locationId: LOCATION,
      appointment: { calendarId: id, title: "Checkup", startTime: first },
    });
    expect(mine[1]).toMatchObject({ appointment: { appointmentStatus: "showed" } });
  });

  it("lists events by exactly one of calendarId, userId or groupId", async () => {
    const { api } = fx;
    const window = {
      locationId: LOCATION,
      startTime: String(Date.now() - 31 * DAY),
      endTime: String(Date.now() + 31 * DAY),
    };
    const calendar = [...fx.running.sandbox.state.calendars.values()].find(
      (c) => c.locationId === LOCATION,
    )!;
    const byCalendar = await api.get("/calendars/events", { ...window, calendarId: calendar.id });
    await expectContract("GET /calendars/events", byCalendar, 200);
    const events = byCalendar.json.events as { assignedUserId: string }[];
    expect(events.length).toBeGreaterThan(0);
    const user = calendar.teamMembers[0]!;
    const byUser = await api.get("/calendars/events", { ...window, userId: user });
    const mine = byUser.json.events as { assignedUserId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.assignedUserId === user)).toBe(true);
    const byGroup = await api.get("/calendars/events", { ...window, groupId: calendar.groupId! });
    expect((byGroup.json.events as unknown[]).length).toBeGreaterThanOrEqual(events.length);

    const none = await api.get("/calendars/events", window);
    expect(none.status).toBe(422);
    expect(none.json.message).toEqual(["Either of userId, groupId or calendarId is required"]);
    const two = { ...window, calendarId: calendar.id, groupId: calendar.groupId! };
    expect((await api.get("/calendars/events", two)).status).toBe(422);
  });

  it("blocks slots, which free slots then skip", async () => {
    const { api } = fx;
    const id = await fx.newCalendar();
    const slot = allSlots(await fx.slotsOf(id))[0]!;
    const endTime = new Date(Date.parse(slot) + 60 * 60 * 1000).toISOString();
    const place = { calendarId: id, locationId: LOCATION };
    const block = await api.post("/calendars/events/block-slots", {
      ...place,
      startTime: slot,
      endTime,
      title: "Lunch",
    });
    await expectContract("POST /calendars/events/block-slots", block, 201);
    const open = allSlots(await fx.slotsOf(id));
    expect(open).not.toContain(slot);
    expect(open[0]).toMatch(/T10:00:00/);
    const blockId = block.json.id as string;
    const edited = await api.put(`/calendars/events/block-slots/${blockId}`, {
      ...place,
      title: "Team lunch",
    });
    await expectContract("PUT /calendars/events/block-slots/{eventId}", edited, 201);
    const listed = await api.get("/calendars/blocked-slots", {
      ...place,
      startTime: String(Date.now()),
      endTime: String(Date.now() + 10 * DAY),
    });
    await expectContract("GET /calendars/blocked-slots", listed, 200);
    expect(listed.json.events).toMatchObject([{ id: blockId, title: "Team lunch" }]);
    expect((await api.delete(`/calendars/events/${blockId}`, {})).status).toBe(201);
  });

  it("keeps a location token inside its location and wants Version 2021-04-15", async () => {
    const { api, running } = fx;
    const foreign = [...running.sandbox.state.calendars.values()].find(
      (c) => c.locationId === OTHER_LOCATION,
    )!;
    expect((await api.get(`/calendars/${foreign.id}`)).status).toBe(403);
    expect((await api.get("/calendars/", { locationId: OTHER_LOCATION })).status).toBe(403);
    const booking = await api.post("/calendars/events/appointments", {
      calendarId: foreign.id,
      locationId: OTHER_LOCATION,
      contactId: fx.contactId(),
      startTime: "2030-01-07T09:00:00-05:00",
    });
    expect(booking.status).toBe(403);
    expect(booking.json.message).toBe("The token does not have access to this location.");

    const wrongVersion = client(running, locationToken(running, LOCATION), VERSION.default);
    const refused = await wrongVersion.get("/calendars/", { locationId: LOCATION });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toBe("Version header is missing or not supported");
  });
});
