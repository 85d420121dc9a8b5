import { z } from "zod";

import { optBool, optDate, optText, requiredId } from "../../../sync/mirror/lenient";
import { defineOperation } from "../define-operation";

const VERSION = "2021-07-28";
const zId = z.string().trim().min(1).max(100);
const under = (contactId: string, rest: string) =>
  `/contacts/${encodeURIComponent(contactId)}${rest}`;

const ZNote = z.looseObject({
  id: requiredId,
  body: optText,
  title: optText,
  userId: optText,
  pinned: optBool,
  dateAdded: optDate,
});
const ZTask = z.looseObject({
  id: requiredId,
  title: optText,
  body: optText,
  assignedTo: optText,
  completed: optBool,
  dueDate: optDate,
});

export const listNotes = defineOperation({
  id: "contacts.notes.list",
  title: "List notes",
  description: "A contact's notes, newest first.",
  scopes: ["contacts.readonly"],
  ghlCalls: 1,
  mutates: false,
  input: z.strictObject({ contactId: zId }),
  output: z.array(ZNote),
  run: async ({ http, target }, { contactId }) =>
    (
      await http.request({
        target,
        operation: "contacts.notes.list",
        method: "GET",
        path: under(contactId, "/notes"),
        version: VERSION,
        schema: z.object({ notes: z.array(ZNote) }),
      })
    ).notes,
});

export const createNote = defineOperation({
  id: "contacts.notes.create",
  title: "Add note",
  description: "Adds a note to a contact.",
  scopes: ["contacts.write"],
  ghlCalls: 1,
  mutates: true,
  input: z.strictObject({
    contactId: zId,
    body: z.string().trim().min(1, "A note needs text").max(10_000),
    title: z.string().trim().max(200).optional(),
    userId: zId.optional(),
  }),
  output: ZNote,
  run: async ({ http, target }, { contactId, ...note }) =>
    (
      await http.request({
        target,
        operation: "contacts.notes.create",
        method: "POST",
        path: under(contactId, "/notes"),
        body: note,
        version: VERSION,
        schema: z.object({ note: ZNote }),
      })
    ).note,
});

export const listTasks = defineOperation({
  id: "contacts.tasks.list",
  title: "List tasks",
  description: "A contact's tasks.",
  scopes: ["contacts.readonly"],
  ghlCalls: 1,
  mutates: false,
  input: z.strictObject({ contactId: zId }),
  output: z.array(ZTask),
  run: async ({ http, target }, { contactId }) =>
    (
      await http.request({
        target,
        operation: "contacts.tasks.list",
        method: "GET",
        path: under(contactId, "/tasks"),
        version: VERSION,
        schema: z.object({ tasks: z.array(ZTask) }),
      })
    ).tasks,
});

export const createTask = defineOperation({
  id: "contacts.tasks.create",
  title: "Add task",
  description: "Adds a task to a contact.",
  scopes: ["contacts.write"],
  ghlCalls: 1,
  mutates: true,
  input: z.strictObject({
    contactId: zId,
    title: z.string().trim().min(1, "A task needs a title").max(200),
    body: z.string().trim().max(10_000).optional(),
    dueDate: z.iso.datetime({ offset: true, message: "Use an ISO date and time" }),
    completed: z.boolean().default(false),
    assignedTo: zId.optional(),
  }),
  output: ZTask,
  run: async ({ http, target }, { contactId, ...task }) =>
    (
      await http.request({
        target,
        operation: "contacts.tasks.create",
        method: "POST",
        path: under(contactId, "/tasks"),
        body: task,
        version: VERSION,
        schema: z.object({ task: ZTask }),
      })
    ).task,
});

export const completeTask = defineOperation({
  id: "contacts.tasks.complete",
  title: "Complete task",
  description: "Marks a contact's task done or not done.",
  scopes: ["contacts.write"],
  ghlCalls: 1,
  mutates: true,
  input: z.strictObject({ contactId: zId, taskId: zId, completed: z.boolean() }),
  output: ZTask,
  run: async ({ http, target }, { contactId, taskId, completed }) =>
    (
      await http.request({
        target,
        operation: "contacts.tasks.complete",
        method: "PUT",
        path: under(contactId, `/tasks/${encodeURIComponent(taskId)}/completed`),
        body: { completed },
        version: VERSION,
        schema: z.object({ task: ZTask }),
      })
    ).task,
});
