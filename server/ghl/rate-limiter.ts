import { eq, sql } from "drizzle-orm";

import { ghlRateLimits as t } from "../db/schema";
import type { Db } from "../db/types";
import { log } from "../log";
import { LineWaitError, createGrantLine } from "./grant-line";
import { createProcessWindow } from "./process-window";
import { pauseMsFor, readRateLimitHeaders } from "./rate-limit-headers";
import { createSharedWindow } from "./shared-window";

export type RateLimitStatus = {
  inWindow: number;
  pausedUntil: Date | null;
  dailyRemaining: number | null;
  dailyLimit: number | null;
};

export type AcquireOptions = { maxWaitMs?: number; signal?: AbortSignal };

/** A granted request, to hand back to `release` once GHL has answered. */
export type RateLimitSlot = {
  resourceKey: string;
  grantedAt: string;
  /** Requests the shared window held once this one was granted, this one included. */
  inWindow: number;
};

export type GhlRateLimiter = {
  /** Waits until the resource has budget, then records the request. Throws RateLimitWaitError (with `waitMs`) if the wait would exceed maxWaitMs. */
  acquire(
    resourceKey: string,
    options?: AcquireOptions,
  ): Promise<{ waitedMs: number; slot: RateLimitSlot }>;
  /**
   * Restamps a request with the time its answer (or failure) came back. GHL counts a request when
   * it arrives, which is no later than that, so a slot held for a window after the answer covers
   * any delay between grant and arrival: a stalled event loop or a slow network cannot make two
   * windows' worth of requests land in one.
   */
  release(slot: RateLimitSlot): Promise<void>;
  /** Applies GHL's answer: X-RateLimit-* headers, and a pause for every process on 429 or Remaining 0. */
  observe(
    resourceKey: string,
    response: { status: number; headers: Headers },
    slot?: RateLimitSlot,
  ): Promise<void>;
  status(resourceKey: string): Promise<RateLimitStatus>;
};

export type GhlRateLimiterOptions = {
  db: Db;
  /** GHL: 100 requests per 10 s per app and resource (REFERENCE §3). */
  burst?: number;
  windowMs?: number;
  /** Added to the window: covers a difference in clock rates between us and GHL. */
  guardMs?: number;
  /** Measures `waitedMs` and the maxWaitMs budget; the budget itself runs on the database clock. */
  now?: () => number;
  /**
   * `shared` (default): the window lives in PostgreSQL for every process. `process`: in this
   * process's memory, only where no other process can use the same GHL app (the embedded database).
   */
  scope?: "shared" | "process";
};

export const DEFAULT_MAX_WAIT_MS = 30_000;
const DAILY_WRITE_INTERVAL_MS = 5_000;

export class RateLimitWaitError extends Error {
  override name = "RateLimitWaitError";
  constructor(
    readonly resourceKey: string,
    readonly waitMs: number,
  ) {
    super(`GHL budget for ${resourceKey} frees up in ${Math.ceil(waitMs)} ms`);
  }
}

/** GHL's per-resource budget (REFERENCE §3): paced grants, GHL's headers applied, 429 pauses. */
export const createGhlRateLimiter = (options: GhlRateLimiterOptions): GhlRateLimiter => {
  const { db, burst = 100, windowMs = 10_000, guardMs = 200, now = Date.now } = options;
  const windowOptions = { burst, windowMs, guardMs, now };
  const store =
    options.scope === "process"
      ? createProcessWindow(windowOptions)
      : createSharedWindow(db, windowOptions);
  const line = createGrantLine({ burst, now, take: store.take, drop: store.drop });

  /**
   * GHL's X-RateLimit-Remaining says at least `burst - remaining` requests are in its window. When
   * ours holds fewer (a request we did not count: another deployment, a clock drift), the missing
   * ones are added, stamped now (OUT-4: never more budget than GHL says). Checked only once the
   * budget runs low, where it matters. GHL counted when the request arrived, so its figure is
   * compared with what our window held when the request was granted: compared with the window
   * now, hits that have left both windows since would come back as phantoms and block a whole
   * window of slots.
   */
  const syncBelow = Math.max(1, Math.floor(burst / 10));
  const takeUpRemaining = async (
    resourceKey: string,
    remaining: number,
    slot: RateLimitSlot | undefined,
  ) => {
    const need = Math.max(0, burst - remaining);
    if (need === 0 || (slot !== undefined && slot.inWindow >= need)) return;
    await store.takeUp(resourceKey, need);
  };

  const dailyWrittenAt = new Map<string, number>();
  /** Unawaited daily-figure writes, so `status` in this process still reads its own writes. */
  const pendingWrites = new Map<string, Promise<void>>();

  /** GHL's daily figures, for the health page (in PostgreSQL whatever the window's scope). */
  const writeDaily = async (
    resourceKey: string,
    limits: ReturnType<typeof readRateLimitHeaders>,
  ) => {
    await db.insert(t).values({ resourceKey }).onConflictDoNothing();
    await db
      .update(t)
      .set({
        ...(limits.dailyRemaining === null ? {} : { dailyRemaining: limits.dailyRemaining }),
        ...(limits.dailyLimit === null ? {} : { dailyLimit: limits.dailyLimit }),
        updatedAt: sql`clock_timestamp()`,
      })
      .where(eq(t.resourceKey, resourceKey));
  };

  return {
    async acquire(resourceKey, { maxWaitMs = DEFAULT_MAX_WAIT_MS, signal } = {}) {
      const started = now();
      try {
        const grant = await line.wait(resourceKey, started + maxWaitMs, signal);
        return { waitedMs: now() - started, slot: { resourceKey, ...grant } };
      } catch (error) {
        if (error instanceof LineWaitError) throw new RateLimitWaitError(resourceKey, error.waitMs);
        throw error;
      }
    },

    release({ resourceKey, grantedAt }) {
      return store.restamp(resourceKey, grantedAt);
    },

    async observe(resourceKey, response, slot) {
      const limits = readRateLimitHeaders(response.headers, now());
      if (response.status !== 429 && limits.remaining !== null && limits.remaining <= syncBelow)
        await takeUpRemaining(resourceKey, limits.remaining, slot);
      const pauseMs = pauseMsFor(response.status, limits, windowMs, now());
      // A pause is written at once and awaited: every caller (in every process) must see it.
      if (pauseMs !== null) await store.pause(resourceKey, pauseMs);
      if (limits.dailyRemaining === null && limits.dailyLimit === null) return;
      // The daily figures are for the health page: written at most every few seconds, off the
      // call's path.
      const lastWrite = dailyWrittenAt.get(resourceKey) ?? 0;
      if (pauseMs === null && now() - lastWrite < DAILY_WRITE_INTERVAL_MS) return;
      dailyWrittenAt.set(resourceKey, now());
      const pending = writeDaily(resourceKey, limits)
        .catch((error: unknown) =>
          log.warn({ err: error, resourceKey }, "storing GHL's daily remaining failed"),
        )
        .finally(() => pendingWrites.delete(resourceKey));
      pendingWrites.set(resourceKey, pending);
    },

    async status(resourceKey) {
      await pendingWrites.get(resourceKey);
      const window = await store.window(resourceKey);
      const [daily] = await db
        .select({ dailyRemaining: t.dailyRemaining, dailyLimit: t.dailyLimit })
        .from(t)
        .where(eq(t.resourceKey, resourceKey));
      return {
        ...window,
        dailyRemaining: daily?.dailyRemaining ?? null,
        dailyLimit: daily?.dailyLimit ?? null,
      };
    },
  };
};
