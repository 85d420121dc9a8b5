import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSandbox } from "../../sandbox/testing/harness";

import { openPostgres } from "../db/client";
import type { Db } from "../db/types";
import { eq, sql } from "drizzle-orm";

import { ghlRateLimits } from "../db/schema";
import { type TestDb, createTestDb } from "../testing/db";
import { RateLimitWaitError, createGhlRateLimiter } from "./rate-limiter";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.close());

let keys = 0;
const freshKey = () => `ghl:test:loc-${++keys}-${Math.random().toString(36).slice(2, 8)}`;

/** The largest number of `times` inside any half-open window of `windowMs`. */
const maxInWindow = (times: number[], windowMs: number) => {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
};

const small = { burst: 5, windowMs: 500, guardMs: 50 };

// The rules hold wherever the window lives: in PostgreSQL, or in memory (embedded database).
describe.each([["shared"], ["process"]] as const)("a rate limiter with a %s window", (scope) => {
  it("makes sequential callers beyond the burst wait instead of exceeding it", async () => {
    const limiter = createGhlRateLimiter({ db: t.db, ...small, scope });
    const key = freshKey();
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < 12; i++) {
      await limiter.acquire(key);
      times.push(performance.now());
    }
    expect(maxInWindow(times, small.windowMs)).toBeLessThanOrEqual(small.burst);
    // 12 grants at 5 per 550 ms need two full windows.
    expect(times.at(-1)! - started).toBeGreaterThanOrEqual(
      2 * (small.windowMs + small.guardMs) - 5,
    );
    expect((await limiter.status(key)).inWindow).toBeGreaterThan(0);
  });

  it("takes GHL's remaining budget into its window when it is lower than its own (OUT-4)", async () => {
    const limiter = createGhlRateLimiter({ db: t.db, scope });
    const key = freshKey();
    for (let i = 0; i < 15; i++) await limiter.acquire(key);
    // GHL counts requests we never made (another deployment): only 3 remain, not our 85.
    await limiter.observe(key, {
      status: 200,
      headers: new Headers({ "X-RateLimit-Remaining": "3" }),
    });
    expect(await limiter.status(key)).toMatchObject({ inWindow: 97, pausedUntil: null });
    for (let i = 0; i < 3; i++) await limiter.acquire(key, { maxWaitMs: 0 });
    const error = await limiter.acquire(key, { maxWaitMs: 1_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitWaitError);
    expect((error as RateLimitWaitError).waitMs).toBeGreaterThan(9_000);

    // A spent budget is a full window, not an interval-long pause after the last answer.
    const spent = freshKey();
    await limiter.observe(spent, {
      status: 200,
      headers: new Headers({
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Interval-Milliseconds": "10000",
      }),
    });
    expect(await limiter.status(spent)).toMatchObject({ inWindow: 100, pausedUntil: null });
    const refused = await limiter.acquire(spent, { maxWaitMs: 1_000 }).catch((e: unknown) => e);
    expect((refused as RateLimitWaitError).waitMs).toBeGreaterThan(9_000);
    // Never the other way: a high Remaining does not free what our window holds.
    await limiter.observe(spent, {
      status: 200,
      headers: new Headers({ "X-RateLimit-Remaining": "100" }),
    });
    expect((await limiter.status(spent)).inWindow).toBe(100);
  });

  it("reads a low Remaining against the window at grant time, not the window now", async () => {
    const limiter = createGhlRateLimiter({ db: t.db, ...small, scope });
    const key = freshKey();
    let last = null as Awaited<ReturnType<typeof limiter.acquire>>["slot"] | null;
    for (let i = 0; i < small.burst; i++) last = (await limiter.acquire(key)).slot;
    expect(last?.inWindow).toBe(small.burst);
    // The answer comes back after our grants have left the window: GHL counted them when the
    // request arrived, and they have left its window too. Nothing is owed.
    await new Promise((resolve) => setTimeout(resolve, small.windowMs + small.guardMs + 20));
    const spent = { status: 200, headers: new Headers({ "X-RateLimit-Remaining": "0" }) };
    await limiter.observe(key, spent, last!);
    expect((await limiter.status(key)).inWindow).toBe(0);
    // Without what the window held at grant time, the same answer is taken as phantom hits.
    await limiter.observe(key, spent);
    expect((await limiter.status(key)).inWindow).toBe(small.burst);
    // And a grant made when the window held fewer than GHL counts still takes up the rest.
    const other = freshKey();
    const { slot } = await limiter.acquire(other);
    expect(slot.inWindow).toBe(1);
    await limiter.observe(
      other,
      { status: 200, headers: new Headers({ "X-RateLimit-Remaining": "1" }) },
      slot,
    );
    expect((await limiter.status(other)).inWindow).toBe(small.burst - 1);
  });

  it("rejects a full window at once when the wait exceeds maxWaitMs, and honours abort", async () => {
    const limiter = createGhlRateLimiter({ db: t.db, ...small, scope });
    const key = freshKey();
    for (let i = 0; i < small.burst; i++) await limiter.acquire(key);
    const error = await limiter.acquire(key, { maxWaitMs: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitWaitError);
    expect((error as RateLimitWaitError).waitMs).toBeGreaterThan(300);

    const controller = new AbortController();
    const waiting = limiter.acquire(key, { signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error("caller gave up")), 20);
    expect(await waiting).toEqual(new Error("caller gave up"));
    expect((await limiter.status(key)).inWindow).toBe(small.burst);
  });
  it("never grants more than the burst in any window to concurrent callers", async () => {
    const limiter = createGhlRateLimiter({ db: t.db, ...small, scope });
    const key = freshKey();
    const times: number[] = [];
    const stamps: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        const { slot } = await limiter.acquire(key, { maxWaitMs: 10_000 });
        times.push(performance.now());
        stamps.push(slot.grantedAt);
        await limiter.release(slot);
      }),
    );
    expect(maxInWindow(times, small.windowMs)).toBeLessThanOrEqual(small.burst);
    expect(new Set(stamps).size).toBe(16);
  });

  it("pauses the resource on a 429, and only that resource", async () => {
    const limiter = createGhlRateLimiter({ db: t.db, scope });
    const [paused, other] = [freshKey(), freshKey()];
    await limiter.observe(paused, { status: 429, headers: new Headers({ "Retry-After": "1" }) });
    expect((await limiter.status(paused)).pausedUntil).toBeInstanceOf(Date);
    const error = await limiter.acquire(paused, { maxWaitMs: 100 }).catch((e: unknown) => e);
    expect((error as RateLimitWaitError).waitMs).toBeGreaterThan(500);
    expect((await limiter.acquire(other, { maxWaitMs: 0 })).waitedMs).toBeLessThan(1_000);
    expect((await limiter.acquire(paused)).waitedMs).toBeGreaterThanOrEqual(500);
    expect((await limiter.status(paused)).pausedUntil).toBeNull();
  });
});

