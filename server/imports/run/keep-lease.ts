import { log } from "../../log";
import { heartbeat } from "./import-rows.repo";
import { type JobRun, activeStatus, isDead, overBudget } from "./job-run";
import type { Progress } from "./record-progress";

/**
 * Every few seconds (well inside the lease): records what finished, renews the claim on the rows
 * still in flight, adds the tallies to the import's totals, and tells the run to stop when the
 * import was paused or cancelled or the time budget is spent. Returns the function that stops it.
 */
export const keepLease = (run: JobRun, progress: Progress) => {
  const { db, job } = run;
  const beat = async () => {
    if (isDead(run)) return;
    await progress.flush();
    const counted = progress.takeCounts();
    const status = await heartbeat(db, job.importId, [...run.held.keys()], counted);
    if (status !== activeStatus(job.mode)) run.stopping = true;
    if (overBudget(run)) run.stopping = true;
  };
  const timer = setInterval(
    () =>
      void beat().catch((error: unknown) =>
        log.warn({ err: error, ...job }, "import heartbeat failed"),
      ),
    Math.max(200, Math.min(run.settings.leaseMs / 3, 2_000)),
  );
  return () => clearInterval(timer);
};
