import { randomUUID } from "node:crypto";

import type { Db } from "../db/types";
import type { GhlRuntime } from "../ghl/runtime";
import { log } from "../log";
import { type ClaimedEvent, claimDueEvents } from "./inbox.repo";
import { type HubEvent, type ProcessResult, processClaimedEvent } from "./process-event";
import { retryDelayMs } from "./retry-policy";

export type LocalWorkerOptions = {
  db: Db;
  ghl: () => Promise<GhlRuntime>;
  publish: (event: HubEvent) => void | Promise<void>;
  /** How long a claim holds before another worker may take the event over. */
  leaseMs?: number;
  retryBaseMs?: number;
  batchSize?: number;
  /** Locations worked on at once; one location's events always run one after another. */
  concurrency?: number;
  /** Looks for due retries and abandoned claims this often when nothing wakes it. */
  pollMs?: number;
  onResult?: (event: ClaimedEvent, result: ProcessResult) => void;
};

/**
 * The in-process driver: the same claim → handler → mark path the Inngest function runs, fed from
 * the inbox table instead of a queue. Used when no Inngest server is configured (development, the
 * e2e suite, single-server installs). Several processes may run it against one Postgres: claims
 * use SKIP LOCKED and leases, so each event is processed once.
 */
export const createLocalWorker = ({
  db,
  ghl,
  publish,
  leaseMs = 30_000,
  retryBaseMs = 5_000,
  batchSize = 100,
  concurrency = 4,
  pollMs = 1_000,
  onResult,
}: LocalWorkerOptions) => {
  let running = false;
  let wake: (() => void) | null = null;
  let woken = false;
  let loop: Promise<void> | null = null;
  let lastClaimErrorAt = 0;

  const deps = {
    db,
    ghl,
    retryAt: (event: ClaimedEvent) =>
      new Date(Date.now() + retryDelayMs(event.attempts, retryBaseMs)),
  };

  const runOne = async (event: ClaimedEvent) => {
    const result = await processClaimedEvent(deps, event);
    if (result.status === "processed") {
      await Promise.resolve(publish(result.published)).catch((error: unknown) =>
        log.error({ err: error, inboxId: event.id }, "publishing a processed webhook failed"),
      );
    }
    onResult?.(event, result);
  };

  /** Claims one batch and works through it; returns how many events it claimed. */
  const tick = async () => {
    const claimed = await claimDueEvents(db, { limit: batchSize, leaseMs, token: randomUUID() });
    if (claimed.length === 0) return 0;
    const byLocation = new Map<string, ClaimedEvent[]>();
    for (const event of claimed) {
      const key = event.ghlLocationId ?? `company:${event.ghlCompanyId ?? ""}`;
      const list = byLocation.get(key);
      if (list) list.push(event);
      else byLocation.set(key, [event]);
    }
    const lanes = [...byLocation.values()];
    const workers = Array.from({ length: Math.min(concurrency, lanes.length) }, async () => {
      for (let lane = lanes.shift(); lane; lane = lanes.shift()) {
        for (const event of lane) await runOne(event);
      }
    });
    await Promise.all(workers);
    return claimed.length;
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const run = async () => {
    while (running) {
      try {
        const claimed = await tick();
        if (claimed > 0) continue;
      } catch (error) {
        // Once a minute at most: a database outage must not flood the log.
        if (Date.now() - lastClaimErrorAt > 60_000) {
          lastClaimErrorAt = Date.now();
          log.error({ err: error }, "webhook worker could not claim events; retrying");
        }
      }
      if (running) await sleep(pollMs);
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
    /** New rows are waiting: look now rather than at the next poll. */
    notify() {
      if (wake) wake();
      else woken = true;
    },
    /** Processes until nothing is due (tests and benchmarks). */
    async drain() {
      while ((await tick()) > 0);
    },
  };
};

export type LocalWorker = ReturnType<typeof createLocalWorker>;
