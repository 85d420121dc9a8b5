import { and, eq, inArray, isNotNull, isNull, lt, ne, notInArray, sql } from "drizzle-orm";

import { locations, syncRuns, syncState } from "../../db/schema";
import type { Db } from "../../db/types";
import {
  STALE_AFTER_MS,
  VERIFY_INTERVAL_MS,
  VERIFY_MIN_GAP_MS,
  type SyncKind,
  type SyncTrigger,
  isLive,
  isSweepDue,
} from "./sync-schedule";

export const CONTACTS = "contacts";

export type LocationKey = { agencyId: string; locationId: string };
export type SweepCounts = {
  scanned: number;
  created: number;
  updated: number;
  unchanged: number;
  missed: number;
  removed: number;
  ghlCalls: number;
};
export type SweepCursor = { updatedAt: Date; id: string };

export type SyncRunRow = typeof syncRuns.$inferSelect;
export type SyncStateRow = typeof syncState.$inferSelect;

const stateOf = ({ agencyId, locationId }: LocationKey) =>
  and(
    eq(syncState.agencyId, agencyId),
    eq(syncState.locationId, locationId),
    eq(syncState.entity, CONTACTS),
  );

export type Lease =
  | { acquired: true; run: SyncRunRow; state: SyncStateRow }
  | { acquired: false; running: SyncRunRow };

/**
 * Takes the location's sweep lease: one running run per location. A run whose heartbeat went
 * stale (crashed worker, killed deploy) is marked failed and taken over. The state row is locked
 * for the decision, so two workers never both win.
 */
export const acquireSweep = (
  db: Db,
  key: LocationKey,
  trigger: SyncTrigger,
  staleAfterMs = STALE_AFTER_MS,
): Promise<Lease> =>
  db.transaction(async (tx) => {
    await tx
      .insert(syncState)
      .values({ ...key, entity: CONTACTS })
      .onConflictDoNothing();
    const [state] = await tx.select().from(syncState).where(stateOf(key)).for("update");
    if (!state) throw new Error("sync_state row vanished while taking the lease");
    if (state.lastRunId) {
      const [previous] = await tx.select().from(syncRuns).where(eq(syncRuns.id, state.lastRunId));
      if (previous && isLive(previous, new Date(), staleAfterMs))
        return { acquired: false as const, running: previous };
      if (previous?.status === "running") {
        await tx
          .update(syncRuns)
          .set({
            status: "failed",
            finishedAt: new Date(),
            error: `Stopped responding (no progress since ${previous.heartbeatAt.toISOString()}); the next sweep took over from its checkpoint.`,
          })
          .where(and(eq(syncRuns.id, previous.id), eq(syncRuns.status, "running")));
      }
    }
    const verifyDue = state.verifyDueAt !== null && state.verifyDueAt.getTime() <= Date.now();
    const kind: SyncKind = !state.backfilledAt ? "backfill" : verifyDue ? "verify" : "reconcile";
    const [run] = await tx
      .insert(syncRuns)
      .values({ ...key, entity: CONTACTS, kind, trigger })
      .returning();
    if (!run) throw new Error("insert into sync_runs returned no row");
    const [updated] = await tx
      .update(syncState)
      .set({ lastRunId: run.id, nextDueAt: null, updatedAt: new Date() })
      .where(stateOf(key))
      .returning();
    if (!updated) throw new Error("sync_state row vanished while taking the lease");
    return { acquired: true as const, run, state: updated };
  });

/**
 * Continues a run a previous step of the same job started (Inngest runs a long sweep as several
 * steps). Null when the run is no longer the location's live run: it failed, or was taken over.
 */
export const adoptSweep = async (
  db: Db,
  key: LocationKey,
  runId: string,
  staleAfterMs = STALE_AFTER_MS,
) => {
  const [row] = await db
    .select({ run: syncRuns, state: syncState })
    .from(syncState)
    .innerJoin(syncRuns, eq(syncRuns.id, syncState.lastRunId))
    .where(and(stateOf(key), eq(syncState.lastRunId, runId)));
  if (!row || !isLive(row.run, new Date(), staleAfterMs)) return null;
  return row;
};

