import type { Db } from "../db/types";
import { getDb } from "../db/client";
import { getEnv } from "../env";
import { type GhlRuntime, getGhlRuntime } from "../ghl/runtime";
import { finishIfDone, recount } from "../imports/run/import-counters";
import { findStalled } from "../imports/run/import-transitions";
import { type ImportJob, type RunnerOptions, runImportJob } from "../imports/run/run-import-job";
import { contactsImportRequested } from "../inngest/events";
import { log } from "../log";

export type ImportJobs = {
  /** Starts (or resumes) the jobs; never throws: the sweep sends lost ones again. */
  dispatch: (jobs: ImportJob[]) => Promise<void>;
  /** Local driver: resolves when every job running in this process has ended. */
  idle: () => Promise<void>;
  stop: () => void;
};

/** A job stopped beating for this long is taken to be dead. */
const STALE_MS = 2 * 60_000;
const SWEEP_EVERY_MS = 60_000;

/**
 * Imports whose jobs stopped beating: their remaining locations are dispatched again; an import
 * with nothing left (its last job died before marking it finished) is finished here.
 */
export const sweepStalledImports = async (
  db: Db,
  send: (jobs: ImportJob[]) => Promise<void>,
  staleMs = STALE_MS,
) => {
  const stalled = await findStalled(db, staleMs);
  const jobs: ImportJob[] = [];
  for (const { importId, mode, locationIds } of stalled) {
    if (locationIds.length === 0) {
      await recount(db, importId);
      await finishIfDone(db, importId, mode);
    }
    jobs.push(...locationIds.map((locationId) => ({ importId, locationId, mode })));
  }
  if (jobs.length > 0) await send(jobs);
  return jobs.length;
};

/**
 * In-process driver: each (import, location) job runs here, at most once per process; the rows'
 * claims keep several processes from writing a row twice. A sweep resumes imports left behind by
 * a crashed process (at start, and every minute).
 */
export const createLocalImportJobs = ({
  db,
  ghl,
  runner = {},
  sweep = true,
}: {
  db: Db;
  ghl: () => Promise<GhlRuntime>;
  runner?: RunnerOptions;
  sweep?: boolean;
}): ImportJobs => {
  const running = new Map<string, Promise<void>>();
  const start = (job: ImportJob) => {
    const key = `${job.importId}:${job.locationId}:${job.mode}`;
    if (running.has(key)) return;
    const run = runImportJob({ db, ghl }, job, runner)
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error, ...job }, "import job failed"))
      .finally(() => running.delete(key));
    running.set(key, run);
  };
  const dispatch = (jobs: ImportJob[]) => {
    for (const job of jobs) start(job);
    return Promise.resolve();
  };
  const resume = (staleMs: number) =>
    sweepStalledImports(db, dispatch, staleMs).catch((error: unknown) =>
      log.warn({ err: error }, "resuming imports failed"),
    );
  let timer: NodeJS.Timeout | null = null;
  if (sweep) {
    // At start nothing of this process runs yet: every running import is someone's to resume.
    void resume(0);
    timer = setInterval(() => void resume(STALE_MS), SWEEP_EVERY_MS);
    timer.unref();
  }
  return {
    dispatch,
    idle: async () => {
      while (running.size > 0) await Promise.all(running.values());
    },
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
};

const inngestImportJobs = (): ImportJobs => ({
  dispatch: async (jobs) => {
    if (jobs.length === 0) return;
    try {
      const { inngest } = await import("../inngest/client");
      await inngest.send(jobs.map((job) => contactsImportRequested.create(job)));
    } catch (error) {
      log.warn(
        { err: error, jobs: jobs.length },
        "could not hand import jobs to Inngest; the sweep will retry",
      );
    }
  },
  idle: () => Promise.resolve(),
  stop: () => undefined,
});

const store = globalThis as typeof globalThis & { __ghlhubImportJobs?: Promise<ImportJobs> };

/** The process's import driver (Inngest functions, or in-process), chosen like the webhooks'. */
export const getImportJobs = (): Promise<ImportJobs> => {
  store.__ghlhubImportJobs ??= (async () =>
    getEnv().backgroundDriver === "inngest"
      ? inngestImportJobs()
      : createLocalImportJobs({ db: await getDb(), ghl: getGhlRuntime }))();
  store.__ghlhubImportJobs.catch(() => {
    store.__ghlhubImportJobs = undefined;
  });
  return store.__ghlhubImportJobs;
};

/** Tests run imports on their own driver (pointed at a sandbox). */
export const setImportJobs = (jobs: ImportJobs | undefined) => {
  store.__ghlhubImportJobs = jobs ? Promise.resolve(jobs) : undefined;
};
