import { describe, expect, it } from "vitest";

import {
  RETRY_AFTER_FAILURE_MS,
  STALE_AFTER_MS,
  type ScheduleFacts,
  isLive,
  isSweepDue,
  sweepDueAt,
} from "./sync-schedule";

const MIN = 60_000;
const now = new Date("2026-03-01T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const finished = (status: "succeeded" | "failed", at: Date): ScheduleFacts["lastRun"] => ({
  status,
  startedAt: new Date(at.getTime() - MIN),
  heartbeatAt: at,
  finishedAt: at,
});

describe("sweep schedule", () => {
  it("is due at once for a location that never ran", () => {
    expect(isSweepDue({ frequency: "daily", nextDueAt: null, lastRun: null }, now)).toBe(true);
  });

  it("follows the location's frequency from the last finished run", () => {
    const run = finished("succeeded", ago(20 * MIN));
    expect(isSweepDue({ frequency: "realtime", nextDueAt: null, lastRun: run }, now)).toBe(true);
    expect(isSweepDue({ frequency: "hourly", nextDueAt: null, lastRun: run }, now)).toBe(false);
    expect(sweepDueAt({ frequency: "hourly", nextDueAt: null, lastRun: run })).toEqual(
      new Date(ago(20 * MIN).getTime() + 60 * MIN),
    );
  });

  it("retries a failed run after the retry delay, not the frequency", () => {
    const run = finished("failed", ago(RETRY_AFTER_FAILURE_MS + 1));
    expect(isSweepDue({ frequency: "daily", nextDueAt: null, lastRun: run }, now)).toBe(true);
  });

  it("runs a requested sweep at once, but never while a live sweep holds the lease", () => {
    const done = finished("succeeded", ago(MIN));
    expect(isSweepDue({ frequency: "daily", nextDueAt: ago(1), lastRun: done }, now)).toBe(true);
    const running = {
      status: "running" as const,
      startedAt: ago(MIN),
      heartbeatAt: ago(MIN),
      finishedAt: null,
    };
    expect(isSweepDue({ frequency: "realtime", nextDueAt: ago(1), lastRun: running }, now)).toBe(
      false,
    );
    expect(isLive(running, now)).toBe(true);
  });

  it("treats a sweep without a heartbeat for longer than the stale limit as dead", () => {
    const stuck = {
      status: "running" as const,
      startedAt: ago(STALE_AFTER_MS + MIN),
      heartbeatAt: ago(STALE_AFTER_MS),
      finishedAt: null,
    };
    expect(isLive(stuck, now)).toBe(false);
    expect(isSweepDue({ frequency: "daily", nextDueAt: null, lastRun: stuck }, now)).toBe(true);
  });
});
