import { sql } from "drizzle-orm";

import { webhookIntakeDaily } from "../db/schema";
import type { Db } from "../db/types";
import { log } from "../log";

/** Outcomes that leave no inbox row, so only this tally remembers them. */
const TALLIED = new Set([
  "rejected_signature",
  "rejected_stale",
  "too_large",
  "read_timeout",
  "throttled",
]);

/**
 * Counts rejected deliveries per UTC day in the database, written every few seconds rather than
 * per request (an attack must not cost a write each). Unwritten counts are kept for the next try.
 */
export const createIntakeTally = (db: Db, flushMs = 5_000) => {
  let pending = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;

  const flush = async () => {
    timer = null;
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    const day = new Date().toISOString().slice(0, 10);
    try {
      await db
        .insert(webhookIntakeDaily)
        .values([...batch].map(([outcome, count]) => ({ day, outcome, count })))
        .onConflictDoUpdate({
          target: [webhookIntakeDaily.day, webhookIntakeDaily.outcome],
          set: { count: sql`${webhookIntakeDaily.count} + excluded.count` },
        });
    } catch (error) {
      for (const [outcome, count] of batch)
        pending.set(outcome, (pending.get(outcome) ?? 0) + count);
      log.warn({ err: error }, "could not write the webhook intake tally; will retry");
      schedule();
    }
  };

  const schedule = () => {
    timer ??= setTimeout(() => void flush(), flushMs);
    timer.unref();
  };

  return {
    add(outcome: string) {
      if (!TALLIED.has(outcome)) return;
      pending.set(outcome, (pending.get(outcome) ?? 0) + 1);
      schedule();
    },
    flush,
  };
};

export type IntakeTally = ReturnType<typeof createIntakeTally>;
