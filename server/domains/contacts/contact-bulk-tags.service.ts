import { notFound } from "../../errors";
import { CATALOG, runOperation } from "../../ghl/catalog";
import type { GhlContactRecord } from "../../sync/contacts/contact-record";
import { toMirrorContact } from "../../sync/contacts/contact-record";
import { upsertMirrorContacts } from "../../sync/contacts/upsert-contacts";
import { auditContact } from "./contact-audit";
import { mapLimited, operationContext } from "./contact-ghl";
import type { WriteDeps } from "./contact-writes.service";
import { findContactRows } from "./contacts.repo";
import type { TBulkTagInput } from "./contacts.schemas";

/** GHL's bulk tag endpoint takes up to 100 contacts per call. */
const CHUNK = 100;
/** Re-reads in flight at once: leaves rate-limit room for everyone else on the location. */
const REFRESH_CONCURRENCY = 4;

const chunks = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, i * size + size),
  );

/**
 * Tags selected contacts of one location in GHL, 100 per call, then re-reads them so the mirror
 * holds GHL's versions. A contact that cannot be re-read is left to its TagUpdate webhook.
 */
export const bulkTag = async (deps: WriteDeps, input: TBulkTagInput) => {
  const ids = [...new Set(input.contactIds)];
  const rows = await findContactRows(deps.db, deps.tenant, ids);
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw notFound({ type: "contact", id: missing });

  const op = await operationContext(deps);
  let errorCount = 0;
  for (const chunk of chunks(rows, CHUNK)) {
    const answer = await runOperation(CATALOG.bulkUpdateTags, op, {
      action: input.action,
      contactIds: chunk.map((r) => r.ghlId),
      tags: input.tags,
    });
    errorCount += answer.errorCount;
  }

  const records = await mapLimited(rows, REFRESH_CONCURRENCY, (row) =>
    runOperation(CATALOG.getContact, op, { contactId: row.ghlId }).catch(
      (error: unknown): GhlContactRecord | null => {
        deps.log.warn({ err: error, contactId: row.id }, "could not re-read a tagged contact");
        return null;
      },
    ),
  );
  const fresh = records.filter((r): r is GhlContactRecord => r !== null);
  const now = new Date();
  await upsertMirrorContacts(
    deps.db,
    fresh.map((r) => toMirrorContact(deps.tenant, r, now)),
  );

  const tagsAfter = new Map(fresh.map((r) => [r.id, r.tags ?? []]));
  for (const row of rows) {
    await auditContact(deps, {
      action: input.action === "add" ? "contact.tags_added" : "contact.tags_removed",
      contact: row,
      details: {
        bulk: true,
        tags: input.tags,
        before: { tags: row.tags },
        after: tagsAfter.has(row.ghlId) ? { tags: tagsAfter.get(row.ghlId) } : null,
      },
    });
  }
  return { requested: rows.length, errorCount, refreshed: fresh.length };
};
