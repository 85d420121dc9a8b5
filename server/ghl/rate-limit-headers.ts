import { clampPauseMs, parseRetryAfter } from "./retry-after";

/** What one GHL answer says about the app's budget for its resource (REFERENCE §3). */
export type RateLimitHeaders = {
  remaining: number | null;
  intervalMs: number | null;
  dailyRemaining: number | null;
  dailyLimit: number | null;
  retryAfterMs: number | null;
};

const INT4_MAX = 2_147_483_647;

const readCount = (headers: Headers, name: string) => {
  const value = headers.get(name)?.trim();
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const n = Number(value);
  return n <= INT4_MAX ? n : null;
};

export const readRateLimitHeaders = (headers: Headers, nowMs: number): RateLimitHeaders => ({
  remaining: readCount(headers, "x-ratelimit-remaining"),
  intervalMs: readCount(headers, "x-ratelimit-interval-milliseconds"),
  dailyRemaining: readCount(headers, "x-ratelimit-daily-remaining"),
  dailyLimit: readCount(headers, "x-ratelimit-limit-daily"),
  retryAfterMs: parseRetryAfter(headers.get("retry-after"), nowMs),
});

const msToNextUtcMidnight = (nowMs: number) => {
  const next = new Date(nowMs);
  next.setUTCHours(24, 0, 0, 0);
  return next.getTime() - nowMs;
};

/**
 * How long every process must stop calling this resource, or null for no pause.
 * - 429: Retry-After when sane, else the interval GHL reports, else `fallbackMs` (OUT-5), clamped
 *   to [1 s, 1 h]. X-RateLimit-Remaining on a success is not a pause: the limiter takes it into its
 *   window instead (OUT-4), which frees each slot when it leaves GHL's window, not a whole interval
 *   after the last answer.
 * - Daily budget spent: until the next UTC midnight, at most 1 h, so we probe hourly instead of
 *   collecting a 429 every interval; whether GHL resets at midnight is open (RELIABILITY Q4).
 */
export const pauseMsFor = (
  status: number,
  limits: RateLimitHeaders,
  fallbackMs: number,
  nowMs: number,
): number | null => {
  const pauses: number[] = [];
  if (status === 429) {
    pauses.push(limits.retryAfterMs ?? clampPauseMs(limits.intervalMs || fallbackMs));
  }
  if (limits.dailyRemaining === 0) pauses.push(clampPauseMs(msToNextUtcMidnight(nowMs)));
  return pauses.length > 0 ? Math.max(...pauses) : null;
};
