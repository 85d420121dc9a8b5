import type { GhlRuntime } from "../ghl/runtime";
import { log } from "../log";
import { type SweepOptions, sweepContacts } from "../sync/contacts/sweep-contacts";
import { type LocationKey, findDueSweeps, pruneSyncRuns } from "../sync/contacts/sync-runs.repo";
import type { SyncTrigger } from "../sync/contacts/sync-schedule";

export type SweepRequest = LocationKey & { trigger: SyncTrigger };

type RunnerOptions = {
  ghl: () => Promise<GhlRuntime>;
  /** Sweeps at once in this process; each is held to its location's rate limit anyway. */
  concurrency?: number;
  /** Test knobs passed to every sweep (page size, grace period). */
  sweep?: Omit<SweepOptions, "trigger" | "signal">;
};

/**
 * The local driver's sweeper: runs requested and due sweeps in-process, one per location, a few
 * locations at once. Several processes may run one: the sweep lease keeps it to one per location.
 */
export const createLocalSweepRunner = ({ ghl, concurrency = 3, sweep = {} }: RunnerOptions) => {
  const queued = new Map<string, SweepRequest>();
  const active = new Map<string, Promise<void>>();
  const shutdown = new AbortController();

  const run = async (request: SweepRequest) => {
    const { trigger, ...key } = request;
    try {
      const runtime = await ghl();
      const outcome = await sweepContacts({ db: runtime.db, ghl }, key, {
        ...sweep,
        trigger,
        signal: shutdown.signal,
      });
      if (outcome.status === "failed")
        log.warn({ ...key, runId: outcome.runId, error: outcome.error }, "contacts sweep failed");
    } catch (error) {
      log.warn({ err: error, ...key }, "contacts sweep could not run; the schedule retries");
    }
  };

  const pump = () => {
    while (!shutdown.signal.aborted && active.size < concurrency) {
      const next = queued.values().next();
      if (next.done) return;
      const request = next.value;
      queued.delete(request.locationId);
      active.set(
        request.locationId,
        run(request).finally(() => {
          active.delete(request.locationId);
          pump();
        }),
      );
    }
  };

  const enqueue = (requests: SweepRequest[]) => {
    for (const request of requests) {
      if (!active.has(request.locationId) && !queued.has(request.locationId))
        queued.set(request.locationId, request);
    }
    pump();
  };

  return {
    enqueue,
    /** Queues every due location; returns how many were due. */
    tick: async () => {
      const runtime = await ghl();
      const due = await findDueSweeps(runtime.db);
      enqueue(due.map((d) => ({ ...d, trigger: "schedule" as const })));
      return due.length;
    },
    /** Resolves when nothing is queued or running (tests). */
    idle: async () => {
      while (active.size > 0 || queued.size > 0) await Promise.allSettled([...active.values()]);
    },
    stop: async () => {
      shutdown.abort();
      queued.clear();
      await Promise.allSettled([...active.values()]);
    },
  };
};

export type LocalSweepRunner = ReturnType<typeof createLocalSweepRunner>;

// One runner per process, found by the dispatcher wherever a request is made.
const store = globalThis as typeof globalThis & { __ghlhubSweeps?: LocalSweepRunner };

export const localSweepRunner = () => store.__ghlhubSweeps ?? null;
export const setLocalSweepRunner = (runner: LocalSweepRunner | null) => {
  store.__ghlhubSweeps = runner ?? undefined;
};

const TICK_MS = 60_000;
const FIRST_TICK_MS = 5_000;

/** Starts the local sweeper with a one-minute tick; returns its stop function. */
export const startLocalSweeps = (ghl: () => Promise<GhlRuntime>) => {
  const runner = createLocalSweepRunner({ ghl });
  setLocalSweepRunner(runner);
  let ticks = 0;
  const tick = () =>
    void (async () => {
      await runner.tick();
      // Hourly housekeeping, as the Inngest scan does.
      if (ticks++ % 60 === 0) await pruneSyncRuns((await ghl()).db);
    })().catch((error: unknown) => log.debug({ err: error }, "scheduled contacts sweep skipped"));
  const first = setTimeout(tick, FIRST_TICK_MS);
  const timer = setInterval(tick, TICK_MS);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    if (localSweepRunner() === runner) setLocalSweepRunner(null);
    await runner.stop();
  };
};
