import { describe, expect, it } from "vitest";

import { pauseMsFor, readRateLimitHeaders } from "./rate-limit-headers";

const NOW = Date.parse("2026-03-01T12:00:00Z");

const ghl = (values: Record<string, string>) => readRateLimitHeaders(new Headers(values), NOW);

describe("readRateLimitHeaders", () => {
  it("reads GHL's headers", () => {
    expect(
      ghl({
        "X-RateLimit-Remaining": "42",
        "X-RateLimit-Interval-Milliseconds": "10000",
        "X-RateLimit-Daily-Remaining": "199000",
        "X-RateLimit-Limit-Daily": "200000",
        "Retry-After": "3",
      }),
    ).toEqual({
      remaining: 42,
      intervalMs: 10_000,
      dailyRemaining: 199_000,
      dailyLimit: 200_000,
      retryAfterMs: 3_000,
    });
  });

  it("ignores values that are not plain non-negative integers", () => {
    for (const value of ["-1", "1.5", "abc", "", "99999999999", "1e3"]) {
      expect(ghl({ "X-RateLimit-Remaining": value }).remaining, value).toBeNull();
    }
  });
});

describe("pauseMsFor", () => {
  it("pauses on 429 for Retry-After, else the interval, else the fallback", () => {
    expect(pauseMsFor(429, ghl({ "Retry-After": "7" }), 10_000, NOW)).toBe(7_000);
    expect(pauseMsFor(429, ghl({ "X-RateLimit-Interval-Milliseconds": "4000" }), 10_000, NOW)).toBe(
      4_000,
    );
    expect(pauseMsFor(429, ghl({}), 10_000, NOW)).toBe(10_000);
  });

  it("leaves a spent burst on a 200 to the limiter's window (no interval-long pause)", () => {
    expect(pauseMsFor(200, ghl({ "X-RateLimit-Remaining": "0" }), 10_000, NOW)).toBeNull();
    expect(pauseMsFor(429, ghl({ "X-RateLimit-Remaining": "0" }), 10_000, NOW)).toBe(10_000);
  });

  it("clamps an absurd interval to [1 s, 1 h]", () => {
    expect(pauseMsFor(429, ghl({ "X-RateLimit-Interval-Milliseconds": "5" }), 10_000, NOW)).toBe(
      1_000,
    );
    expect(
      pauseMsFor(429, ghl({ "X-RateLimit-Interval-Milliseconds": "999999999" }), 10_000, NOW),
    ).toBe(3_600_000);
  });

  it("pauses at most an hour, or until UTC midnight, when the daily budget is spent", () => {
    expect(pauseMsFor(200, ghl({ "X-RateLimit-Daily-Remaining": "0" }), 10_000, NOW)).toBe(
      3_600_000,
    );
    const late = Date.parse("2026-03-01T23:59:30Z");
    const headers = readRateLimitHeaders(new Headers({ "X-RateLimit-Daily-Remaining": "0" }), late);
    expect(pauseMsFor(200, headers, 10_000, late)).toBe(30_000);
  });
});
