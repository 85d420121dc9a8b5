/** A pause GHL asks for is honoured only within [1 s, 1 h] (RELIABILITY §8 case 39). */
export const RETRY_AFTER_MIN_MS = 1_000;
export const RETRY_AFTER_MAX_MS = 3_600_000;

export const clampPauseMs = (ms: number) =>
  Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, ms));

// delta-seconds, leniently: "-1" and "1e9" are clamped rather than ignored (§8 case 39).
const SECONDS = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

// The three HTTP-date forms a recipient must accept (RFC 9110 §5.6.7). Date.parse alone would
// also accept garbage such as "foo 1".
const IMF_FIXDATE = /^[a-z]{3}, \d{2} [a-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/i;
const RFC_850 = /^[a-z]+, \d{2}-[a-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/i;
const ASCTIME = /^[a-z]{3} [a-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/i;

const parseHttpDate = (value: string) => {
  if (IMF_FIXDATE.test(value) || RFC_850.test(value)) return Date.parse(value);
  // asctime carries no zone but means GMT; without the suffix V8 would read it as local time.
  if (ASCTIME.test(value)) return Date.parse(`${value} GMT`);
  return Number.NaN;
};

/**
 * `Retry-After` in milliseconds from `nowMs`, clamped to [1 s, 1 h]; null when absent or
 * unreadable. GHL's 429 body and Retry-After are unconfirmed (REFERENCE §3), so callers fall back
 * to X-RateLimit-Interval-Milliseconds.
 */
export const parseRetryAfter = (value: string | null, nowMs: number): number | null => {
  const text = value?.trim();
  if (!text) return null;
  if (SECONDS.test(text)) return clampPauseMs(Number(text) * 1000);
  const at = parseHttpDate(text);
  return Number.isFinite(at) ? clampPauseMs(at - nowMs) : null;
};
