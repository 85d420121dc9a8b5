import { randomUUID } from "node:crypto";

import type { Db } from "../db/types";
import type { GhlRuntime } from "../ghl/runtime";
import { log } from "../log";
import { type ClaimedEvent, claimDueEvents } from "./inbox.repo";
import { canBatch, processClaimedBatch } from "./process-batch";
import { type HubEvent, type ProcessResult, processClaimedEvent } from "./process-event";
import { retryDelayMs } from "./retry-policy";
import { type WorkUnit, createLanes } from "./worker-lanes";

export type LocalWorkerOptions = {
  db: Db;
  ghl: () => Promise<GhlRuntime>;
  publish: (event: HubEvent) => void | Promise<void>;
  /** How long a claim holds before another worker may take the event over. */
  leaseMs?: number;
  retryBaseMs?: number;
  /** Units of work (a batch, or one event) in flight at once; each holds a database connection. */
  concurrency?: number;
  /** Mirror events written in one transaction. */
  batchSize?: number;
  /** Events of one location processed at once outside batches (the Inngest function's limit). */
  perLocation?: number;
  /** Looks for due retries and abandoned claims this often when nothing wakes it. */
  pollMs?: number;
  /**
   * True while requests are queueing in this process: the worker then runs one unit at a time,
   * `yieldMs` apart, so answering GHL comes first and processing catches up after the burst.
   */
  yieldTo?: () => boolean;
  yieldMs?: number;
  onResult?: (event: ClaimedEvent, result: ProcessResult) => void;
};

type Waiter = { resolve: () => void; reject: (error: unknown) => void };

/**
 * The in-process driver: the same claim → handler → mark path the Inngest function runs, fed from
 * the inbox table instead of a queue. Used when no Inngest server is configured (development, the
 * e2e suite, single-server installs). Several processes may run it against one Postgres: claims
 * use SKIP LOCKED and leases, so each event is processed once.
 *
 * A pipeline, not a batch loop: it claims again as soon as there is room, so one slow event never
 * holds back the rest of a batch. Handlers are newest-version-wins and idempotent, so a location's
 * events may run side by side and in any order.
 */
export const createLocalWorker = ({
  db,
  ghl,
  publish,
  leaseMs = 30_000,
  retryBaseMs = 5_000,
  concurrency = 4,
  batchSize = 50,
  perLocation = 5,
  pollMs = 1_000,
  yieldTo,
  yieldMs = 100,
  onResult,
}: LocalWorkerOptions) => {
  const lanes = createLanes({ perLocation, batchSize, canBatch });
  /** Claimed ahead of processing: enough to start a full batch in every free slot. */
  const claimAhead = concurrency * batchSize;
  /** Claimed and waiting for room in its lane, in receipt order. */
  const waiting: ClaimedEvent[] = [];
  let active = 0;
  let claiming = false;
  /** The last claim may have left due events behind (or something woke the worker). */
  let more = true;
  let wokenWhileClaiming = false;
  let running = false;
  let draining = 0;
  let poll: NodeJS.Timeout | null = null;
  let idleWaiters: Waiter[] = [];
  let lastClaimErrorAt = 0;
  let resumeAt = 0;
  let resumeTimer: NodeJS.Timeout | null = null;

  const deps = {
    db,
    ghl,
    retryAt: (event: ClaimedEvent) =>
      new Date(Date.now() + retryDelayMs(event.attempts, retryBaseMs)),
  };

  const finish = async (event: ClaimedEvent, result: ProcessResult) => {
    if (result.status === "processed") {
      await Promise.resolve(publish(result.published)).catch((error: unknown) =>
        log.error({ err: error, inboxId: event.id }, "publishing a processed webhook failed"),
      );
    }
    onResult?.(event, result);
  };

  const runUnit = async ({ events, batch }: WorkUnit) => {
    if (batch) return processClaimedBatch(deps, events, finish);
    for (const event of events) await finish(event, await processClaimedEvent(deps, event));
  };

  const mayClaim = () => running || draining > 0;
  const isIdle = () => active === 0 && waiting.length === 0 && !claiming && !(more && mayClaim());

  const settleWaiters = (error?: unknown) => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) {
      if (error === undefined) w.resolve();
      else w.reject(error);
    }
  };

  const start = (unit: WorkUnit) => {
    active++;
    runUnit(unit)
      .catch((error: unknown) =>
        log.error({ err: error, events: unit.events.length }, "webhook worker: unexpected failure"),
      )
      .finally(() => {
        active--;
        lanes.release(unit);
        if (yieldTo?.()) resumeAt = Date.now() + yieldMs;
        pump();
      });
  };

  const claim = async (limit: number) => {
    claiming = true;
    wokenWhileClaiming = false;
    try {
      const claimed = await claimDueEvents(db, { limit, leaseMs, token: randomUUID() });
      more = claimed.length === limit || wokenWhileClaiming;
      waiting.push(...claimed);
    } catch (error) {
      // The poll tries again; once a minute at most in the log, so an outage does not flood it.
      more = false;
      if (Date.now() - lastClaimErrorAt > 60_000) {
        lastClaimErrorAt = Date.now();
        log.error({ err: error }, "webhook worker could not claim events; retrying");
      }
      if (draining > 0) settleWaiters(error);
    } finally {
      claiming = false;
    }
    pump();
  };

  const startUnits = () => {
    const yielding = yieldTo?.() ?? false;
    const wait = resumeAt - Date.now();
    if (yielding && wait > 0) {
      if (waiting.length > 0)
        resumeTimer ??= setTimeout(() => {
          resumeTimer = null;
          pump();
        }, wait);
      return;
    }
    const limit = yielding ? 1 : concurrency;
    while (active < limit) {
      const unit = lanes.next(waiting);
      if (!unit) break;
      start(unit);
    }
  };

  function pump() {
    startUnits();
    if (mayClaim() && more && !claiming && waiting.length <= claimAhead / 2)
      void claim(claimAhead - waiting.length);
    else if (isIdle()) settleWaiters();
  }

  const wake = () => {
    more = true;
    if (claiming) wokenWhileClaiming = true;
    else pump();
  };

  const whenIdle = () =>
    isIdle()
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => idleWaiters.push({ resolve, reject }));

  return {
    start() {
      if (running) return;
      running = true;
      poll = setInterval(wake, pollMs);
      poll.unref();
      wake();
    },
    /** Stops claiming and waits for what is already claimed to finish. */
    async stop() {
      running = false;
      if (poll) clearInterval(poll);
      poll = null;
      await whenIdle();
    },
    /** New rows are waiting: look now rather than at the next poll. */
    notify() {
      if (mayClaim()) wake();
      else more = true;
    },
    /** Processes until nothing is due (tests and benchmarks). */
    async drain() {
      draining++;
      try {
        wake();
        await whenIdle();
      } finally {
        draining--;
      }
    },
  };
};

export type LocalWorker = ReturnType<typeof createLocalWorker>;