export class LostLeaseError extends Error {
  override name = "LostLeaseError";
  constructor(runId: string) {
    super(`Sync run ${runId} was taken over by another worker.`);
  }
}

/**
 * After a page: the run's counts and heartbeat, and the location's checkpoint, fenced by the run
 * id so a worker that lost its lease cannot move another run's cursor. Runs in the page's
 * transaction, so the mirror, the counts and the cursor move together.
 */
export const recordPage = async (
  tx: Db,
  key: LocationKey,
  runId: string,
  counts: SweepCounts,
  cursor: SweepCursor | null,
  expected?: number,
) => {
  const beat = await tx
    .update(syncRuns)
    .set({ ...counts, ...(expected === undefined ? {} : { expected }), heartbeatAt: new Date() })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "running")))
    .returning({ id: syncRuns.id });
  if (beat.length === 0) throw new LostLeaseError(runId);
  if (!cursor) return;
  const moved = await tx
    .update(syncState)
    .set({ cursorUpdatedAt: cursor.updatedAt, cursorId: cursor.id, updatedAt: new Date() })
    .where(and(stateOf(key), eq(syncState.lastRunId, runId)))
    .returning({ locationId: syncState.locationId });
  if (moved.length === 0) throw new LostLeaseError(runId);
};

export const finishSweep = (
  db: Db,
  key: LocationKey,
  run: { id: string; kind: SyncKind },
  outcome:
    | { status: "succeeded"; ghostsLikely?: boolean }
    | { status: "failed"; error: string; retryAt: Date },
) =>
  db.transaction(async (tx) => {
    const now = new Date();
    const weekFromNow = new Date(now.getTime() + VERIFY_INTERVAL_MS);
    const finished = await tx
      .update(syncRuns)
      .set({
        status: outcome.status,
        error: outcome.status === "failed" ? outcome.error.slice(0, 2_000) : null,
        finishedAt: now,
        heartbeatAt: now,
      })
      .where(and(eq(syncRuns.id, run.id), eq(syncRuns.status, "running")))
      .returning({ id: syncRuns.id });
    if (finished.length === 0) return false;
    await tx
      .update(syncState)
      .set({
        updatedAt: now,
        ...(outcome.status === "failed" ? { nextDueAt: outcome.retryAt } : {}),
        ...(outcome.status === "succeeded" && run.kind === "backfill"
          ? { backfilledAt: now, verifyDueAt: weekFromNow }
          : {}),
        ...(outcome.status === "succeeded" && run.kind === "verify"
          ? { verifiedAt: now, verifyDueAt: weekFromNow }
          : {}),
        // The mirror holds more than GHL: verify soon (next sweep), but not again and again.
        ...(outcome.status === "succeeded" && run.kind === "reconcile" && outcome.ghostsLikely
          ? {
              verifyDueAt: sql`greatest(${now.toISOString()}::timestamptz, coalesce(${syncState.verifiedAt}, '-infinity') + ${`${VERIFY_MIN_GAP_MS} milliseconds`}::interval)`,
              nextDueAt: sql`greatest(${now.toISOString()}::timestamptz, coalesce(${syncState.verifiedAt}, '-infinity') + ${`${VERIFY_MIN_GAP_MS} milliseconds`}::interval)`,
            }
          : {}),
      })
      .where(and(stateOf(key), eq(syncState.lastRunId, run.id)));
    return true;
  });

/** Asks for a sweep as soon as a worker is free; the schedulers see it as due. */
export const markSweepRequested = (db: Db, key: LocationKey, at = new Date()) =>
  db
    .insert(syncState)
    .values({ ...key, entity: CONTACTS, nextDueAt: at })
    .onConflictDoUpdate({
      target: [syncState.locationId, syncState.entity],
      set: { nextDueAt: at, updatedAt: new Date() },
      setWhere: sql`${syncState.agencyId} = ${key.agencyId}`,
    });

