import { type AnyColumn, and, asc, count, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";

import { rowsOf } from "../../db/execute-rows";
import { contactImportRows as r, contactImports as imports, importStatus } from "../../db/schema";
import type { Db } from "../../db/types";
import type { CounterDelta } from "./import-counters";

type ImportStatus = (typeof importStatus.enumValues)[number];

export type JobMode = "run" | "undo";

const ZPayload = z.record(z.string(), z.unknown());

export type ClaimedRow = {
  importId: string;
  line: number;
  plan: "create" | "update" | "skip" | "invalid";
  payload: Record<string, unknown>;
  matchedGhlId: string | null;
  tagsBefore: string[] | null;
  outcome: string | null;
  ghlContactId: string | null;
  /** Claims so far, this one included: more than one means an earlier claim may have written. */
  attempts: number;
};

const workOf = (mode: JobMode) =>
  mode === "run"
    ? and(eq(r.status, "pending"), inArray(r.plan, ["create", "update"]))
    : and(eq(r.status, "done"), inArray(r.outcome, ["created", "updated"]));

const leaseExpired = (leaseMs: number) =>
  lt(r.updatedAt, sql`clock_timestamp() - ${`${leaseMs} milliseconds`}::interval`);

/**
 * Claims the next rows of one (import, location) in line order. The claim stamps `updated_at` (the
 * lease, kept alive by `heartbeat`) and bumps `attempts` (the fence `finishRows` checks), so a crashed
 * worker's rows come back after the lease and no row is finished by two workers.
 */
export const claimRows = async (
  db: Db,
  {
    importId,
    locationId,
    mode,
    limit,
    leaseMs,
  }: {
    importId: string;
    locationId: string;
    mode: JobMode;
    limit: number;
    leaseMs: number;
  },
): Promise<ClaimedRow[]> => {
  const next = db
    .select({ line: r.line })
    .from(r)
    .where(
      and(
        eq(r.importId, importId),
        eq(r.locationId, locationId),
        workOf(mode),
        leaseExpired(leaseMs),
      ),
    )
    .orderBy(asc(r.line))
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(r)
    .set({ attempts: sql`${r.attempts} + 1`, updatedAt: sql`clock_timestamp()` })
    // `= any(array(…))` runs the pick once. With `in (…)` Postgres may choose a nested-loop semi
    // join that runs it again for every row: rows this statement already updated are skipped by
    // the lock, so each run returned the next row and one claim took every row left (O(n²)).
    .where(and(eq(r.importId, importId), sql`${r.line} = any(array(${next}))`, workOf(mode)))
    .returning({
      importId: r.importId,
      line: r.line,
      plan: r.plan,
      payload: r.payload,
      matchedGhlId: r.matchedGhlId,
      tagsBefore: r.tagsBefore,
      outcome: r.outcome,
      ghlContactId: r.ghlContactId,
      attempts: r.attempts,
    });
  return rows
    .map((row) => ({ ...row, payload: ZPayload.parse(row.payload ?? {}) }))
    .sort((a, b) => a.line - b.line);
};

/** Rows of the (import, location) still to do, claimed or not. */
export const countLeft = async (db: Db, importId: string, locationId: string, mode: JobMode) => {
  const [row] = await db
    .select({ n: count() })
    .from(r)
    .where(and(eq(r.importId, importId), eq(r.locationId, locationId), workOf(mode)));
  return row?.n ?? 0;
};

/** Hands back claimed rows that were never started, so the next run need not wait for the lease. */
export const releaseRows = async (db: Db, importId: string, rows: ClaimedRow[]) => {
  if (rows.length === 0) return;
  await db
    .update(r)
    .set({ attempts: sql`greatest(${r.attempts} - 1, 0)`, updatedAt: sql`'epoch'::timestamptz` })
    .where(
      and(
        eq(r.importId, importId),
        inArray(
          r.line,
          rows.map((row) => row.line),
        ),
      ),
    );
};

/** Keeps the lease of rows a worker holds. */
const ZBeat = z.object({ status: z.enum(importStatus.enumValues) });

/**
 * One heartbeat in one statement: renews the lease on the rows still in flight, adds the rows
 * finished since the last beat to the import's totals, and returns the import's status (so the
 * run stops when it was paused or cancelled). At twenty locations the four statements this took
 * were a third of the database round trips of an import.
 */
export const heartbeat = async (
  db: Db,
  importId: string,
  lines: number[],
  delta: CounterDelta,
): Promise<ImportStatus | null> => {
  const held = sql.join(
    lines.map((line) => sql`${line}::int`),
    sql`, `,
  );
  // A closed import holds exact totals (counted when it closed); a beat still on its way would
  // count its rows twice.
  const open = sql`${imports.status} not in ('completed', 'undone')`;
  const add = (column: AnyColumn, by: number) =>
    by === 0 ? column : sql`${column} + case when ${open} then ${by}::int else 0 end`;
  const counted = Object.values(delta).some((v) => v !== 0);
  const result = await db.execute(sql`
    with renewed as (
      update ${r} set updated_at = clock_timestamp()
      where ${r.importId} = ${importId} and ${r.line} = any(array[${lines.length > 0 ? held : sql``}]::int[])
      returning 1
    )
    update ${imports} set
      heartbeat_at = clock_timestamp(),
      done = ${add(imports.done, delta.done)},
      created = ${add(imports.created, delta.created)},
      updated = ${add(imports.updated, delta.updated)},
      failed = ${add(imports.failed, delta.failed)},
      undone = ${add(imports.undone, delta.undone)},
      updated_at = ${counted ? sql`case when ${open} then clock_timestamp() else ${imports.updatedAt} end` : imports.updatedAt}
    where ${imports.id} = ${importId}
    returning ${imports.status} as status`);
  const [row] = ZBeat.array().parse(rowsOf(result));
  return row?.status ?? null;
};

export type RowFinish = {
  status: "done" | "failed" | "undone";
  outcome?: "created" | "updated" | "skipped";
  ghlContactId?: string;
  tagsBefore?: string[] | null;
  error?: string | null;
};

/** Reports every row of a location that is still to do (e.g. its GHL connection was lost). */
export const failRemaining = (db: Db, importId: string, locationId: string, error: string) =>
  db
    .update(r)
    .set({ status: "failed", error, updatedAt: sql`clock_timestamp()` })
    .where(and(eq(r.importId, importId), eq(r.locationId, locationId), workOf("run")))
    .returning({ line: r.line });

/** Ids this import already recorded (so a look-up after a lost answer does not adopt them twice). */
export const recordedContactIds = async (db: Db, importId: string, ghlIds: string[]) => {
  if (ghlIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ id: r.ghlContactId })
    .from(r)
    .where(and(eq(r.importId, importId), inArray(r.ghlContactId, ghlIds)));
  return new Set(rows.map((row) => row.id));
};
