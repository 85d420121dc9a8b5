import { z } from "zod";

import { locationInput } from "../locations/locations.schemas";
import { zContactId } from "./contacts.schemas";

export const ZCreateNoteInput = locationInput({
  contactId: zContactId,
  body: z.string().trim().min(1, "A note needs text").max(10_000),
  title: z.string().trim().max(200).optional(),
});

export const ZCreateTaskInput = locationInput({
  contactId: zContactId,
  title: z.string().trim().min(1, "A task needs a title").max(200),
  body: z.string().trim().max(10_000).optional(),
  dueDate: z.iso.datetime({ offset: true, message: "Use an ISO date and time" }),
});

export const ZCompleteTaskInput = locationInput({
  contactId: zContactId,
  taskId: z.string().trim().min(1).max(100),
  completed: z.boolean(),
});

export const ZNote = z.object({
  id: z.string(),
  title: z.string().nullable(),
  body: z.string().nullable(),
  userId: z.string().nullable(),
  pinned: z.boolean().nullable(),
  dateAdded: z.date().nullable(),
});

export const ZTask = z.object({
  id: z.string(),
  title: z.string().nullable(),
  body: z.string().nullable(),
  assignedTo: z.string().nullable(),
  completed: z.boolean(),
  dueDate: z.date().nullable(),
});

export const TIMELINE_KINDS = ["webhook", "audit", "note", "task"] as const;

export const ZTimelineItem = z.object({
  id: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  at: z.date(),
  title: z.string(),
  detail: z.string().nullable(),
  actor: z.string().nullable(),
});

export const ZTimeline = z.object({
  items: z.array(ZTimelineItem),
  /** Set when notes and tasks could not be read from GoHighLevel; the rest is still shown. */
  warning: z.string().nullable(),
});
export type TTimelineItem = z.infer<typeof ZTimelineItem>;
