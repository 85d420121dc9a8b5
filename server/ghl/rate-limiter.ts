import { and, eq, sql } from "drizzle-orm";

import { ghlRateLimits as t } from "../db/schema";
import type { Db } from "../db/types";
import { log } from "../log";
import { pauseMsFor, readRateLimitHeaders } from "./rate-limit-headers";

export type RateLimitStatus = {
  inWindow: number;
  pausedUntil: Date | null;
  dailyRemaining: number | null;
  dailyLimit: number | null;
};

export type AcquireOptions = { maxWaitMs?: number; signal?: AbortSignal };

/** A granted request, to hand back to `release` once GHL has answered. */
export type RateLimitSlot = { resourceKey: string; grantedAt: string };

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
  observe(resourceKey: string, response: { status: number; headers: Headers }): Promise<void>;
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

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

const throwIfAborted = (signal?: AbortSignal) => {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("aborted");
};

/**
 * GHL's per-resource budget, shared by every process through `ghl_rate_limits` (OUT-1). Each row
 * keeps the request times of the last `windowMs + guardMs`, on the database clock so processes
 * agree. A grant is one conditional UPDATE: under READ COMMITTED a concurrent UPDATE of the same row
 * re-checks its WHERE against the committed row, so two processes never both take the last slot.
 */
