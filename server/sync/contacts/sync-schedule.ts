import type { syncFrequency, syncRunStatus } from "../../db/schema";

export type SyncFrequency = (typeof syncFrequency.enumValues)[number];
export type SyncRunStatus = (typeof syncRunStatus.enumValues)[number];
export type SyncTrigger = "schedule" | "connect" | "manual";
export type SyncKind = "backfill" | "reconcile" | "verify";

const MINUTE = 60_000;

/**
 * How often a location is swept. "Real-time" locations rely on webhooks and are reconciled every
 * 15 minutes, so a dropped webhook is repaired within that.
 */
export const SWEEP_INTERVAL_MS: Record<SyncFrequency, number> = {
  realtime: 15 * MINUTE,
  hourly: 60 * MINUTE,
  daily: 24 * 60 * MINUTE,
};

/**
 * A verify pass reads every contact of the location, so it runs weekly, or sooner when a reconcile
 * finds the mirror's count off GHL's, but never more than once in `VERIFY_MIN_GAP_MS`.
 */
export const VERIFY_INTERVAL_MS = 7 * 24 * 60 * MINUTE;
export const VERIFY_MIN_GAP_MS = 6 * 60 * MINUTE;

/** A failed sweep resumes from its checkpoint this much later (Inngest retries sooner). */
export const RETRY_AFTER_FAILURE_MS = 15 * MINUTE;

/** A running sweep that has not written a page for this long is taken to be dead. */
export const STALE_AFTER_MS = 3 * MINUTE;

export type ScheduleFacts = {
  frequency: SyncFrequency;
  /** An explicit due time: someone asked for a sweep, or a failed one is to be retried. */
  nextDueAt: Date | null;
  lastRun: {
    status: SyncRunStatus;
    startedAt: Date;
    heartbeatAt: Date;
    finishedAt: Date | null;
  } | null;
};

/**
 * When the location's next sweep is due. Computed from the last run and the frequency as it is now,
 * so a changed frequency applies at once; a running sweep is "due" only once it stops answering.
 */
export const sweepDueAt = (facts: ScheduleFacts, staleAfterMs = STALE_AFTER_MS): Date => {
  const { lastRun, nextDueAt } = facts;
  if (!lastRun) return new Date(0);
  if (lastRun.status === "running") return new Date(lastRun.heartbeatAt.getTime() + staleAfterMs);
  const finished = (lastRun.finishedAt ?? lastRun.startedAt).getTime();
  const wait =
    lastRun.status === "failed" ? RETRY_AFTER_FAILURE_MS : SWEEP_INTERVAL_MS[facts.frequency];
  const scheduled = finished + wait;
  return new Date(nextDueAt ? Math.min(nextDueAt.getTime(), scheduled) : scheduled);
};

export const isSweepDue = (facts: ScheduleFacts, now = new Date(), staleAfterMs = STALE_AFTER_MS) =>
  sweepDueAt(facts, staleAfterMs).getTime() <= now.getTime();

/** Whether a run still holds its location's lease. */
export const isLive = (
  run: { status: SyncRunStatus; heartbeatAt: Date } | null,
  now = new Date(),
  staleAfterMs = STALE_AFTER_MS,
) => run?.status === "running" && now.getTime() - run.heartbeatAt.getTime() < staleAfterMs;
