import { CATALOG, runOperation } from "../../ghl/catalog";
import { GhlError } from "../../ghl/errors";
import type { GhlContactRecord } from "../../sync/contacts/contact-record";
import { auditContact, contactDiff } from "./contact-audit";
import { operationContext, saveToMirror } from "./contact-ghl";
import type { TMergeInput } from "./contact-merge.schemas";
import type { WriteDeps } from "./contact-writes.service";
import { tombstoneContact } from "./contacts.repo";
import type { TContact } from "./contacts.schemas";
import { requireContact } from "./contacts.service";
import { type MergePlan, planMerge } from "./merge-plan";

const loadPair = async (deps: WriteDeps, input: TMergeInput) => {
  const [primary, duplicate] = await Promise.all([
    requireContact(deps, input.primaryId),
    requireContact(deps, input.duplicateId),
  ]);
  return { primary, duplicate };
};

export const previewMerge = async (deps: WriteDeps, input: TMergeInput) => {
  const pair = await loadPair(deps, input);
  return { ...pair, plan: planMerge(pair.primary, pair.duplicate) };
};

/**
 * Email and phone are copied only after the duplicate is gone: a location that refuses duplicate
 * contacts would refuse the primary taking an email or phone the duplicate still holds.
 */
const splitFill = (plan: MergePlan) => {
  const { email, phone, ...rest } = plan.fill;
  const late = { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
  return { early: rest, late };
};

/**
 * Merges the duplicate into the primary in GHL (update primary, delete duplicate, then the
 * identifiers), mirrors the result and audits both contacts with the duplicate's full snapshot,
 * so nothing of it is lost even if the last step fails.
 */
export const mergeContacts = async (deps: WriteDeps, input: TMergeInput) => {
  const { primary, duplicate } = await loadPair(deps, input);
  const plan = planMerge(primary, duplicate);
  const { early, late } = splitFill(plan);
  const op = await operationContext(deps);
  let record: GhlContactRecord | null = null;
  let after: TContact = primary;

  const earlyFields = {
    ...early,
    ...(plan.tagsAdded.length > 0 ? { tags: [...primary.tags, ...plan.tagsAdded] } : {}),
    ...(plan.customFieldsAdded.length > 0
      ? {
          // GHL takes numbers as text on write.
          customFields: plan.customFieldsAdded.map((f) => ({
            id: f.id,
            field_value: typeof f.value === "number" ? String(f.value) : f.value,
          })),
        }
      : {}),
  };
  let deleted = false;
  let incomplete: string | null = null;
  try {
    if (Object.keys(earlyFields).length > 0)
      record = await runOperation(CATALOG.updateContact, op, {
        contactId: primary.ghlId,
        fields: earlyFields,
      });
    await runOperation(CATALOG.deleteContact, op, { contactId: duplicate.ghlId }).catch(
      (error: unknown) => {
        if (!(error instanceof GhlError && error.code === "GHL-003")) throw error;
      },
    );
    deleted = true;
    await tombstoneContact(deps.db, deps.tenant, duplicate.id, new Date());
    await auditContact(deps, {
      action: "contact.deleted",
      contact: duplicate,
      details: { mergedInto: primary.id, ...contactDiff(duplicate, null) },
    });
    if (Object.keys(late).length > 0)
      record = await runOperation(CATALOG.updateContact, op, {
        contactId: primary.ghlId,
        fields: late,
      });
  } catch (error) {
    const why = error instanceof Error ? error.message : "unknown error";
    incomplete = deleted
      ? `The duplicate was deleted but its email/phone could not be copied: ${why}`
      : `The duplicate was not deleted: ${why}`;
    throw error;
  } finally {
    // Whatever reached GHL is mirrored and audited, even when a later step failed.
    if (record) after = await saveToMirror(deps.db, deps.tenant, record);
    if (record || deleted)
      await auditContact(deps, {
        action: "contact.merged",
        contact: primary,
        details: {
          duplicateId: duplicate.id,
          duplicateGhlId: duplicate.ghlId,
          duplicateSnapshot: contactDiff(duplicate, null).before,
          conflictsKeptFromPrimary: plan.conflicts.map((c) => c.field),
          incomplete,
          ...contactDiff(primary, after),
        },
      });
  }
  return { contact: after, deletedId: duplicate.id };
};
