import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";

import { contacts } from "../../db/schema";
import type { Db } from "../../db/types";
import { CATALOG, type OperationContext, runOperation } from "../../ghl/catalog";
import type { LocationKey } from "./sync-runs.repo";

/** A verify pass found these contacts in GHL. */
export const markSeen = async (tx: Db, locationId: string, ghlIds: string[]) => {
  if (ghlIds.length === 0) return;
  await tx
    .update(contacts)
    .set({ seenAt: sql`clock_timestamp()` })
    .where(and(eq(contacts.locationId, locationId), inArray(contacts.ghlId, ghlIds)));
};

/**
 * After a complete verify pass: the mirror's live contacts the pass did not see are gone from GHL
 * (deleted, or merged away) and their delete event never came. Tombstoned, keeping their version
 * so only a newer one from GHL can bring them back. Contacts the mirror took in after `settledBy`
 * are left alone: GHL's search index may not show a record that new yet.
 */
export const tombstoneUnseen = async (
  tx: Db,
  key: LocationKey,
  settledBy: Date,
  passStartedAt: Date,
) => {
  const gone = await tx
    .update(contacts)
    .set({ deletedAt: sql`clock_timestamp()` })
    .where(
      and(
        eq(contacts.agencyId, key.agencyId),
        eq(contacts.locationId, key.locationId),
        isNull(contacts.deletedAt),
        or(isNull(contacts.seenAt), lt(contacts.seenAt, passStartedAt)),
        lt(contacts.syncedAt, settledBy),
      ),
    )
    .returning({ id: contacts.id });
  return gone.length;
};

/**
 * Whether the mirror holds more live contacts than GHL reports (one search call for GHL's total):
 * the mark of deletes whose events were lost. Fewer is normal for a moment (webhooks on the way)
 * and a reconcile repairs it; more is what asks for a verify pass.
 */
export const mirrorHoldsMoreThanGhl = async (db: Db, ctx: OperationContext, locationId: string) => {
  const page = await runOperation(CATALOG.searchContacts, ctx, { pageLimit: 1 });
  if (page.total === null) return false;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(and(eq(contacts.locationId, locationId), isNull(contacts.deletedAt)));
  return (row?.n ?? 0) > page.total;
};