/** The location's state and its latest run, for the lease check and the status page. */
export const readSweepState = async (db: Db, key: LocationKey) => {
  const [row] = await db
    .select({ state: syncState, lastRun: syncRuns })
    .from(syncState)
    .leftJoin(syncRuns, eq(syncRuns.id, syncState.lastRunId))
    .where(stateOf(key));
  return row ?? null;
};

const SWEEPABLE = ["connected", "expiring"] as const;

/**
 * Connected locations whose sweep is due, across every agency (the schedulers' query), or just
 * `locationId` (is it still due?).
 */
export const findDueSweeps = async (db: Db, options: { now?: Date; locationId?: string } = {}) => {
  const rows = await db
    .select({
      agencyId: locations.agencyId,
      locationId: locations.id,
      frequency: locations.syncFrequency,
      nextDueAt: syncState.nextDueAt,
      backfilledAt: syncState.backfilledAt,
      lastRun: {
        status: syncRuns.status,
        startedAt: syncRuns.startedAt,
        heartbeatAt: syncRuns.heartbeatAt,
        finishedAt: syncRuns.finishedAt,
      },
    })
    .from(locations)
    .leftJoin(
      syncState,
      and(eq(syncState.locationId, locations.id), eq(syncState.entity, CONTACTS)),
    )
    .leftJoin(syncRuns, eq(syncRuns.id, syncState.lastRunId))
    .where(
      and(
        inArray(locations.connectionStatus, [...SWEEPABLE]),
        isNotNull(locations.ghlLocationId),
        options.locationId ? eq(locations.id, options.locationId) : undefined,
      ),
    );
  const now = options.now ?? new Date();
  return rows
    .filter((row) =>
      isSweepDue(
        {
          frequency: row.frequency,
          nextDueAt: row.nextDueAt,
          lastRun: row.lastRun,
        },
        now,
      ),
    )
    .map(({ agencyId, locationId }) => ({ agencyId, locationId }));
};

/** The agency's connected locations that were never fully backfilled and are not being swept. */
export const findUnbackfilled = async (db: Db, agencyId: string) => {
  const rows = await db
    .select({
      agencyId: locations.agencyId,
      locationId: locations.id,
      lastRun: { status: syncRuns.status, heartbeatAt: syncRuns.heartbeatAt },
    })
    .from(locations)
    .leftJoin(
      syncState,
      and(eq(syncState.locationId, locations.id), eq(syncState.entity, CONTACTS)),
    )
    .leftJoin(syncRuns, eq(syncRuns.id, syncState.lastRunId))
    .where(
      and(
        eq(locations.agencyId, agencyId),
        inArray(locations.connectionStatus, [...SWEEPABLE]),
        isNotNull(locations.ghlLocationId),
        isNull(syncState.backfilledAt),
      ),
    );
  return rows
    .filter((row) => !isLive(row.lastRun))
    .map(({ agencyId: agency, locationId }) => ({ agencyId: agency, locationId }));
};

/** Sweep history is kept this long; "missed" totals cover the same window. */
export const RUN_RETENTION_DAYS = 90;

/** Deletes finished runs older than the retention, never a location's latest one. */
export const pruneSyncRuns = async (db: Db, now = new Date()) => {
  const cutoff = new Date(now.getTime() - RUN_RETENTION_DAYS * 86_400_000);
  const deleted = await db
    .delete(syncRuns)
    .where(
      and(
        lt(syncRuns.startedAt, cutoff),
        ne(syncRuns.status, "running"),
        notInArray(
          syncRuns.id,
          db
            .select({ id: sql<string>`${syncState.lastRunId}` })
            .from(syncState)
            .where(isNotNull(syncState.lastRunId)),
        ),
      ),
    )
    .returning({ id: syncRuns.id });
  return deleted.length;
};
