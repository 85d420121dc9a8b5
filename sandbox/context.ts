import type { ResolvedOptions } from "./config";
import type { Clock } from "./core/clock";
import type { FaultState } from "./core/faults";
import type { Ids } from "./core/ids";
import type { Random } from "./core/random";
import type { RateLimiter } from "./core/rate-limiter";
import type { SandboxState } from "./store/state";
import type { Dispatcher, OutgoingEvent } from "./webhooks/dispatcher";
import type { WebhookKeysPem } from "./webhooks/keys";

export type SandboxStats = {
  tokenEndpoint: { authorization_code: number; refresh_token: number; failed: number };
  locationTokenCalls: number;
  requests: number;
  /** Request times per rate-limit key (app + resource), for "never over N in any window" checks. */
  requestTimes: Map<string, number[]>;
};

/** Everything a route handler may touch. */
export type Sandbox = {
  options: ResolvedOptions;
  state: SandboxState;
  clock: Clock;
  random: Random;
  ids: Ids;
  faults: FaultState;
  limiter: RateLimiter;
  webhooks: Dispatcher;
  keys: WebhookKeysPem;
  stats: SandboxStats;
  /** Emits a webhook event to every app installed where it happened. */
  emit: (event: OutgoingEvent) => void;
  baseUrl: () => string;
};

export const emptyStats = (): SandboxStats => ({
  tokenEndpoint: { authorization_code: 0, refresh_token: 0, failed: 0 },
  locationTokenCalls: 0,
  requests: 0,
  requestTimes: new Map(),
});

/** The largest number of requests any `windowMs` sliding window saw, per rate-limit key. */
export const maxInWindow = (times: number[], windowMs: number) => {
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
};
