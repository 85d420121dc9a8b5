import type { GhlRateLimiter } from "../../ghl/rate-limiter";

const quantile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * p)] ?? 0;

/**
 * Where a location's rate-limit cycle goes, for the benchmark's report: each grant is compared with
 * the moment a slot freed for it (an earlier answer plus the window and guard), and each answer
 * with its grant. Grants and answers are paired by order, so the figures are close, not exact.
 */
export const traceSlots = (
  limiter: GhlRateLimiter,
  { burst, windowMs, guardMs }: { burst: number; windowMs: number; guardMs: number },
) => {
  const traces = new Map<string, { grants: number[]; answers: number[] }>();
  const traceOf = (key: string) => {
    let trace = traces.get(key);
    if (!trace) traces.set(key, (trace = { grants: [], answers: [] }));
    return trace;
  };
  const traced: GhlRateLimiter = {
    ...limiter,
    acquire: async (key, options) => {
      const granted = await limiter.acquire(key, options);
      traceOf(key).grants.push(performance.now());
      return granted;
    },
    release: (slot) => {
      traceOf(slot.resourceKey).answers.push(performance.now());
      return limiter.release(slot);
    },
  };

  const summary = () => {
    const late: number[] = [];
    const inFlight: number[] = [];
    const starts: number[] = [];
    for (const { grants, answers } of traces.values()) {
      const sorted = [...answers].sort((a, b) => a - b);
      grants.forEach((grant, i) => {
        const freed = sorted[i - burst];
        if (freed !== undefined) late.push(grant - (freed + windowMs + guardMs));
        const answer = answers[i];
        if (answer !== undefined) inFlight.push(answer - grant);
      });
      if (grants[0] !== undefined) starts.push(grants[0]);
    }
    const f = (ms: number) => ms.toFixed(0);
    return (
      `slot freed → granted P50/P90 ${f(quantile(late, 0.5))}/${f(quantile(late, 0.9))} ms; ` +
      `granted → answered P50/P90 ${f(quantile(inFlight, 0.5))}/${f(quantile(inFlight, 0.9))} ms; ` +
      `first grants spread over ${f(Math.max(...starts) - Math.min(...starts))} ms`
    );
  };

  return { limiter: traced, clear: () => traces.clear(), summary };
};
