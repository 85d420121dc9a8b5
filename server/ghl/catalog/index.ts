import {
  addContactTags,
  bulkUpdateTags,
  createContact,
  deleteContact,
  getContact,
  removeContactTags,
  searchContacts,
  updateContact,
  upsertContact,
} from "./contacts/contact-operations";
import {
  completeTask,
  createNote,
  createTask,
  listNotes,
  listTasks,
} from "./contacts/note-task-operations";
import { listCustomFields } from "./custom-field-operations";
import type { GhlOperation } from "./define-operation";

export { runOperation, type OperationContext } from "./define-operation";

/** Every GHL function GHL Hub can call, by id (for automation nodes and the API's own listing). */
export const CATALOG = {
  getContact,
  createContact,
  updateContact,
  deleteContact,
  upsertContact,
  searchContacts,
  addContactTags,
  removeContactTags,
  bulkUpdateTags,
  listNotes,
  createNote,
  listTasks,
  createTask,
  completeTask,
  listCustomFields,
} as const;

export const operationsById: ReadonlyMap<string, GhlOperation> = new Map(
  Object.values(CATALOG).map((op) => [op.id, op as unknown as GhlOperation]),
);
