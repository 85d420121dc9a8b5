import { sql } from "drizzle-orm";

import { contacts } from "../../db/schema";
import type { Db } from "../../db/types";
import { newestWins } from "../mirror/last-write-wins";
import type { MirrorContactRow } from "./contact-record";

export type UpsertCounts = { created: number; updated: number; unchanged: number };

/**
 * Writes GHL snapshots into the mirror in one statement; the newest version of each record wins,
 * whoever (webhook, sweep, a write's answer) gets there first. `xmax = 0` tells inserts from updates.
 */
export const upsertMirrorContacts = async (
  db: Db,
  rows: MirrorContactRow[],
): Promise<UpsertCounts> => {
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  // One row per record: Postgres refuses a statement that would touch the same row twice.
  const newest = new Map<string, MirrorContactRow>();
  for (const row of rows) {
    const key = `${row.locationId}\u0000${row.ghlId}`;
    const seen = newest.get(key);
    if (!seen || seen.sourceVersion < row.sourceVersion) newest.set(key, row);
  }
  const applied = await db
    .insert(contacts)
    .values([...newest.values()])
    .onConflictDoUpdate(newestWins(contacts))
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  const created = applied.filter((r) => r.inserted).length;
  return {
    created,
    updated: applied.length - created,
    unchanged: rows.length - applied.length,
  };
};
