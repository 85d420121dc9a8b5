import { type SQL, getTableColumns, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

import type { appointments, contacts, opportunities } from "../../db/schema";

type MirrorTable = typeof contacts | typeof opportunities | typeof appointments;

/** `seenAt` is the verify pass's mark, not GHL data: a snapshot must not clear it. */
const KEEP_ON_UPDATE = new Set(["id", "agencyId", "locationId", "ghlId", "dateAdded", "seenAt"]);

/**
 * ON CONFLICT for a GHL snapshot: take the incoming row unless the mirror already holds a newer
 * version (webhooks arrive in any order, twice, or late). On a tie the update applies only to a
 * live row, so a delete and an update stamped with the same instant leave the record deleted.
 */
export const newestWins = (table: MirrorTable) => {
  const set: Record<string, SQL> = {};
  const columns: Record<string, PgColumn> = getTableColumns(table);
  for (const [key, column] of Object.entries(columns)) {
    if (!KEEP_ON_UPDATE.has(key)) set[key] = sql`excluded.${sql.identifier(column.name)}`;
  }
  set.dateAdded = sql`coalesce(excluded."date_added", ${table.dateAdded})`;
  set.deletedAt = sql`null`;
  set.syncedAt = sql`now()`;
  return {
    target: [table.locationId, table.ghlId],
    set,
    setWhere: sql`${table.sourceVersion} < excluded."source_version" or (${table.sourceVersion} = excluded."source_version" and ${table.deletedAt} is null)`,
  };
};

/** ON CONFLICT for a delete: keep a tombstone unless a newer version exists. */
export const deleteUnlessNewer = (table: MirrorTable) => ({
  target: [table.locationId, table.ghlId],
  set: {
    deletedAt: sql`excluded."deleted_at"`,
    sourceVersion: sql`excluded."source_version"`,
    syncedAt: sql`now()`,
  },
  setWhere: sql`${table.sourceVersion} <= excluded."source_version"`,
});
