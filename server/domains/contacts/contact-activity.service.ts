import { CATALOG, type OperationContext, runOperation } from "../../ghl/catalog";
import { auditContact } from "./contact-audit";
import { operationContext } from "./contact-ghl";
import type { TTimelineItem } from "./contact-activity.schemas";
import { listContactAudit, listContactEvents } from "./contact-timeline.repo";
import type { WriteDeps } from "./contact-writes.service";
import { requireContact } from "./contacts.service";

type Ref = { contactId: string };

const byNewest = <T extends { at: Date | null }>(a: T, b: T) =>
  (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0);

type GhlNote = Awaited<ReturnType<typeof CATALOG.createNote.run>>;

const toNote = (n: GhlNote) => ({
  id: n.id,
  title: n.title,
  body: n.body,
  userId: n.userId,
  pinned: n.pinned ?? null,
  dateAdded: n.dateAdded,
});

const readNotes = async (op: OperationContext, ghlId: string) =>
  (await runOperation(CATALOG.listNotes, op, { contactId: ghlId }))
    .map(toNote)
    .sort((a, b) => byNewest({ at: a.dateAdded }, { at: b.dateAdded }));

const readTasks = async (op: OperationContext, ghlId: string) =>
  (await runOperation(CATALOG.listTasks, op, { contactId: ghlId })).map((t) => ({
    id: t.id,
    title: t.title,
    body: t.body,
    assignedTo: t.assignedTo,
    completed: t.completed ?? false,
    dueDate: t.dueDate,
  }));

// Notes and tasks live in GHL only (no mirror table yet), so they are read through the catalog.
export const listNotes = async (deps: WriteDeps, { contactId }: Ref) => {
  const contact = await requireContact(deps, contactId);
  return readNotes(await operationContext(deps), contact.ghlId);
};

export const listTasks = async (deps: WriteDeps, { contactId }: Ref) => {
  const contact = await requireContact(deps, contactId);
  return readTasks(await operationContext(deps), contact.ghlId);
};

export const createNote = async (
  deps: WriteDeps,
  input: Ref & { body: string; title?: string },
) => {
  const contact = await requireContact(deps, input.contactId);
  const note = await runOperation(CATALOG.createNote, await operationContext(deps), {
    contactId: contact.ghlId,
    body: input.body,
    title: input.title,
  });
  await auditContact(deps, {
    action: "contact.note_added",
    contact,
    details: { after: { noteId: note.id, title: note.title, body: note.body } },
  });
  return toNote(note);
};

export const createTask = async (
  deps: WriteDeps,
  input: Ref & { title: string; body?: string; dueDate: string },
) => {
  const contact = await requireContact(deps, input.contactId);
  const task = await runOperation(CATALOG.createTask, await operationContext(deps), {
    contactId: contact.ghlId,
    title: input.title,
    body: input.body,
    dueDate: input.dueDate,
  });
  await auditContact(deps, {
    action: "contact.task_added",
    contact,
    details: { after: { taskId: task.id, title: task.title, dueDate: task.dueDate } },
  });
  return { ...task, completed: task.completed ?? false };
};

export const completeTask = async (
  deps: WriteDeps,
  input: Ref & { taskId: string; completed: boolean },
) => {
  const contact = await requireContact(deps, input.contactId);
  const task = await runOperation(CATALOG.completeTask, await operationContext(deps), {
    contactId: contact.ghlId,
    taskId: input.taskId,
    completed: input.completed,
  });
  await auditContact(deps, {
    action: input.completed ? "contact.task_completed" : "contact.task_reopened",
    contact,
    details: {
      taskId: task.id,
      before: { completed: !input.completed },
      after: { completed: task.completed ?? input.completed },
    },
  });
  return { ...task, completed: task.completed ?? input.completed };
};

const ACTION_TITLES: Record<string, string> = {
  "contact.created": "Created in GHL Hub",
  "contact.updated": "Edited",
  "contact.deleted": "Deleted",
  "contact.tags_added": "Tags added",
  "contact.tags_removed": "Tags removed",
  "contact.note_added": "Note added",
  "contact.task_added": "Task added",
  "contact.task_completed": "Task completed",
  "contact.task_reopened": "Task reopened",
  "contact.merged": "Merged with a duplicate",
};

const changedFields = (details: Record<string, unknown> | null) => {
  const after = details?.after;
  if (details?.tags && Array.isArray(details.tags)) return details.tags.join(", ");
  if (!after || typeof after !== "object") return null;
  const keys = Object.keys(after);
  return keys.length > 0 ? keys.join(", ") : null;
};

/**
 * Everything known about the contact, newest first: webhook events GHL sent, GHL Hub's own audited
 * writes, and its notes and tasks from GHL. When GHL cannot be reached the rest is still shown.
 */
export const getTimeline = async (deps: WriteDeps, { contactId }: Ref) => {
  const contact = await requireContact(deps, contactId);
  const [events, audit, fromGhl] = await Promise.all([
    listContactEvents(deps.db, deps.tenant, contact.ghlId),
    listContactAudit(deps.db, deps.tenant, contact.id),
    operationContext(deps)
      .then(async (op) => {
        const [notes, tasks] = await Promise.all([
          readNotes(op, contact.ghlId),
          readTasks(op, contact.ghlId),
        ]);
        return { notes, tasks, warning: null };
      })
      .catch((error: unknown) => ({
        notes: [],
        tasks: [],
        warning: `Notes and tasks could not be read from GoHighLevel: ${
          error instanceof Error ? error.message : "unknown error"
        }`,
      })),
  ]);
  const items: TTimelineItem[] = [
    ...events.map((e) => ({
      id: `webhook:${e.id}`,
      kind: "webhook" as const,
      at: e.eventAt ?? e.receivedAt,
      title: `GoHighLevel sent ${e.ghlType}`,
      detail: `${e.eventType ?? "unknown type"} · ${e.status}`,
      actor: null,
    })),
    ...audit.map((a) => ({
      id: `audit:${a.id}`,
      kind: "audit" as const,
      at: a.occurredAt,
      title: ACTION_TITLES[a.action] ?? a.action,
      detail: changedFields(a.details),
      actor: a.actorName ?? a.actorEmail,
    })),
    ...fromGhl.notes.flatMap((n) =>
      n.dateAdded
        ? [
            {
              id: `note:${n.id}`,
              kind: "note" as const,
              at: n.dateAdded,
              title: n.title ? `Note: ${n.title}` : "Note",
              detail: n.body,
              actor: null,
            },
          ]
        : [],
    ),
    ...fromGhl.tasks.flatMap((t) =>
      t.dueDate
        ? [
            {
              id: `task:${t.id}`,
              kind: "task" as const,
              at: t.dueDate,
              title: `Task ${t.completed ? "done" : "due"}: ${t.title ?? "untitled"}`,
              detail: t.body,
              actor: null,
            },
          ]
        : [],
    ),
  ];
  return { items: items.sort(byNewest), warning: fromGhl.warning };
};
