import { contactFor, isRecord, iso, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import { errors } from "../../core/errors";
import type { Sandbox } from "../../context";
import type { Note, Task } from "../../store/types";
import { requireString } from "./contact-service";

const bodyOf = (body: unknown) => (isRecord(body) ? body : {});

const renderNote = (n: Note) => ({
  id: n.id,
  body: n.body,
  userId: n.userId ?? undefined,
  dateAdded: iso(n.dateAdded),
  contactId: n.contactId,
  ...(n.title ? { title: n.title } : {}),
  ...(n.color ? { color: n.color } : {}),
  pinned: n.pinned,
});

const renderTask = (t: Task) => ({
  id: t.id,
  title: t.title,
  body: t.body ?? undefined,
  assignedTo: t.assignedTo ?? undefined,
  dueDate: t.dueDate,
  completed: t.completed,
  contactId: t.contactId,
});

const noteEvent = (sandbox: Sandbox, type: string, locationId: string, n: Note) =>
  sandbox.emit({
    type,
    locationId,
    data: { id: n.id, body: n.body, contactId: n.contactId, dateAdded: iso(n.dateAdded) },
  });

const taskEvent = (sandbox: Sandbox, type: string, locationId: string, t: Task) =>
  sandbox.emit({
    type,
    locationId,
    data: {
      id: t.id,
      assignedTo: t.assignedTo ?? undefined,
      body: t.body ?? undefined,
      contactId: t.contactId,
      title: t.title,
      dateAdded: iso(t.dateAdded),
      dueDate: t.dueDate,
    },
  });

const noteOf = (sandbox: Sandbox, contactId: string, id: string | undefined) => {
  const note = id ? sandbox.state.notes.get(id) : undefined;
  if (!note || note.contactId !== contactId)
    throw errors.badRequest(`Note with id ${id ?? ""} not found`);
  return note;
};

const taskOf = (sandbox: Sandbox, contactId: string, id: string | undefined) => {
  const task = id ? sandbox.state.tasks.get(id) : undefined;
  if (!task || task.contactId !== contactId)
    throw errors.badRequest(`Task with id ${id ?? ""} not found`);
  return task;
};

export const notesTasksRoutes: RouteTable = {
  "GET /contacts/{contactId}/notes": (sandbox, { params, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const notes = [...sandbox.state.notes.values()]
      .filter((n) => n.contactId === contact.id)
      .sort((a, b) => b.dateAdded - a.dateAdded);
    return { status: 200, body: { notes: notes.map(renderNote) } };
  },
  "POST /contacts/{contactId}/notes": (sandbox, { params, body, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const input = bodyOf(body);
    const note: Note = {
      id: sandbox.ids.ghl(),
      contactId: contact.id,
      body: requireString(input, "body"),
      title: str(input.title) ?? null,
      color: str(input.color) ?? null,
      pinned: input.pinned === true,
      userId: str(input.userId) ?? null,
      dateAdded: sandbox.clock.now(),
    };
    sandbox.state.notes.set(note.id, note);
    noteEvent(sandbox, "NoteCreate", contact.locationId, note);
    return { status: 201, body: { note: renderNote(note) } };
  },
  "GET /contacts/{contactId}/notes/{id}": (sandbox, { params, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    return { status: 200, body: { note: renderNote(noteOf(sandbox, contact.id, params.id)) } };
  },
  "PUT /contacts/{contactId}/notes/{id}": (sandbox, { params, body, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const note = noteOf(sandbox, contact.id, params.id);
    const input = bodyOf(body);
    if (typeof input.body === "string") note.body = input.body;
    if (typeof input.title === "string") note.title = input.title;
    if (typeof input.color === "string") note.color = input.color;
    if (typeof input.pinned === "boolean") note.pinned = input.pinned;
    noteEvent(sandbox, "NoteUpdate", contact.locationId, note);
    return { status: 200, body: { note: renderNote(note) } };
  },
  "DELETE /contacts/{contactId}/notes/{id}": (sandbox, { params, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const note = noteOf(sandbox, contact.id, params.id);
    sandbox.state.notes.delete(note.id);
    noteEvent(sandbox, "NoteDelete", contact.locationId, note);
    return { status: 200, body: { succeded: true } };
  },

  "GET /contacts/{contactId}/tasks": (sandbox, { params, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const tasks = [...sandbox.state.tasks.values()].filter((t) => t.contactId === contact.id);
    return { status: 200, body: { tasks: tasks.map(renderTask) } };
  },
  "POST /contacts/{contactId}/tasks": (sandbox, { params, body, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const input = bodyOf(body);
    const dueDate = requireString(input, "dueDate");
    if (Number.isNaN(Date.parse(dueDate)))
      throw errors.unprocessable(["dueDate must be a valid ISO 8601 date string"]);
    const task: Task = {
      id: sandbox.ids.ghl(),
      contactId: contact.id,
      title: requireString(input, "title"),
      body: str(input.body) ?? null,
      assignedTo: str(input.assignedTo) ?? null,
      dueDate: new Date(dueDate).toISOString(),
      completed: input.completed === true,
      dateAdded: sandbox.clock.now(),
    };
    sandbox.state.tasks.set(task.id, task);
    taskEvent(sandbox, "TaskCreate", contact.locationId, task);
    return { status: 201, body: { task: renderTask(task) } };
  },
  "GET /contacts/{contactId}/tasks/{taskId}": (sandbox, { params, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    return { status: 200, body: { task: renderTask(taskOf(sandbox, contact.id, params.taskId)) } };
  },
  "PUT /contacts/{contactId}/tasks/{taskId}": (sandbox, { params, body, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const task = taskOf(sandbox, contact.id, params.taskId);
    const input = bodyOf(body);
    const wasDone = task.completed;
    if (typeof input.title === "string") task.title = input.title;
    if (typeof input.body === "string") task.body = input.body;
    if (typeof input.assignedTo === "string") task.assignedTo = input.assignedTo;
    if (typeof input.dueDate === "string" && !Number.isNaN(Date.parse(input.dueDate)))
      task.dueDate = new Date(input.dueDate).toISOString();
    if (typeof input.completed === "boolean") task.completed = input.completed;
    if (task.completed && !wasDone) taskEvent(sandbox, "TaskComplete", contact.locationId, task);
    return { status: 200, body: { task: renderTask(task) } };
  },
  "PUT /contacts/{contactId}/tasks/{taskId}/completed": (sandbox, { params, body, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const task = taskOf(sandbox, contact.id, params.taskId);
    const completed = bodyOf(body).completed;
    if (typeof completed !== "boolean")
      throw errors.unprocessable(["completed must be a boolean value"]);
    const wasDone = task.completed;
    task.completed = completed;
    if (completed && !wasDone) taskEvent(sandbox, "TaskComplete", contact.locationId, task);
    return { status: 200, body: { task: renderTask(task) } };
  },
  "DELETE /contacts/{contactId}/tasks/{taskId}": (sandbox, { params, token }) => {
    const contact = contactFor(sandbox, token, params.contactId);
    const task = taskOf(sandbox, contact.id, params.taskId);
    sandbox.state.tasks.delete(task.id);
    taskEvent(sandbox, "TaskDelete", contact.locationId, task);
    return { status: 200, body: { succeded: true } };
  },
};
