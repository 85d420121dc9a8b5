export type RateLimitConfig = { burst: number; windowMs: number; daily: number };

export type RateDecision = { allowed: boolean; headers: Record<string, string> };

type Bucket = { hits: number[]; head: number; day: string; dailyUsed: number };

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * GHL's per-app, per-resource limits: `burst` requests in any sliding `windowMs`, and `daily` per
 * UTC day (the reset time is unconfirmed, REFERENCE §9). Refused requests do not count.
 */
export const createRateLimiter = (config: RateLimitConfig) => {
  const buckets = new Map<string, Bucket>();

  const bucketFor = (key: string, now: number) => {
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { hits: [], head: 0, day: utcDay(now), dailyUsed: 0 }));
    if (bucket.day !== utcDay(now)) {
      bucket.day = utcDay(now);
      bucket.dailyUsed = 0;
    }
    // Drop hits that left the window; compact occasionally so the array stays small.
    while (bucket.head < bucket.hits.length && bucket.hits[bucket.head]! <= now - config.windowMs)
      bucket.head++;
    if (bucket.head > 1024) {
      bucket.hits = bucket.hits.slice(bucket.head);
      bucket.head = 0;
    }
    return bucket;
  };

  return {
    take(key: string, now: number): RateDecision {
      const bucket = bucketFor(key, now);
      const inWindow = bucket.hits.length - bucket.head;
      const allowed = inWindow < config.burst && bucket.dailyUsed < config.daily;
      if (allowed) {
        bucket.hits.push(now);
        bucket.dailyUsed++;
      }
      const used = bucket.hits.length - bucket.head;
      return {
        allowed,
        headers: {
          "x-ratelimit-limit-daily": String(config.daily),
          "x-ratelimit-daily-remaining": String(Math.max(0, config.daily - bucket.dailyUsed)),
          "x-ratelimit-interval-milliseconds": String(config.windowMs),
          "x-ratelimit-max": String(config.burst),
          "x-ratelimit-remaining": String(Math.max(0, config.burst - used)),
        },
      };
    },
    reset() {
      buckets.clear();
    },
  };
};

export type RateLimiter = ReturnType<typeof createRateLimiter>;
