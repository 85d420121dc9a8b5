import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { expect } from "vitest";

import { VERSION, client, locationToken, startSandbox } from "../../testing/harness";

export const LOCATION = "AustinDentalStudio01"; // America/Chicago
export const OTHER_LOCATION = "HarborLegalGroup0001";
export const DAY = 24 * 60 * 60 * 1000;

export const WEEKDAYS_9_TO_5 = [
  {
    daysOfTheWeek: [1, 2, 3, 4, 5],
    hours: [{ openHour: 9, openMinute: 0, closeHour: 17, closeMinute: 0 }],
  },
];

/**
 * A sandbox whose demo app is installed on LOCATION and posts its webhooks to a local receiver,
 * with a Version 2021-04-15 client for LOCATION.
 */
export const startCalendarSandbox = async () => {
  const received: Record<string, unknown>[] = [];
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push(JSON.parse(body) as Record<string, unknown>);
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;
  const running = await startSandbox({ appWebhookUrl: `http://127.0.0.1:${port}/hooks` });
  const { state } = running.sandbox;
  state.installations.push({
    appId: [...state.apps.values()][0]!.appId,
    companyId: state.locations.get(LOCATION)!.companyId,
    locationId: LOCATION,
    installToFutureLocations: false,
    installedAt: 0,
  });
  const api = client(running, locationToken(running, LOCATION), VERSION.calendars);

  /** A fresh calendar, so seeded appointments do not decide which slots are free. */
  const newCalendar = async (fields: Record<string, unknown> = {}) => {
    const response = await api.post("/calendars/", {
      locationId: LOCATION,
      name: "Test Calendar",
      slotDuration: 30,
      slotInterval: 30,
      openHours: WEEKDAYS_9_TO_5,
      ...fields,
    });
    expect(response.status).toBe(200);
    return (response.json.calendar as { id: string }).id;
  };

  /** Free slots for the seven whole days after tomorrow's UTC midnight (18:00 in Chicago). */
  const freeSlots = (calendarId: string, query: Record<string, string> = {}) => {
    const from = Math.ceil(Date.now() / DAY) * DAY + DAY;
    return api.get(`/calendars/${calendarId}/free-slots`, {
      startDate: String(from),
      endDate: String(from + 7 * DAY),
      ...query,
    });
  };

  const slotsOf = async (calendarId: string, query: Record<string, string> = {}) => {
    const response = await freeSlots(calendarId, query);
    expect(response.status).toBe(200);
    return response.json as Record<string, { slots: string[] }>;
  };

  return {
    running,
    api,
    received,
    newCalendar,
    freeSlots,
    slotsOf,
    contactId: () => state.contacts.ofLocation(LOCATION)[0]!.id,
    close: async () => {
      await running.close();
      receiver.close();
    },
  };
};

export type CalendarFixture = Awaited<ReturnType<typeof startCalendarSandbox>>;
