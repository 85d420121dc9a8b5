import type { Db } from "../../db/types";
import type { GhlRuntime } from "../../ghl/runtime";
import { type PipelineOptions, createWebhookPipeline } from "../../background/webhook-pipeline";
import { createTestSigner } from "./signer";

export const TEST_INTAKE = {
  maxBodyBytes: 1_048_576,
  readTimeoutMs: 2_000,
  toleranceMs: 90 * 60_000,
  retryAfterSeconds: 60,
};

/**
 * The local-driver pipeline on a test database, with a test signer. The worker does not run on its
 * own unless `worker.autoStart` is set: tests call `worker.drain()`.
 */
export const createTestPipeline = (
  db: Db,
  options: Partial<PipelineOptions> & { ghl?: () => Promise<GhlRuntime> } = {},
) => {
  const signer = createTestSigner();
  const pipeline = createWebhookPipeline({
    db,
    driver: "local",
    keys: signer.keys,
    intake: TEST_INTAKE,
    ghl: () => Promise.reject(new Error("no GHL in this test")),
    ...options,
    worker: { retryBaseMs: 10, leaseMs: 5_000, pollMs: 50, autoStart: false, ...options.worker },
  });
  return { pipeline, signer };
};
