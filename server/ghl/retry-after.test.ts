import { describe, expect, it } from "vitest";

import { parseRetryAfter } from "./retry-after";

const NOW = Date.parse("2026-03-01T12:00:00Z");

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("7", NOW)).toBe(7_000);
    expect(parseRetryAfter(" 120 ", NOW)).toBe(120_000);
    expect(parseRetryAfter("1.5", NOW)).toBe(1_500);
  });

  it("reads the three HTTP-date forms", () => {
    expect(parseRetryAfter("Sun, 01 Mar 2026 12:00:30 GMT", NOW)).toBe(30_000);
    expect(parseRetryAfter("Sunday, 01-Mar-26 12:00:30 GMT", NOW)).toBe(30_000);
    expect(parseRetryAfter("Sun Mar  1 12:00:30 2026", NOW)).toBe(30_000);
  });

  it("clamps to [1 s, 1 h] (RELIABILITY §8 case 39)", () => {
    expect(parseRetryAfter("-1", NOW)).toBe(1_000);
    expect(parseRetryAfter("0", NOW)).toBe(1_000);
    expect(parseRetryAfter("1e9", NOW)).toBe(3_600_000);
    expect(parseRetryAfter("1e999", NOW)).toBe(3_600_000);
    expect(parseRetryAfter("86400", NOW)).toBe(3_600_000);
    expect(parseRetryAfter("Sat, 01 Jan 2000 00:00:00 GMT", NOW)).toBe(1_000);
    expect(parseRetryAfter("Fri, 01 Jan 2100 00:00:00 GMT", NOW)).toBe(3_600_000);
  });

  it("is null when absent or unreadable", () => {
    for (const value of [
      null,
      "",
      "   ",
      "NaN",
      "Infinity",
      "soon",
      "foo 1",
      "7s",
      "0x10",
      "2026-03-01T12:00:30Z",
    ]) {
      expect(parseRetryAfter(value, NOW), String(value)).toBeNull();
    }
  });
});
