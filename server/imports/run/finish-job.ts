import type { Db } from "../../db/types";
import { type CounterDelta, finishIfDone, recount } from "./import-counters";
import { countLeft, heartbeat } from "./import-rows.repo";
import { type ImportJob, type JobResult, activeStatus } from "./job-run";

/** No rows left at this location: the totals are counted again and the import closes if all are done. */
export const closeJob = async (db: Db, job: ImportJob): Promise<JobResult> => {
  await recount(db, job.importId);
  await finishIfDone(db, job.importId, job.mode);
  return { finished: true, status: "done" };
};

/**
 * After the last pass: adds what is still tallied and closes the job if no rows are left. Rows
 * left mean the budget ran out (call again) unless the import is no longer running.
 */
export const endJob = async (db: Db, job: ImportJob, counted: CounterDelta): Promise<JobResult> => {
  // A last beat: adds the tally (never to a closed import) and reads the status in one statement.
  const status = await heartbeat(db, job.importId, [], counted);
  const left = await countLeft(db, job.importId, job.locationId, job.mode);
  if (left === 0) return closeJob(db, job);
  return { finished: status !== activeStatus(job.mode), status: status ?? "missing" };
};
