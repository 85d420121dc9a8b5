import { setTimeout as sleep } from "node:timers/promises";

import { type ClaimedRow, countLeft, failRemaining } from "./import-rows.repo";
import { closeJob, endJob } from "./finish-job";
import { loadJob } from "./job-status";
import { feedRows } from "./feed-rows";
import { keepLease } from "./keep-lease";
import { reachLocation } from "./reach-location";
import { recordProgress } from "./record-progress";
import { sendRow } from "./send-row";
import type { WriteScope } from "./write-row";
import {
  type ImportJob,
  type JobResult,
  type JobRun,
  type RunnerDeps,
  type RunnerOptions,
  RUNNER_DEFAULTS,
  activeStatus,
  isDead,
  overBudget,
} from "./job-run";

export type { ImportJob, JobResult, RunnerDeps, RunnerOptions } from "./job-run";
export { RUNNER_DEFAULTS } from "./job-run";

const aborted = (): JobResult => ({ finished: false, status: "aborted" });

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
  const { db } = deps;
  const run: JobRun = {
    db,
    job,
    settings: { ...RUNNER_DEFAULTS, ...options },
    started: Date.now(),
    held: new Map(),
    stopping: false,
    locationFailure: null,
  };
  const loaded = await loadJob(db, job);
  if (!loaded) return { finished: true, status: "missing" };
  if (loaded.status !== activeStatus(job.mode)) return { finished: true, status: loaded.status };
  if ((await countLeft(db, job.importId, job.locationId, job.mode)) === 0) return closeJob(db, job);

  const runtime = await deps.ghl();
  const reached = await reachLocation(runtime, loaded, run.settings);
  if ("refused" in reached) {
    if (job.mode === "run") await failRemaining(db, job.importId, job.locationId, reached.refused);
    await closeJob(db, job);
    return { finished: true, status: "location_failed" };
  }
  const scope: WriteScope = {
    db,
    op: {
      http: deps.http ?? runtime.http,
      target: reached.target,
      ghlLocationId: loaded.location.ghlLocationId ?? "",
    },
    agencyId: loaded.agencyId,
    locationId: job.locationId,
    importId: job.importId,
    startedAt: loaded.startedAt ?? loaded.createdAt,
  };
  const progress = recordProgress(run, scope);
  const handle = (row: ClaimedRow) => sendRow(run, scope, progress, row);

  const stopBeating = keepLease(run, progress);
  try {
    for (;;) {
      await feedRows(run, handle, progress.flush);
      if (isDead(run)) return aborted();
      if (run.locationFailure && job.mode === "run")
        await failRemaining(db, job.importId, job.locationId, run.locationFailure);
      if (run.stopping && !run.locationFailure) break;
      const left = await countLeft(db, job.importId, job.locationId, job.mode);
      if (left === 0 || run.locationFailure) break;
      // What is left is held by another worker (or a crashed one): wait for its lease.
      await sleep(Math.min(run.settings.leaseMs / 2, 1_000));
      if (isDead(run)) return aborted();
      if (overBudget(run)) break;
    }
  } finally {
    stopBeating();
  }
  if (isDead(run)) return aborted();
  return endJob(db, job, progress.takeCounts());
};
