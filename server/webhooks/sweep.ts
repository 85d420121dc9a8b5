import { and, inArray, lt, sql } from "drizzle-orm";

import { webhookEvents as t } from "../db/schema";
import type { Db } from "../db/types";
import { undispatchedEvents } from "./inbox.repo";

export type DispatchRow = { id: string; ghlLocationId: string | null };

/**
 * The outbox sweep (Inngest driver): rows still `received` a while after intake were never handed
 * to Inngest (it was down, or the process died between commit and send). Sending again is safe:
 * Inngest drops a repeated event id, and a claim runs each event once.
 */
export const redispatchStuck = async (
  db: Db,
  dispatch: (rows: DispatchRow[]) => Promise<void>,
  { olderThanMs = 60_000, limit = 1_000 } = {},
) => {
  const rows = await undispatchedEvents(db, olderThanMs, limit);
  if (rows.length > 0) await dispatch(rows);
  return rows.length;
};

/** Deletes finished rows past retention; dead ones stay until someone retries or replays them. */
export const pruneInbox = async (db: Db, retentionDays: number) => {
  const rows = await db
    .delete(t)
    .where(
      and(
        inArray(t.status, ["processed", "ignored"]),
        lt(t.receivedAt, sql`now() - make_interval(days => ${retentionDays})`),
      ),
    )
    .returning({ id: t.id });
  return rows.length;
};

/** Unfinished rows by status, for the queue-depth gauge. */
export const queueDepth = async (db: Db) => {
  const rows = await db
    .select({ status: t.status, count: sql<number>`count(*)::int` })
    .from(t)
    .where(inArray(t.status, ["received", "processing", "failed"]))
    .groupBy(t.status);
  const depth: Record<string, number> = { received: 0, processing: 0, failed: 0 };
  for (const row of rows) depth[row.status] = row.count;
  return depth;
};
