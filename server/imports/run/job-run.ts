import type { Db } from "../../db/types";
import type { GhlHttp } from "../../ghl/http";
import type { GhlRuntime } from "../../ghl/runtime";
import type { ClaimedRow, JobMode } from "./import-rows.repo";

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

export type RunnerSettings = typeof RUNNER_DEFAULTS & RunnerOptions;

export type JobResult = { finished: boolean; status: string };

/** What the parts of one job's run share while it goes on. */
export type JobRun = {
  db: Db;
  job: ImportJob;
  settings: RunnerSettings;
  /** Date.now() when this call began, for the `maxMs` budget. */
  started: number;
  /** Rows this run has claimed and not yet recorded: the heartbeat renews their lease. */
  held: Map<number, ClaimedRow>;
  /** Claim no more rows (the budget is spent, the import was paused, or the location failed). */
  stopping: boolean;
  /** Why nothing more can be written at this location, once GHL has said so. */
  locationFailure: string | null;
};

export const activeStatus = (mode: JobMode) => (mode === "run" ? "running" : "undoing");

/** Aborting is a crash: nothing more is recorded once the signal fires. */
export const isDead = (run: JobRun) => run.settings.signal?.aborted === true;

export const overBudget = (run: JobRun) =>
  run.settings.maxMs !== undefined && Date.now() - run.started > run.settings.maxMs;

/** Exponential with jitter, or GHL's own hint (Retry-After) when it gave one. */
export const backoffMs = (settings: RunnerSettings, tries: number, hinted?: number) =>
  hinted ??
  Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** (tries - 1)) *
    (0.5 + Math.random() / 2);
