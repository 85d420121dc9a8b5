import { z } from "zod";

import { type Random, createRandom } from "./random";

export const ZFaultConfig = z.strictObject({
  /** Seed for every random decision below, so a failing run can be replayed. */
  seed: z.union([z.string(), z.number()]).optional(),
  latency: z
    .strictObject({
      fixedMs: z.number().int().min(0).max(120_000),
      jitterMs: z.number().int().min(0).max(120_000),
    })
    .optional(),
  /** Share of API requests answered with one of `statuses`. */
  errors: z
    .strictObject({
      rate: z.number().min(0).max(1),
      statuses: z.array(z.number().int().min(500).max(599)).min(1),
    })
    .optional(),
  /** Share of API requests held for `holdMs` and then cut off without an answer. */
  timeouts: z
    .strictObject({ rate: z.number().min(0).max(1), holdMs: z.number().int().min(0).max(600_000) })
    .optional(),
  /** Every API request is answered 429 for this long. */
  rateLimitStormMs: z.number().int().min(0).max(86_400_000).optional(),
  /** Restrict request faults to these locations (empty: all). */
  locationIds: z.array(z.string()).optional(),
  webhooks: z
    .strictObject({
      dropRate: z.number().min(0).max(1).default(0),
      duplicateRate: z.number().min(0).max(1).default(0),
      reorder: z.boolean().default(false),
      /** Reordered deliveries are held back a random 0..reorderWindowMs. */
      reorderWindowMs: z.number().int().min(1).max(60_000).default(250),
    })
    .optional(),
});

export type FaultConfig = z.input<typeof ZFaultConfig>;

export type FaultState = {
  random: Random;
  latency: { fixedMs: number; jitterMs: number };
  errors: { rate: number; statuses: number[] };
  timeouts: { rate: number; holdMs: number };
  stormUntil: number;
  locationIds: string[];
  webhooks: { dropRate: number; duplicateRate: number; reorder: boolean; reorderWindowMs: number };
};

export const noFaults = (seed: string | number): FaultState => ({
  random: createRandom(`${seed}:faults`),
  latency: { fixedMs: 0, jitterMs: 0 },
  errors: { rate: 0, statuses: [500] },
  timeouts: { rate: 0, holdMs: 0 },
  stormUntil: 0,
  locationIds: [],
  webhooks: { dropRate: 0, duplicateRate: 0, reorder: false, reorderWindowMs: 250 },
});

/** Replaces the fault set (anything not given is switched off). */
export const applyFaults = (
  state: FaultState,
  config: FaultConfig,
  now: number,
  defaultSeed: string | number,
) => {
  const fresh = noFaults(config.seed ?? defaultSeed);
  Object.assign(state, {
    random: fresh.random,
    latency: config.latency ?? fresh.latency,
    errors: config.errors ?? fresh.errors,
    timeouts: config.timeouts ?? fresh.timeouts,
    stormUntil: config.rateLimitStormMs ? now + config.rateLimitStormMs : 0,
    locationIds: config.locationIds ?? [],
    webhooks: { ...fresh.webhooks, ...config.webhooks },
  });
};

export const describeFaults = (state: FaultState, now: number) => ({
  latency: state.latency,
  errors: state.errors,
  timeouts: state.timeouts,
  rateLimitStormRemainingMs: Math.max(0, state.stormUntil - now),
  locationIds: state.locationIds,
  webhooks: state.webhooks,
});
