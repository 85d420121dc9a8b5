import { AppError } from "../../errors";
import { CATALOG, runOperation } from "../../ghl/catalog";
import { GhlError } from "../../ghl/errors";
import type { GhlRuntime } from "../../ghl/runtime";
import type { LocationTenant } from "../../tenancy";
import { type AuditDeps, auditContact, contactDiff } from "./contact-audit";
import { customFieldWrites } from "./contact-custom-values";
import { operationContext, saveToMirror } from "./contact-ghl";
import { findContactByGhlId, tombstoneContact } from "./contacts.repo";
import type { TContact, TCreateContactInput, TUpdateContactInput } from "./contacts.schemas";
import { requireContact } from "./contacts.service";

export type WriteDeps = AuditDeps & { tenant: LocationTenant; ghl: () => Promise<GhlRuntime> };

/** GHL refuses a second contact with the same email or phone unless the location allows it. */
const explainDuplicate = (error: unknown): never => {
  if (
    error instanceof GhlError &&
    error.code === "GHL-004" &&
    /duplicat/i.test(error.upstreamMessage ?? "")
  ) {
    throw new AppError(
      "DUPLICATE_CONTACT",
      "A contact with this email or phone already exists in this location, and the location does not allow duplicates. Open that contact, or use upsert to update it.",
    );
  }
  throw error;
};

/** GHL no longer has the contact: the mirror catches up before the error goes back. */
const tombstoneIfGone = async (deps: WriteDeps, contact: TContact, error: unknown) => {
  if (error instanceof GhlError && error.code === "GHL-003")
    await tombstoneContact(deps.db, deps.tenant, contact.id, new Date());
  throw error;
};

const withCustomFields = <T extends object>(
  fields: T,
  customFields: Awaited<ReturnType<typeof customFieldWrites>>,
) => (customFields.length > 0 ? { ...fields, customFields } : fields);

export const createContact = async (deps: WriteDeps, input: TCreateContactInput) => {
  const customFields = await customFieldWrites(deps.db, deps.tenant, input.customFields);
  const op = await operationContext(deps);
  const record = await runOperation(
    CATALOG.createContact,
    op,
    withCustomFields(input.fields, customFields),
  ).catch(explainDuplicate);
  const contact = await saveToMirror(deps.db, deps.tenant, record);
  await auditContact(deps, {
    action: "contact.created",
    contact,
    details: contactDiff(null, contact),
  });
  return contact;
};

export const updateContact = async (deps: WriteDeps, input: TUpdateContactInput) => {
  const before = await requireContact(deps, input.contactId);
  const customFields = await customFieldWrites(deps.db, deps.tenant, input.customFields);
  const fields = withCustomFields(input.fields, customFields);
  if (Object.keys(fields).length === 0) return before;
  const op = await operationContext(deps);
  const record = await runOperation(CATALOG.updateContact, op, {
    contactId: before.ghlId,
    fields,
  })
    .catch((error: unknown) => tombstoneIfGone(deps, before, error))
    .catch(explainDuplicate);
  const after = await saveToMirror(deps.db, deps.tenant, record);
  await auditContact(deps, {
    action: "contact.updated",
    contact: after,
    details: contactDiff(before, after),
  });
  return after;
};

export const upsertContact = async (deps: WriteDeps, input: TCreateContactInput) => {
  const customFields = await customFieldWrites(deps.db, deps.tenant, input.customFields);
  const op = await operationContext(deps);
  const answer = await runOperation(
    CATALOG.upsertContact,
    op,
    withCustomFields(input.fields, customFields),
  );
  const before = await findContactByGhlId(deps.db, deps.tenant, answer.contact.id);
  const contact = await saveToMirror(deps.db, deps.tenant, answer.contact);
  await auditContact(deps, {
    action: answer.created ? "contact.created" : "contact.updated",
    contact,
    details: { via: "upsert", ...contactDiff(answer.created ? null : before, contact) },
  });
  return { created: answer.created, contact };
};

export const deleteContact = async (deps: WriteDeps, contactId: string) => {
  const before = await requireContact(deps, contactId);
  const op = await operationContext(deps);
  await runOperation(CATALOG.deleteContact, op, { contactId: before.ghlId }).catch(
    (error: unknown) => {
      // Already gone in GHL: the mirror just had not heard yet.
      if (!(error instanceof GhlError && error.code === "GHL-003")) throw error;
    },
  );
  await tombstoneContact(deps.db, deps.tenant, before.id, new Date());
  await auditContact(deps, {
    action: "contact.deleted",
    contact: before,
    details: contactDiff(before, null),
  });
  return { id: before.id, deleted: true as const };
};

/** Adds or removes tags, then re-reads the contact so the mirror holds GHL's own version. */
export const changeTags = async (
  deps: WriteDeps,
  input: { contactId: string; tags: string[] },
  action: "add" | "remove",
) => {
  const before = await requireContact(deps, input.contactId);
  const op = await operationContext(deps);
  const operation = action === "add" ? CATALOG.addContactTags : CATALOG.removeContactTags;
  await runOperation(operation, op, { contactId: before.ghlId, tags: input.tags }).catch(
    (error: unknown) => tombstoneIfGone(deps, before, error),
  );
  const record = await runOperation(CATALOG.getContact, op, { contactId: before.ghlId });
  const after = await saveToMirror(deps.db, deps.tenant, record);
  await auditContact(deps, {
    action: action === "add" ? "contact.tags_added" : "contact.tags_removed",
    contact: after,
    details: { tags: input.tags, before: { tags: before.tags }, after: { tags: after.tags } },
  });
  return after;
};
