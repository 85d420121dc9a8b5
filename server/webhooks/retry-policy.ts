/**
 * One retry policy for both drivers: the first attempt and five retries (the Inngest function's
 * `retries: 5`), then the event is dead. The local driver spaces retries exponentially from
 * `baseMs`, with ±20% jitter so a location's failures do not retry in lockstep.
 */
export const WEBHOOK_RETRIES = 5;
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRIES + 1;

const MAX_BACKOFF_MS = 10 * 60_000;

export const retryDelayMs = (
  attempt: number,
  baseMs: number,
  random: () => number = Math.random,
) => {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  return Math.round(exponential * (0.8 + random() * 0.4));
};

export const isFinalAttempt = (attempt: number) => attempt >= WEBHOOK_MAX_ATTEMPTS;

/** A failure that retrying cannot fix (a payload that will never parse): dead at once. */
export class PermanentEventError extends Error {
  override name = "PermanentEventError";
}