export const createGhlRateLimiter = (options: GhlRateLimiterOptions): GhlRateLimiter => {
  const { db, burst = 100, windowMs = 10_000, guardMs = 200, now = Date.now } = options;
  const window = `${windowMs + guardMs} milliseconds`;
  const known = new Set<string>();

  // clock_timestamp(), not now(): now() is the transaction start, which is stale after a lock wait.
  const live = sql`array(select h from unnest(${t.hits}) h where h > clock_timestamp() - ${window}::interval order by h)`;
  const paused = sql`${t.pausedUntil} > clock_timestamp()`;

  const ensureRow = async (resourceKey: string) => {
    if (known.has(resourceKey)) return;
    await db.insert(t).values({ resourceKey }).onConflictDoNothing();
    known.add(resourceKey);
  };

  /** The grant's own timestamp (as text, to the microsecond) identifies it for `release`. */
  const tryTake = async (resourceKey: string) => {
    const [row] = await db
      .update(t)
      .set({ hits: sql`${live} || clock_timestamp()`, updatedAt: sql`clock_timestamp()` })
      .where(
        and(
          eq(t.resourceKey, resourceKey),
          sql`not coalesce(${paused}, false)`,
          sql`cardinality(${live}) < ${burst}::int`,
        ),
      )
      .returning({ grantedAt: sql<string>`(${t.hits})[cardinality(${t.hits})]::text` });
    return row ? row.grantedAt : null;
  };

  /** Milliseconds until a slot frees (or the pause ends); null when the row is gone. */
  const waitFor = async (resourceKey: string) => {
    const [row] = await db
      .select({
        pauseMs: sql<number>`greatest(0, extract(epoch from ${t.pausedUntil} - clock_timestamp()) * 1000)::float8`,
        leaveMs: sql<
          number[]
        >`array(select (extract(epoch from h + ${window}::interval - clock_timestamp()) * 1000)::float8 from unnest(${live}) h)`,
      })
      .from(t)
      .where(eq(t.resourceKey, resourceKey));
    if (!row) return null;
    const leaveMs = row.leaveMs.map(Number);
    // The slot frees when enough of the oldest hits have left for the count to drop below burst.
    const slotMs = leaveMs.length >= burst ? (leaveMs[leaveMs.length - burst] ?? 0) : 0;
    return Math.max(Number(row.pauseMs ?? 0), slotMs, 0);
  };

  const dailyWrittenAt = new Map<string, number>();
  /** Unawaited daily-figure writes, so `status` in this process still reads its own writes. */
  const pendingWrites = new Map<string, Promise<void>>();

  const write = async (
    resourceKey: string,
    pauseMs: number | null,
    limits: ReturnType<typeof readRateLimitHeaders>,
  ) => {
    await ensureRow(resourceKey);
    await db
      .update(t)
      .set({
        ...(pauseMs === null
          ? {}
          : {
              pausedUntil: sql`greatest(${t.pausedUntil}, clock_timestamp() + ${`${pauseMs} milliseconds`}::interval)`,
            }),
        ...(limits.dailyRemaining === null ? {} : { dailyRemaining: limits.dailyRemaining }),
        ...(limits.dailyLimit === null ? {} : { dailyLimit: limits.dailyLimit }),
        updatedAt: sql`clock_timestamp()`,
      })
      .where(eq(t.resourceKey, resourceKey));
  };

  return {
    async acquire(resourceKey, { maxWaitMs = DEFAULT_MAX_WAIT_MS, signal } = {}) {
      const started = now();
      for (;;) {
        throwIfAborted(signal);
        await ensureRow(resourceKey);
        const grantedAt = await tryTake(resourceKey);
        if (grantedAt) return { waitedMs: now() - started, slot: { resourceKey, grantedAt } };
        const waitMs = await waitFor(resourceKey);
        if (waitMs === null) {
          known.delete(resourceKey);
          continue;
        }
        if (now() - started + waitMs > maxWaitMs) throw new RateLimitWaitError(resourceKey, waitMs);
        // A few ms of jitter, so waiters woken by the same freed slot do not all retry at once.
        await sleep(waitMs + Math.random() * 5, signal);
      }
    },

    async release({ resourceKey, grantedAt }) {
      // Replaces the grant's stamp; a grant that already left the window comes back in, since
      // its request may have arrived only just now.
      await db
        .update(t)
        .set({
          hits: sql`array(select h from unnest(${live}) h where h <> ${grantedAt}::timestamptz order by h) || clock_timestamp()`,
          updatedAt: sql`clock_timestamp()`,
        })
        .where(eq(t.resourceKey, resourceKey));
    },

    async observe(resourceKey, response) {
      const limits = readRateLimitHeaders(response.headers, now());
      const pauseMs = pauseMsFor(response.status, limits, windowMs, now());
      if (pauseMs === null && limits.dailyRemaining === null && limits.dailyLimit === null) return;
      // The daily figures are for the health page: written at most every few seconds, off the
      // call's path. A pause is written at once and awaited: other processes must see it.
      if (pauseMs === null) {
        const last = dailyWrittenAt.get(resourceKey) ?? 0;
        if (now() - last < DAILY_WRITE_INTERVAL_MS) return;
        dailyWrittenAt.set(resourceKey, now());
        const pending = write(resourceKey, null, limits)
          .catch((error: unknown) =>
            log.warn({ err: error, resourceKey }, "storing GHL's daily remaining failed"),
          )
          .finally(() => pendingWrites.delete(resourceKey));
        pendingWrites.set(resourceKey, pending);
        return;
      }
      await write(resourceKey, pauseMs, limits);
    },

    async status(resourceKey) {
      await pendingWrites.get(resourceKey);
      const [row] = await db
        .select({
          inWindow: sql<number>`cardinality(${live})`.mapWith(Number),
          pausedUntil: t.pausedUntil,
          paused: sql<boolean>`coalesce(${paused}, false)`,
          dailyRemaining: t.dailyRemaining,
          dailyLimit: t.dailyLimit,
        })
        .from(t)
        .where(eq(t.resourceKey, resourceKey));
      if (!row) return { inWindow: 0, pausedUntil: null, dailyRemaining: null, dailyLimit: null };
      return {
        inWindow: row.inWindow,
        pausedUntil: row.paused ? row.pausedUntil : null,
        dailyRemaining: row.dailyRemaining,
        dailyLimit: row.dailyLimit,
      };
    },
  };
};
