import type { CalendarOpenHour } from "../../store/types";

/** GHL's UI opens a new calendar Mon–Fri 9–17; the API default is unconfirmed. */
export const weekdaysNineToFive = (): CalendarOpenHour[] => [
  {
    daysOfTheWeek: [1, 2, 3, 4, 5],
    hours: [{ openHour: 9, openMinute: 0, closeHour: 17, closeMinute: 0 }],
  },
];

export const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
