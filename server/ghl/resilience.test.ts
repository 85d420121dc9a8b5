import { BrokenCircuitError } from "cockatiel";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import {
  BREAKER_HALF_OPEN_AFTER_MS,
  type GhlFailure,
  breakerFor,
  breakerState,
  createRetryPolicy,
  isRetryable,
  resetBreakers,
} from "./resilience";

class Failure extends Error implements GhlFailure {
  constructor(
    readonly method: string,
    readonly kind: GhlFailure["kind"],
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(`${method} ${kind} ${status ?? ""}`);
  }
}

/** A call that fails with `failures` in turn, then succeeds. */
const scripted = (...failures: Failure[]) => {
  const fn = vi.fn(() => {
    const next = failures.shift();
    return next ? Promise.reject(next) : Promise.resolve("ok");
  });
  return fn;
};

const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );

beforeEach(() => {
  vi.useFakeTimers();
  resetBreakers();
});
afterEach(() => vi.useRealTimers());

describe("isRetryable", () => {
  it.each([
    ["GET", "http", 503, true],
    ["PUT", "http", 500, true],
    ["DELETE", "timeout", undefined, true],
    ["HEAD", "network", undefined, true],
    ["get", "http", 502, true],
    ["GET", "http", 408, true],
    ["GET", "http", 429, true],
    ["POST", "http", 429, true],
    ["PATCH", "http", 429, true],
    ["GET", "http", 501, false],
    ["GET", "http", 404, false],
    ["GET", "http", 400, false],
    ["GET", "http", 401, false],
    ["POST", "http", 500, false],
    ["POST", "http", 503, false],
    ["POST", "timeout", undefined, false],
    ["POST", "network", undefined, false],
    ["PATCH", "http", 503, false],
  ] as const)("%s %s %s → %s", (method, errorKind, status, expected) => {
    expect(isRetryable({ method, errorKind, status })).toBe(expected);
  });
});