describe("createGhlRateLimiter with its window in PostgreSQL", () => {
  it("pauses every instance when one of them sees a 429, and only for that resource", async () => {
    const a = createGhlRateLimiter({ db: t.db });
    const b = createGhlRateLimiter({ db: t.db });
    const [paused, other] = [freshKey(), freshKey()];
    await a.observe(paused, { status: 429, headers: new Headers({ "Retry-After": "1" }) });
    expect((await b.status(paused)).pausedUntil).toBeInstanceOf(Date);

    const error = await b.acquire(paused, { maxWaitMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitWaitError);
    expect((error as RateLimitWaitError).waitMs).toBeGreaterThan(500);
    expect((error as RateLimitWaitError).waitMs).toBeLessThanOrEqual(1_000);

    expect((await b.acquire(other, { maxWaitMs: 0 })).waitedMs).toBeLessThan(1_000);
    const { waitedMs } = await b.acquire(paused);
    expect(waitedMs).toBeGreaterThanOrEqual(500);
    expect((await b.status(paused)).pausedUntil).toBeNull();
  });

  it("never grants more than the burst in any window to 3 concurrent limiters", async () => {
    // On PostgreSQL each limiter gets its own pool, as separate processes would.
    const handles = t.url ? await Promise.all([1, 2, 3].map(() => openPostgres(t.url!, 4))) : [];
    const dbs: Db[] = t.url ? handles.map((h) => h.db) : [t.db, t.db, t.db];
    try {
      const options = { burst: 10, windowMs: 500, guardMs: 50 };
      const limiters = dbs.map((db) => createGhlRateLimiter({ db, ...options }));
      const key = freshKey();
      const times: number[] = [];
      const stamps: string[] = [];
      await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const { slot } = await limiters[i % 3]!.acquire(key, { maxWaitMs: 20_000 });
          times.push(performance.now());
          stamps.push(slot.grantedAt);
        }),
      );
      expect(times).toHaveLength(60);
      // Restamps find a grant by its stamp: no two grants may share one.
      expect(new Set(stamps).size).toBe(60);
      expect(maxInWindow(times, options.windowMs)).toBeLessThanOrEqual(options.burst);
      // Not starved either: 60 grants at 10 per 550 ms fit in about 6 windows.
      expect(Math.max(...times) - Math.min(...times)).toBeLessThan(12 * 550);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it("moves each answered grant to its answer time, every resource in one write", async () => {
    const limiter = createGhlRateLimiter({ db: t.db, ...small });
    const [a, b] = [freshKey(), freshKey()];
    const { slot: slotA } = await limiter.acquire(a);
    const { slot: slotB } = await limiter.acquire(b);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await Promise.all([limiter.release(slotA), limiter.release(slotB)]);
    for (const slot of [slotA, slotB]) {
      const [row] = await t.db
        .select({
          stamps: sql<number>`cardinality(${ghlRateLimits.hits})`.mapWith(Number),
          afterGrantMs:
            sql<number>`extract(epoch from (${ghlRateLimits.hits})[1] - ${slot.grantedAt}::timestamptz) * 1000`.mapWith(
              Number,
            ),
        })
        .from(ghlRateLimits)
        .where(eq(ghlRateLimits.resourceKey, slot.resourceKey));
      expect(row?.stamps).toBe(1);
      // The new stamp is the answer (about 120 ms after the grant), never before it.
      expect(row?.afterGrantMs).toBeGreaterThanOrEqual(100);
    }
  });

  it("stores the daily budget GHL reports", async () => {
    const limiter = createGhlRateLimiter({ db: t.db });
    const key = freshKey();
    await limiter.observe(key, {
      status: 200,
      headers: new Headers({
        "X-RateLimit-Remaining": "99",
        "X-RateLimit-Daily-Remaining": "199876",
        "X-RateLimit-Limit-Daily": "200000",
      }),
    });
    expect(await limiter.status(key)).toEqual({
      inWindow: 0,
      pausedUntil: null,
      dailyRemaining: 199_876,
      dailyLimit: 200_000,
    });
    // Garbage headers change nothing.
    await limiter.observe(key, {
      status: 200,
      headers: new Headers({ "X-RateLimit-Daily-Remaining": "-5", "Retry-After": "soon" }),
    });
    expect((await limiter.status(key)).dailyRemaining).toBe(199_876);
  });
});

const HAMMER = fileURLToPath(new URL("./testing/hammer.ts", import.meta.url));

/** Resolves with the child's last stdout line once it exits; `ready` when it prints "ready". */
const startHammer = (env: Record<string, string>) => {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["--import", "tsx", HAMMER],
    {
      env: { ...process.env, ...env },
    },
  );
  let out = "";
  let err = "";
  let onReady = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
    if (out.includes("ready\n")) onReady();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  const done = new Promise<{ statuses: Record<string, number> }>((resolve, reject) =>
    child.on("exit", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code === 0) resolve(JSON.parse(last) as { statuses: Record<string, number> });
      else reject(new Error(`hammer exited ${code}: ${err || out}`));
    }),
  );
  return { child, ready, done, go: () => child.stdin.write("go\n") };
};

