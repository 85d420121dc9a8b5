import { type ClaimedRow, claimRows, releaseRows } from "./import-rows.repo";
import { type JobRun, isDead } from "./job-run";

/**
 * One pass over the rows left: claims them in line order, a batch ahead, and keeps `concurrency`
 * in flight (the shared rate limiter paces them at the location's ceiling) until none are left
 * or the run is stopping. Rows claimed but never started are handed back at the end.
 */
export const feedRows = async (
  run: JobRun,
  handle: (row: ClaimedRow) => Promise<void>,
  flush: () => Promise<void>,
) => {
  const { db, job, settings, held } = run;
  const queue: ClaimedRow[] = [];
  let exhausted = false;
  const claim: { current: Promise<void> | null } = { current: null };
  const refill = async () => {
    const rows = await claimRows(db, {
      ...job,
      limit: settings.concurrency * 2,
      leaseMs: settings.leaseMs,
    });
    if (isDead(run)) return;
    for (const row of rows) {
      held.set(row.line, row);
      queue.push(row);
    }
    if (rows.length === 0) exhausted = true;
  };
  const next = async (): Promise<ClaimedRow | null> => {
    for (;;) {
      if (run.stopping || isDead(run)) return null;
      const row = queue.shift();
      if (row) {
        if (queue.length < settings.concurrency && !exhausted && !claim.current)
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
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  await claim.current;
  await flush();
  if (!isDead(run)) await releaseRows(db, job.importId, queue);
  held.clear();
};