describe("createRetryPolicy", () => {
  it("retries an idempotent call up to maxAttempts calls in total", async () => {
    const fn = scripted(...Array.from({ length: 5 }, () => new Failure("GET", "http", 503)));
    const run = settle(createRetryPolicy({ maxAttempts: 3 }).execute(fn));
    await vi.runAllTimersAsync();
    const { error } = await run;
    expect(error).toBeInstanceOf(Failure);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it("succeeds when a retry does", async () => {
    const fn = scripted(new Failure("PUT", "timeout"), new Failure("PUT", "network"));
    const run = createRetryPolicy().execute(fn);
    await vi.runAllTimersAsync();
    expect(await run).toBe("ok");
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it.each([
    ["a POST 5xx", new Failure("POST", "http", 500)],
    ["a POST timeout", new Failure("POST", "timeout")],
    ["a 404", new Failure("GET", "http", 404)],
    ["a 501", new Failure("GET", "http", 501)],
    ["an error that is not a GHL failure", new Error("bug") as Failure],
  ])("never retries %s", async (_, failure) => {
    const fn = scripted(failure);
    const { error } = await settle(createRetryPolicy().execute(fn));
    expect(error).toBe(failure);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("retries a POST answered 429, after exactly its Retry-After", async () => {
    const fn = scripted(new Failure("POST", "http", 429, 7_000));
    const run = createRetryPolicy().execute(fn);
    await vi.advanceTimersByTimeAsync(6_999);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fn).toHaveBeenCalledTimes(2);
    expect(await run).toBe("ok");
  });

  it("backs off with decorrelated jitter, base 200 ms, capped at 5 s", async () => {
    const delays: number[] = [];
    const policy = createRetryPolicy({ maxAttempts: 8, maxTotalMs: 60_000 });
    policy.onRetry(({ delay }) => delays.push(delay));
    const fn = scripted(...Array.from({ length: 7 }, () => new Failure("GET", "http", 502)));
    const run = policy.execute(fn);
    await vi.runAllTimersAsync();
    expect(await run).toBe("ok");
    expect(delays).toHaveLength(7);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(0);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(5_000);
    expect(delays[0]).toBeLessThan(1_000);
  });

  it("gives up, rethrowing the failure, when the next wait would pass maxTotalMs", async () => {
    const tooLong = new Failure("GET", "http", 429, 31_000);
    const fn = scripted(tooLong);
    const { error } = await settle(createRetryPolicy({ maxTotalMs: 30_000 }).execute(fn));
    expect(error).toBe(tooLong);
    expect(fn).toHaveBeenCalledTimes(1);

    const second = new Failure("GET", "http", 429, 20_000);
    const twice = scripted(new Failure("GET", "http", 429, 20_000), second);
    const run = settle(createRetryPolicy({ maxAttempts: 5, maxTotalMs: 30_000 }).execute(twice));
    await vi.runAllTimersAsync();
    expect((await run).error).toBe(second);
    expect(twice).toHaveBeenCalledTimes(2);
  });
});

describe("breakerFor", () => {
  const outage = () => Promise.reject(new Failure("GET", "http", 503));
  const fail = (key: string) => settle(breakerFor(key).execute(outage));

  it("opens after 5 consecutive failures and then rejects without calling GHL", async () => {
    for (let i = 0; i < 4; i++) await fail("loc-a");
    expect(breakerState("loc-a")).toBe("closed");
    await fail("loc-a");
    expect(breakerState("loc-a")).toBe("open");
    const fn = vi.fn(() => Promise.resolve("ok"));
    const { error } = await settle(breakerFor("loc-a").execute(fn));
    expect(error).toBeInstanceOf(BrokenCircuitError);
    expect(fn).not.toHaveBeenCalled();
  });

  it("half-opens after 15 s and closes after one success", async () => {
    for (let i = 0; i < 5; i++) await fail("loc-a");
    vi.advanceTimersByTime(BREAKER_HALF_OPEN_AFTER_MS - 1);
    expect((await settle(breakerFor("loc-a").execute(() => "ok"))).error).toBeInstanceOf(
      BrokenCircuitError,
    );
    vi.advanceTimersByTime(1);
    let release = () => {};
    const probe = breakerFor("loc-a").execute(
      () => new Promise<string>((resolve) => (release = () => resolve("ok"))),
    );
    expect(breakerState("loc-a")).toBe("half-open");
    release();
    expect(await probe).toBe("ok");
    expect(breakerState("loc-a")).toBe("closed");
    // Closed again with a fresh count: 4 failures do not reopen it.
    for (let i = 0; i < 4; i++) await fail("loc-a");
    expect(breakerState("loc-a")).toBe("closed");
  });

  it("reopens when the half-open probe fails", async () => {
    for (let i = 0; i < 5; i++) await fail("loc-a");
    vi.advanceTimersByTime(BREAKER_HALF_OPEN_AFTER_MS);
    await fail("loc-a");
    expect(breakerState("loc-a")).toBe("open");
  });

  it("starts a fresh count when a half-open probe gets an answer that is not an outage", async () => {
    for (let i = 0; i < 5; i++) await fail("loc-a");
    vi.advanceTimersByTime(BREAKER_HALF_OPEN_AFTER_MS);
    const notFound = new Failure("GET", "http", 404);
    expect((await settle(breakerFor("loc-a").execute(() => Promise.reject(notFound)))).error).toBe(
      notFound,
    );
    expect(breakerState("loc-a")).toBe("closed");
    for (let i = 0; i < 4; i++) await fail("loc-a");
    expect(breakerState("loc-a")).toBe("closed");
  });

  it("does not count 429s or 4xx, and a success resets the count", async () => {
    for (let i = 0; i < 10; i++) {
      await settle(
        breakerFor("loc-a").execute(() => Promise.reject(new Failure("GET", "http", 429))),
      );
      await settle(
        breakerFor("loc-a").execute(() => Promise.reject(new Failure("GET", "http", 404))),
      );
    }
    for (let i = 0; i < 4; i++) await fail("loc-a");
    await breakerFor("loc-a").execute(() => "ok");
    for (let i = 0; i < 4; i++) await fail("loc-a");
    expect(breakerState("loc-a")).toBe("closed");
  });

  it("counts POST timeouts: an outage is an outage whatever the method", async () => {
    for (let i = 0; i < 5; i++)
      await settle(
        breakerFor("loc-a").execute(() => Promise.reject(new Failure("POST", "timeout"))),
      );
    expect(breakerState("loc-a")).toBe("open");
  });

  it("keeps one breaker per resource", async () => {
    for (let i = 0; i < 5; i++) await fail("loc-a");
    expect(breakerState("loc-a")).toBe("open");
    expect(breakerState("loc-b")).toBe("closed");
    expect(await breakerFor("loc-b").execute(() => "ok")).toBe("ok");
    expect(breakerFor("loc-a")).toBe(breakerFor("loc-a"));
    expect(breakerFor("loc-a")).not.toBe(breakerFor("loc-b"));
    resetBreakers();
    expect(breakerState("loc-a")).toBe("closed");
  });
});
