import {
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  type RetryPolicy,
  circuitBreaker,
  decorrelatedJitterGenerator,
  handleWhen,
  retry,
} from "cockatiel";

/** What the HTTP core throws for a failed GHL call; the policies below only read these fields. */
export interface GhlFailure {
  status?: number;
  kind: "http" | "timeout" | "network";
  /** From Retry-After (or the rate-limit interval), already clamped to [1 s, 1 h]. */
  retryAfterMs?: number;
  method: string;
}

export const isGhlFailure = (error: unknown): error is GhlFailure => {
  if (typeof error !== "object" || error === null) return false;
  const { kind, method } = error as Partial<GhlFailure>;
  return (
    (kind === "http" || kind === "timeout" || kind === "network") && typeof method === "string"
  );
};

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/** An outage-like failure: GHL did not answer, or answered a server error (501 is permanent). */
const isTransient = (status: number | undefined, errorKind: GhlFailure["kind"]) =>
  errorKind !== "http" ||
  // 408 is GHL giving up on our request: a timeout like any other (OUT-6).
  status === 408 ||
  (status !== undefined && status >= 500 && status <= 599 && status !== 501);

/**
 * Whether a failed call may be sent again. A 429 was not processed, so any method may retry it.
 * Anything else only for idempotent methods: GHL honours no idempotency key (RELIABILITY Q6), so a
 * POST that timed out or got a 5xx may already have created its record.
 */
export const isRetryable = (input: {
  method: string;
  status?: number;
  errorKind: GhlFailure["kind"];
}) =>
  (input.errorKind === "http" && input.status === 429) ||
  (IDEMPOTENT.has(input.method.toUpperCase()) && isTransient(input.status, input.errorKind));

const retryableFailure = (error: unknown) =>
  isGhlFailure(error) &&
  isRetryable({ method: error.method, status: error.status, errorKind: error.kind });

type RetryContext = IRetryBackoffContext<unknown>;

/** OUT-6: decorrelated jitter, base 200 ms, cap 5 s. */
const jitter: IBackoffFactory<unknown> = new ExponentialBackoff({
  generator: decorrelatedJitterGenerator,
  initialDelay: 200,
  maxDelay: 5_000,
});

/**
 * Each execution gets its own chain (cockatiel calls the factory once per execute), which carries
 * the time already spent waiting and the jitter state.
 */
const budgetedBackoff = (
  maxTotalMs: number,
  spentMs = 0,
  exponential?: IBackoff<unknown>,
): IBackoffFactory<RetryContext> => ({
  next(context) {
    const failure = context.result;
    const hinted =
      "error" in failure && isGhlFailure(failure.error) ? failure.error.retryAfterMs : undefined;
    const honour = hinted !== undefined && Number.isFinite(hinted) && hinted >= 0;
    // A hinted wait replaces one jitter step without advancing the jitter sequence.
    const nextExponential = honour ? exponential : (exponential ?? jitter).next(undefined);
    const delay = honour ? hinted : (nextExponential?.duration ?? 0);
    // cockatiel has no total-time budget; giving up from the backoff rethrows the last failure.
    if (spentMs + delay > maxTotalMs) {
      if ("error" in failure) throw failure.error;
      throw new Error("GHL retry budget exhausted");
    }
    const chain = budgetedBackoff(maxTotalMs, spentMs + delay, nextExponential);
    return { duration: delay, next: (ctx: RetryContext) => chain.next(ctx) };
  },
});

/**
 * Retries a GHL call where `isRetryable` allows: at most `maxAttempts` calls in total, waiting
 * exactly `retryAfterMs` when the failure carries one and decorrelated jitter otherwise, and
 * giving up (rethrowing the failure) when the next wait would push the total past `maxTotalMs`.
 */
export const createRetryPolicy = ({
  maxAttempts = 3,
  maxTotalMs = 30_000,
}: { maxAttempts?: number; maxTotalMs?: number } = {}): RetryPolicy =>
  // cockatiel's maxAttempts counts retries, not calls.
  retry(handleWhen(retryableFailure), {
    maxAttempts: Math.max(0, maxAttempts - 1),
    backoff: budgetedBackoff(maxTotalMs),
  });

export const BREAKER_THRESHOLD = 5;
export const BREAKER_HALF_OPEN_AFTER_MS = 15_000;

/** 429s are rate limits, not outages: they never count toward the breaker (OUT-5). */
const outageFailure = (error: unknown) =>
  isGhlFailure(error) && error.status !== 429 && isTransient(error.status, error.kind);

const createBreaker = (halfOpenAfterMs: number) => {
  const consecutive = new ConsecutiveBreaker(BREAKER_THRESHOLD);
  const policy = circuitBreaker(handleWhen(outageFailure), {
    halfOpenAfter: halfOpenAfterMs,
    breaker: consecutive,
  });
  // cockatiel closes a half-open breaker on an unhandled error (e.g. a 404) without resetting the
  // count, which would reopen it on the next single failure.
  policy.onReset(() => consecutive.success());
  return policy;
};

// One registry per process: Next bundles routes and instrumentation as separate module graphs.
const store = globalThis as typeof globalThis & {
  __ghlhubBreakers?: Map<string, CircuitBreakerPolicy>;
};
const breakers = () => (store.__ghlhubBreakers ??= new Map<string, CircuitBreakerPolicy>());

/**
 * The circuit breaker for one GHL resource (location or company). `halfOpenAfterMs` applies when
 * the breaker is created (tests shorten it).
 */
export const breakerFor = (
  resourceKey: string,
  halfOpenAfterMs = BREAKER_HALF_OPEN_AFTER_MS,
): CircuitBreakerPolicy => {
  let policy = breakers().get(resourceKey);
  if (!policy) breakers().set(resourceKey, (policy = createBreaker(halfOpenAfterMs)));
  return policy;
};

export type BreakerState = "closed" | "open" | "half-open";

export const breakerState = (resourceKey: string): BreakerState => {
  const state = breakers().get(resourceKey)?.state ?? CircuitState.Closed;
  if (state === CircuitState.HalfOpen) return "half-open";
  return state === CircuitState.Closed ? "closed" : "open";
};

export const resetBreakers = () => breakers().clear();
