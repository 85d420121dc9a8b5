import { setTimeout as sleep } from "node:timers/promises";

import { and, eq } from "drizzle-orm";

import { contactImports, locations } from "../../db/schema";
import type { Db } from "../../db/types";
import { locationTarget } from "../../ghl/connections/targets";
import type { GhlHttp } from "../../ghl/http";
import type { GhlRuntime } from "../../ghl/runtime";
import { log } from "../../log";
import type { GhlContactRecord } from "../../sync/contacts/contact-record";
import { classifyFailure } from "./classify-error";
import { type CounterDelta, addCounts, finishIfDone, recount, zeroDelta } from "./import-counters";
import {
  type ClaimedRow,
  type JobMode,
  claimRows,
  countLeft,
  failRemaining,
  type RowFinish,
  heartbeat,
  releaseRows,
} from "./import-rows.repo";
import { type Finished, finishRows } from "./finish-rows";
import { undoRow } from "./undo-row";
import { AmbiguousCreateError, type WriteScope, writeRow } from "./write-row";

export type ImportJob = { importId: string; locationId: string; mode: JobMode };

export type RunnerOptions = {
  /** Rows in flight per location: enough to keep the location's rate limit busy. */
  concurrency?: number;
  /** How long a claim holds without a heartbeat (a crashed worker's rows come back after it). */
  leaseMs?: number;
  /** Sends of one row before it is reported as failed. */
  maxTries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Stop claiming after this long (an Inngest step's budget); the next call carries on. */
  maxMs?: number;
  /** Aborting is a crash: the job stops at once and records nothing more. */
  signal?: AbortSignal;
};

export type RunnerDeps = {
  db: Db;
  ghl: () => Promise<GhlRuntime>;
  /** The HTTP core to use instead of the runtime's (tests shorten its timeout). */
  http?: GhlHttp;
};

export const RUNNER_DEFAULTS = {
  concurrency: 12,
  leaseMs: 60_000,
  maxTries: 8,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
};

const FLUSH_ROWS = 25;

export type JobResult = { finished: boolean; status: string };

const backoff = (tries: number, base: number, max: number, hinted?: number) =>
  hinted ?? Math.min(max, base * 2 ** (tries - 1)) * (0.5 + Math.random() / 2);

const loadJob = async (db: Db, { importId, locationId }: ImportJob) => {
  const [row] = await db
    .select({
      agencyId: contactImports.agencyId,
      status: contactImports.status,
      startedAt: contactImports.startedAt,
      createdAt: contactImports.createdAt,
      location: { id: locations.id, ghlLocationId: locations.ghlLocationId },
    })
    .from(contactImports)
    .innerJoin(
      locations,
      and(eq(locations.agencyId, contactImports.agencyId), eq(locations.id, locationId)),
    )
    .where(eq(contactImports.id, importId));
  return row ?? null;
};

const activeStatus = (mode: JobMode) => (mode === "run" ? "running" : "undoing");

/**
 * Writes (or undoes) the rows of one import at one location: claims rows in line order, keeps
 * `concurrency` of them in flight (the shared rate limiter paces them at the location's ceiling),
 * retries what GHL failed to answer, and reports what it refused. Safe to run again at any time:
 * it takes over what a crashed run left once that run's lease has expired.
 */
export const runImportJob = async (
  deps: RunnerDeps,
  job: ImportJob,
  options: RunnerOptions = {},
): Promise<JobResult> => {
  const o = { ...RUNNER_DEFAULTS, ...options };
  const { db } = deps;
  const started = Date.now();
  const dead = () => options.signal?.aborted === true;
  const loaded = await loadJob(db, job);
  if (!loaded) return { finished: true, status: "missing" };
  if (loaded.status !== activeStatus(job.mode)) return { finished: true, status: loaded.status };

  if ((await countLeft(db, job.importId, job.locationId, job.mode)) === 0) {
    await recount(db, job.importId);
    await finishIfDone(db, job.importId, job.mode);
    return { finished: true, status: "done" };
  }
  const runtime = await deps.ghl();
  let target;
  for (let tries = 1; !target; tries++) {
    try {
      target = await locationTarget(runtime, loaded.agencyId, loaded.location);
    } catch (error) {
      const failure = classifyFailure(error);
      // Minting a location token shares the agency's rate limit: many jobs starting at once wait.
      if (failure.kind === "transient" && tries < o.maxTries && !dead()) {
        await sleep(backoff(tries, o.backoffBaseMs, o.backoffMaxMs, failure.waitMs));
        continue;
      }
      if (failure.kind === "transient") throw error;
      if (job.mode === "run")
        await failRemaining(db, job.importId, job.locationId, failure.message);
      await recount(db, job.importId);
      await finishIfDone(db, job.importId, job.mode);
      return { finished: true, status: "location_failed" };
    }
  }
  const scope: WriteScope = {
    db,
    op: {
      http: deps.http ?? runtime.http,
      target,
      ghlLocationId: loaded.location.ghlLocationId ?? "",
    },
    agencyId: loaded.agencyId,
    locationId: job.locationId,
    importId: job.importId,
    startedAt: loaded.startedAt ?? loaded.createdAt,
  };

  let delta: CounterDelta = zeroDelta();
  let stopping = false;
  let locationFailure: string | null = null;
  const held = new Map<number, ClaimedRow>();

  // Finished rows are recorded in batches: one statement for many rows keeps the database from
  // becoming the bottleneck at 20 locations × the rate-limit ceiling.
  let finished: Finished[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    const items = finished;
    finished = [];
    flushing = flushing
      .then(async () => {
        if (items.length === 0 || dead()) return;
        const recorded = await finishRows(db, scope, job.mode, items);
        for (const { row, finish: result } of items) {
          held.delete(row.line);
          if (!recorded.has(row.line)) continue;
          if (job.mode === "run") delta.done++;
          if (result.status === "failed") delta.failed++;
          if (result.status === "undone") delta.undone++;
          if (result.outcome === "created") delta.created++;
          if (result.outcome === "updated") delta.updated++;
        }
      })
      .catch((error: unknown) => {
        // The rows stay claimed without a heartbeat: after the lease they are claimed and sent again.
        for (const { row } of items) held.delete(row.line);
        log.warn(
          { err: error, ...job, rows: items.length },
          "recording finished import rows failed",
        );
      });
    return flushing;
  };
  const finish = async (row: ClaimedRow, result: RowFinish, contact?: GhlContactRecord) => {
    if (dead()) return;
    finished.push({ row, finish: result, contact });
    if (finished.length >= FLUSH_ROWS) await flush();
  };

  const handle = async (row: ClaimedRow) => {
    let maybeSent = row.attempts > 1;
    for (let tries = 1; ; tries++) {
      if (dead()) return;
      try {
        if (job.mode === "undo") {
          const { note } = await undoRow(scope, row);
          return await finish(row, { status: "undone", error: note });
        }
        const written = await writeRow(scope, row, { maybeSentBefore: maybeSent });
        return await finish(
          row,
          {
            status: "done",
            outcome: written.outcome,
            ghlContactId: written.contact.id,
            tagsBefore: written.tagsBefore,
            error: null,
          },
          written.contact,
        );
      } catch (error) {
        if (dead()) return;
        const prefix = job.mode === "undo" ? "Undo failed: " : "";
        if (error instanceof AmbiguousCreateError)
          return finish(row, { status: "failed", error: error.message });
        const failure = classifyFailure(error);
        if (failure.kind === "row")
          return finish(row, { status: "failed", error: prefix + failure.message });
        if (failure.kind === "location") {
          locationFailure = failure.message;
          stopping = true;
          return;
        }
        if (failure.ambiguous) maybeSent = true;
        if (tries >= o.maxTries) {
          return finish(row, {
            status: "failed",
            error: `${prefix}GoHighLevel did not confirm this row after ${tries} tries (last: ${failure.message})${
              job.mode === "run" && maybeSent ? " It may or may not have been written." : ""
            }`,
          });
        }
        await sleep(backoff(tries, o.backoffBaseMs, o.backoffMaxMs, failure.waitMs));
      }
    }
  };

  const pass = async () => {
    const queue: ClaimedRow[] = [];
    let exhausted = false;
    const claim: { current: Promise<void> | null } = { current: null };
    const refill = async () => {
      const rows = await claimRows(db, { ...job, limit: o.concurrency * 2, leaseMs: o.leaseMs });
      if (dead()) return;
      for (const row of rows) {
        held.set(row.line, row);
        queue.push(row);
      }
      if (rows.length === 0) exhausted = true;
    };
    const next = async (): Promise<ClaimedRow | null> => {
      for (;;) {
        if (stopping || dead()) return null;
        const row = queue.shift();
        if (row) {
          if (queue.length < o.concurrency && !exhausted && !claim.current)
            claim.current = refill().finally(() => (claim.current = null));
          return row;
        }
        if (exhausted) return null;
        claim.current ??= refill().finally(() => (claim.current = null));
        await claim.current;
      }
    };
    const worker = async () => {
      for (let row = await next(); row; row = await next()) await handle(row);
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    await claim.current;
    await flush();
    // Rows claimed but never started (stopping): hand them back at once.
    if (!dead()) await releaseRows(db, job.importId, queue);
    held.clear();
  };

  const beat = async () => {
    if (dead()) return;
    await flush();
    const counted = delta;
    delta = zeroDelta();
    await heartbeat(db, job.importId, [...held.keys()]);
    await addCounts(db, job.importId, counted);
    const [row] = await db
      .select({ status: contactImports.status })
      .from(contactImports)
      .where(eq(contactImports.id, job.importId));
    if (row?.status !== activeStatus(job.mode)) stopping = true;
    if (o.maxMs !== undefined && Date.now() - started > o.maxMs) stopping = true;
  };
  const timer = setInterval(
    () =>
      void beat().catch((error: unknown) =>
        log.warn({ err: error, ...job }, "import heartbeat failed"),
      ),
    Math.max(200, Math.min(o.leaseMs / 3, 2_000)),
  );

  try {
    for (;;) {
      await pass();
      if (dead()) return { finished: false, status: "aborted" };
      if (locationFailure && job.mode === "run")
        await failRemaining(db, job.importId, job.locationId, locationFailure);
      if (stopping && !locationFailure) break;
      const left = await countLeft(db, job.importId, job.locationId, job.mode);
      if (left === 0 || locationFailure) break;
      // What is left is held by another worker (or a crashed one): wait for its lease.
      await sleep(Math.min(o.leaseMs / 2, 1_000));
      if (dead()) return { finished: false, status: "aborted" };
      if (o.maxMs !== undefined && Date.now() - started > o.maxMs) break;
    }
  } finally {
    clearInterval(timer);
  }
  if (dead()) return { finished: false, status: "aborted" };
  await addCounts(db, job.importId, delta);
  const left = await countLeft(db, job.importId, job.locationId, job.mode);
  if (left > 0) {
    const [row] = await db
      .select({ status: contactImports.status })
      .from(contactImports)
      .where(eq(contactImports.id, job.importId));
    const active = row?.status === activeStatus(job.mode);
    return { finished: !active, status: row?.status ?? "missing" };
  }
  await recount(db, job.importId);
  await finishIfDone(db, job.importId, job.mode);
  return { finished: true, status: "done" };
};
