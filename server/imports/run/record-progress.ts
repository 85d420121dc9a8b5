import { log } from "../../log";
import type { GhlContactRecord } from "../../sync/contacts/contact-record";
import { type CounterDelta, zeroDelta } from "./import-counters";
import type { ClaimedRow, RowFinish } from "./import-rows.repo";
import { type Finished, finishRows } from "./finish-rows";
import { type JobRun, isDead } from "./job-run";
import type { WriteScope } from "./write-row";

const FLUSH_ROWS = 25;

export type Progress = ReturnType<typeof recordProgress>;

/**
 * Records finished rows in batches (one statement for many rows keeps the database from becoming
 * the bottleneck at 20 locations × the rate-limit ceiling) and tallies what was recorded, for the
 * heartbeat to add to the import's totals.
 */
export const recordProgress = (run: JobRun, scope: WriteScope) => {
  const { db, job, held } = run;
  let delta: CounterDelta = zeroDelta();
  let finished: Finished[] = [];
  let flushing: Promise<void> = Promise.resolve();

  const flush = () => {
    const items = finished;
    finished = [];
    flushing = flushing
      .then(async () => {
        if (items.length === 0 || isDead(run)) return;
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
    if (isDead(run)) return;
    finished.push({ row, finish: result, contact });
    if (finished.length >= FLUSH_ROWS) await flush();
  };

  /** What was recorded since the last call; the caller adds it to the import's totals. */
  const takeCounts = () => {
    const counted = delta;
    delta = zeroDelta();
    return counted;
  };

  return { finish, flush, takeCounts };
};
