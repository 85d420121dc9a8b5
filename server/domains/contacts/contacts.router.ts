import { z } from "zod";

import { router } from "../../trpc/init";
import { agencyProcedure, locationAdminProcedure, locationProcedure } from "../../trpc/procedures";
import {
  ZCompleteTaskInput,
  ZCreateNoteInput,
  ZCreateTaskInput,
  ZNote,
  ZTask,
  ZTimeline,
} from "./contact-activity.schemas";
import {
  completeTask,
  createNote,
  createTask,
  getTimeline,
  listNotes,
  listTasks,
} from "./contact-activity.service";
import { bulkTag } from "./contact-bulk-tags.service";
import { ZMergeInput, ZMergePreview, ZMergeResult } from "./contact-merge.schemas";
import { mergeContacts, previewMerge } from "./contact-merge.service";
import {
  changeTags,
  createContact,
  deleteContact,
  updateContact,
  upsertContact,
} from "./contact-writes.service";
import {
  ZAgencyContactPage,
  ZBulkTagInput,
  ZBulkTagResult,
  ZContact,
  ZContactDetail,
  ZContactPage,
  ZContactRef,
  ZCreateContactInput,
  ZFilterOptions,
  ZListContactsInput,
  ZLocationRef,
  ZSearchAllInput,
  ZTagsInput,
  ZUpdateContactInput,
  ZUpsertContactInput,
  ZUpsertResult,
} from "./contacts.schemas";
import {
  getContactDetail,
  getFilterOptions,
  listContacts,
  searchAllContacts,
} from "./contacts.service";

/**
 * Reads come from the mirror; writes go to GHL first, then the mirror. Anyone with access to the
 * location reads and edits its contacts (sales reps work them every day); deleting and merging,
 * which cannot be undone, need the location's admin role (agency owners and admins have it
 * everywhere).
 */
export const contactsRouter = router({
  list: locationProcedure
    .input(ZListContactsInput)
    .output(ZContactPage)
    .query(({ ctx, input }) => listContacts(ctx, input)),
  searchAll: agencyProcedure
    .input(ZSearchAllInput)
    .output(ZAgencyContactPage)
    .query(({ ctx, input }) => searchAllContacts(ctx, input)),
  filterOptions: locationProcedure
    .input(ZLocationRef)
    .output(ZFilterOptions)
    .query(({ ctx }) => getFilterOptions(ctx)),
  get: locationProcedure
    .input(ZContactRef)
    .output(ZContactDetail)
    .query(({ ctx, input }) => getContactDetail(ctx, input.contactId)),
  create: locationProcedure
    .input(ZCreateContactInput)
    .output(ZContact)
    .mutation(({ ctx, input }) => createContact(ctx, input)),
  update: locationProcedure
    .input(ZUpdateContactInput)
    .output(ZContact)
    .mutation(({ ctx, input }) => updateContact(ctx, input)),
  upsert: locationProcedure
    .input(ZUpsertContactInput)
    .output(ZUpsertResult)
    .mutation(({ ctx, input }) => upsertContact(ctx, input)),
  delete: locationAdminProcedure
    .input(ZContactRef)
    .output(z.object({ id: z.uuid(), deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteContact(ctx, input.contactId)),
  addTags: locationProcedure
    .input(ZTagsInput)
    .output(ZContact)
    .mutation(({ ctx, input }) => changeTags(ctx, input, "add")),
  removeTags: locationProcedure
    .input(ZTagsInput)
    .output(ZContact)
    .mutation(({ ctx, input }) => changeTags(ctx, input, "remove")),
  bulkTag: locationProcedure
    .input(ZBulkTagInput)
    .output(ZBulkTagResult)
    .mutation(({ ctx, input }) => bulkTag(ctx, input)),
  listNotes: locationProcedure
    .input(ZContactRef)
    .output(z.array(ZNote))
    .query(({ ctx, input }) => listNotes(ctx, input)),
  createNote: locationProcedure
    .input(ZCreateNoteInput)
    .output(ZNote)
    .mutation(({ ctx, input }) => createNote(ctx, input)),
  listTasks: locationProcedure
    .input(ZContactRef)
    .output(z.array(ZTask))
    .query(({ ctx, input }) => listTasks(ctx, input)),
  createTask: locationProcedure
    .input(ZCreateTaskInput)
    .output(ZTask)
    .mutation(({ ctx, input }) => createTask(ctx, input)),
  completeTask: locationProcedure
    .input(ZCompleteTaskInput)
    .output(ZTask)
    .mutation(({ ctx, input }) => completeTask(ctx, input)),
  timeline: locationProcedure
    .input(ZContactRef)
    .output(ZTimeline)
    .query(({ ctx, input }) => getTimeline(ctx, input)),
  mergePreview: locationProcedure
    .input(ZMergeInput)
    .output(ZMergePreview)
    .query(({ ctx, input }) => previewMerge(ctx, input)),
  merge: locationAdminProcedure
    .input(ZMergeInput)
    .output(ZMergeResult)
    .mutation(({ ctx, input }) => mergeContacts(ctx, input)),
});
