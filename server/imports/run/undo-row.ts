import { and, eq } from "drizzle-orm";

import { contacts } from "../../db/schema";
import { CATALOG, runOperation } from "../../ghl/catalog";
import { deleteUnlessNewer } from "../../sync/mirror/last-write-wins";
import { isGone } from "./classify-error";
import type { ClaimedRow } from "./import-rows.repo";
import type { WriteScope } from "./write-row";

export type Undone = { note: string | null };

/** Tags the import added to a contact it updated (what undo takes away again). */
export const tagsAdded = (row: ClaimedRow) => {
  const sent = Array.isArray(row.payload.tags)
    ? row.payload.tags.filter((t): t is string => typeof t === "string")
    : [];
  if (sent.length === 0) return [];
  if (row.tagsBefore === null) return null;
  const before = new Set(row.tagsBefore.map((t) => t.toLowerCase()));
  return sent.filter((t) => !before.has(t.toLowerCase()));
};

/**
 * Undoes one row: a contact the import created is deleted (already gone counts as done); on a
 * contact it updated, the tags it added are removed again, so tags others changed since are kept.
 * Other field changes are not reverted (GHL keeps no history to revert them from).
 */
export const undoRow = async (scope: WriteScope, row: ClaimedRow): Promise<Undone> => {
  if (!row.ghlContactId) return { note: "No GoHighLevel id was recorded for this row." };
  const where = { agencyId: scope.agencyId, locationId: scope.locationId, ghlId: row.ghlContactId };
  if (row.outcome === "created") {
    try {
      await runOperation(CATALOG.deleteContact, scope.op, { contactId: row.ghlContactId });
    } catch (error) {
      if (!isGone(error)) throw error;
    }
    const now = new Date();
    await scope.db
      .insert(contacts)
      .values({ ...where, deletedAt: now, sourceVersion: now })
      .onConflictDoUpdate(deleteUnlessNewer(contacts));
    return { note: null };
  }
  const added = tagsAdded(row);
  if (added === null)
    return {
      note: "The contact's tags before the import are not known, so they were left as they are.",
    };
  if (added.length === 0) return { note: null };
  try {
    const { tags } = await runOperation(CATALOG.removeContactTags, scope.op, {
      contactId: row.ghlContactId,
      tags: added,
    });
    await scope.db
      .update(contacts)
      .set({ tags })
      .where(
        and(
          eq(contacts.agencyId, where.agencyId),
          eq(contacts.locationId, where.locationId),
          eq(contacts.ghlId, where.ghlId),
        ),
      );
  } catch (error) {
    if (!isGone(error)) throw error;
    return { note: "The contact no longer exists in GoHighLevel." };
  }
  return { note: null };
};
