import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";

import { ghlRateLimits as t } from "../db/schema";
import type { Db } from "../db/types";
import { rowsOf } from "../db/execute-rows";
import { log } from "../log";
import { createLocalLine } from "./local-line";
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

const ZTake = z.object({
  granted_at: z.string().nullable(),
  pause_ms: z.coerce.number().nullable(),
  leave_ms: z.array(z.coerce.number()),
});

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
  const line = createLocalLine(now);

  // clock_timestamp(), not now(): now() is the transaction start, which is stale after a lock wait.
  const live = sql`array(select h from unnest(${t.hits}) h where h > clock_timestamp() - ${window}::interval order by h)`;
  const paused = sql`${t.pausedUntil} > clock_timestamp()`;

  const ensureRow = async (resourceKey: string) => {
    if (known.has(resourceKey)) return;
    await db.insert(t).values({ resourceKey }).onConflictDoNothing();
    known.add(resourceKey);
  };

  /**
   * One round trip: take a slot if the window has room, and otherwise say how long until one frees
   * (or the pause ends). The outer SELECT reads the row as it was before the UPDATE, which is what
   * the wait is computed from when nothing was granted. No row: `missing`.
   */
  const tryTake = async (resourceKey: string) => {
    const result = await db.execute(sql`
      with granted as (
        update ${t} set hits = ${live} || clock_timestamp(), updated_at = clock_timestamp()
        where ${t.resourceKey} = ${resourceKey}
          and not coalesce(${paused}, false)
          and cardinality(${live}) < ${burst}::int
        returning (${t.hits})[cardinality(${t.hits})]::text as granted_at
      )
      select
        (select granted_at from granted) as granted_at,
        greatest(0, extract(epoch from ${t.pausedUntil} - clock_timestamp()) * 1000)::float8 as pause_ms,
        array(select (extract(epoch from h + ${window}::interval - clock_timestamp()) * 1000)::float8
              from unnest(${live}) h) as leave_ms
      from ${t} where ${t.resourceKey} = ${resourceKey}`);
    const [row] = ZTake.array().parse(rowsOf(result));
    if (!row) return { kind: "missing" as const };
    if (row.granted_at) return { kind: "granted" as const, grantedAt: row.granted_at };
    // The slot frees when enough of the oldest hits have left for the count to drop below burst.
    const leaveMs = row.leave_ms;
    const slotMs = leaveMs.length >= burst ? (leaveMs[leaveMs.length - burst] ?? 0) : 0;
    return { kind: "wait" as const, waitMs: Math.max(row.pause_ms ?? 0, slotMs, 0) };
  };

  /**
   * Restamps are written in groups per resource: while one UPDATE is in flight the next releases
   * queue and go in the following one. Each new stamp is the moment the answer came back (the
   * database clock less the time it waited here), so neither the batching nor a busy pool holds a
   * slot longer than GHL's window after its answer.
   */
  type Restamp = { grantedAt: string; answeredAt: number; done: (error?: Error) => void };
  const restamps = new Map<string, Restamp[]>();
  const flushing = new Set<string>();
  const flushRestamps = async (resourceKey: string) => {
    flushing.add(resourceKey);
    try {
      for (let batch = restamps.get(resourceKey); batch; batch = restamps.get(resourceKey)) {
        restamps.delete(resourceKey);
        const grants = sql.join(
          batch.map((r) => sql`${r.grantedAt}::timestamptz`),
          sql`, `,
        );
        const flushedAt = now();
        const stamps = sql.join(
          batch.map(
            (r) =>
              sql`clock_timestamp() - ${Math.max(0, flushedAt - r.answeredAt)}::float8 * interval '1 millisecond'`,
          ),
          sql`, `,
        );
        // A grant that already left the window comes back in: its request may have arrived only now.
        const error = await db
          .update(t)
          .set({
            hits: sql`array(select h from unnest(${live}) h where h <> all(array[${grants}]) order by h) || array[${stamps}]`,
            updatedAt: sql`clock_timestamp()`,
          })
          .where(eq(t.resourceKey, resourceKey))
          .then(
            () => undefined,
            (e: unknown) => (e instanceof Error ? e : new Error("restamping GHL grants failed")),
          );
        for (const r of batch) r.done(error);
      }
    } finally {
      flushing.delete(resourceKey);
    }
  };

  /**
   * GHL's X-RateLimit-Remaining says at least `burst - remaining` requests are in its window. When
   * ours holds fewer (a request we did not count: another deployment, a clock drift), the missing
   * ones are added, stamped now (OUT-4: never more budget than GHL says). Checked only once the
   * budget runs low, where it matters; a no-op UPDATE in the usual case.
   */
  const syncBelow = Math.max(1, Math.floor(burst / 10));
  const takeUpRemaining = async (resourceKey: string, remaining: number) => {
    const need = Math.max(0, burst - remaining);
    if (need === 0) return;
    await ensureRow(resourceKey);
    await db
      .update(t)
      .set({
        hits: sql`${live} || array_fill(clock_timestamp(), array[${need}::int - cardinality(${live})])`,
        updatedAt: sql`clock_timestamp()`,
      })
      .where(and(eq(t.resourceKey, resourceKey), sql`cardinality(${live}) < ${need}::int`));
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
      const giveUpAt = started + maxWaitMs;
      const place = await line.join(resourceKey, giveUpAt, signal);
      try {
        if (place.timedOut)
          throw new RateLimitWaitError(resourceKey, Math.max(place.expectedFreeAt - now(), 0));
        for (;;) {
          throwIfAborted(signal);
          await ensureRow(resourceKey);
          const taken = await tryTake(resourceKey);
          if (taken.kind === "missing") {
            known.delete(resourceKey);
            continue;
          }
          if (taken.kind === "granted") {
            line.expect(resourceKey, 0);
            return { waitedMs: now() - started, slot: { resourceKey, grantedAt: taken.grantedAt } };
          }
          line.expect(resourceKey, now() + taken.waitMs);
          if (now() + taken.waitMs > giveUpAt)
            throw new RateLimitWaitError(resourceKey, taken.waitMs);
          // A few ms of jitter, so other processes' heads woken by the same slot do not collide.
          await sleep(taken.waitMs + Math.random() * 5, signal);
        }
      } finally {
        place.leave();
      }
    },

    release({ resourceKey, grantedAt }) {
      return new Promise<void>((resolve, reject) => {
        const batch = restamps.get(resourceKey) ?? [];
        batch.push({
          grantedAt,
          answeredAt: now(),
          done: (error) => (error === undefined ? resolve() : reject(error)),
        });
        restamps.set(resourceKey, batch);
        if (!flushing.has(resourceKey)) void flushRestamps(resourceKey);
      });
    },

    async observe(resourceKey, response) {
      const limits = readRateLimitHeaders(response.headers, now());
      if (response.status !== 429 && limits.remaining !== null && limits.remaining <= syncBelow)
        await takeUpRemaining(resourceKey, limits.remaining);
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
