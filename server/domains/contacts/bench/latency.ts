/** Nearest-rank percentile (P95 of 200 samples is the 190th fastest). */
export const percentile = (values: readonly number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
};

export const median = (values: readonly number[]) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Wall time of each call, per kind, in milliseconds. */
export const createTimings = () => {
  const byKind = new Map<string, number[]>();
  return {
    time: async <T>(kind: string, call: () => Promise<T>) => {
      const started = performance.now();
      const result = await call();
      const ms = performance.now() - started;
      const list = byKind.get(kind) ?? [];
      list.push(ms);
      byKind.set(kind, list);
      return result;
    },
    of: (kind: string) => byKind.get(kind) ?? [],
    all: () => [...byKind.values()].flat(),
  };
};

export type Timings = ReturnType<typeof createTimings>;

export const ms = (value: number) => (Number.isNaN(value) ? "n/a" : `${value.toFixed(1)} ms`);