// PGlite lives inside one process, so two processes can only share a budget on PostgreSQL.
describe.runIf(Boolean(process.env.DATABASE_URL))("two processes against the GHL sandbox", () => {
  it("keep GHL's count at or under 100 in any 10 s, with no 429", { timeout: 40_000 }, async () => {
    const running = await startSandbox({
      rateLimit: { burst: 100, windowMs: 10_000, daily: 200_000 },
    });
    const hammers: ReturnType<typeof startHammer>[] = [];
    try {
      const locationId = running.control.info().companies[0]!.locations[0]!.id;
      const env = {
        HAMMER_DATABASE_URL: t.url!,
        HAMMER_API_URL: running.url,
        HAMMER_TOKEN: running.control.createPit({ locationId }),
        HAMMER_LOCATION_ID: locationId,
        HAMMER_RESOURCE_KEY: `ghl:pit:${locationId}`,
        HAMMER_DURATION_MS: "12000",
        HAMMER_WORKERS: "8",
      };
      hammers.push(startHammer(env), startHammer(env));
      await Promise.all(hammers.map((h) => h.ready));
      running.control.resetStats();
      for (const h of hammers) h.go();
      const results = await Promise.all(hammers.map((h) => h.done));

      const statuses = results.map((r) => r.statuses);
      for (const s of statuses) expect(s["200"], JSON.stringify(statuses)).toBeGreaterThan(0);
      expect(statuses.map((s) => s["429"] ?? 0)).toEqual([0, 0]);
      const stats = running.control.stats().byKey.find((k) => k.key.endsWith(`:${locationId}`));
      // ~12 s of hammering spans two windows: the first 100, then more as they leave the window.
      expect(stats!.requests).toBeGreaterThan(100);
      expect(stats!.maxInWindow).toBeLessThanOrEqual(100);
      expect(stats!.maxInWindow).toBeGreaterThanOrEqual(90);
    } finally {
      for (const h of hammers) if (h.child.exitCode === null) h.child.kill();
      await running.close();
    }
  });
});
