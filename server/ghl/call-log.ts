import { ghlApiCalls } from "../db/schema";
import type { Db } from "../db/types";
import { log } from "../log";
import { getMetrics } from "../metrics/registry";

export type ApiCallRecord = typeof ghlApiCalls.$inferInsert;

/**
 * Records every GHL call without putting a database write on the call's path: rows are buffered
 * and written in batches (every second, or every 200 rows). `flush()` writes what is pending.
 */
export const createCallLog = (db: Db, { maxBatch = 200, intervalMs = 1000 } = {}) => {
  let pending: ApiCallRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return writing;
    writing = writing
      .then(() => db.insert(ghlApiCalls).values(batch))
      .then(() => undefined)
      .catch((error: unknown) =>
        log.error({ err: error, rows: batch.length }, "GHL call log write failed"),
      );
    return writing;
  };

  return {
    record(row: ApiCallRecord) {
      const metrics = getMetrics();
      metrics.ghlApiCalls.inc({ operation: row.operation, status: String(row.status ?? 0) });
      metrics.ghlApiLatency.observe({ operation: row.operation }, row.durationMs / 1000);
      pending.push(row);
      if (pending.length >= maxBatch) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), intervalMs);
        timer.unref();
      }
    },
    flush,
  };
};

export type CallLog = ReturnType<typeof createCallLog>;
