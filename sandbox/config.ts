import { z } from "zod";

const ZRateLimit = z.object({
  burst: z.number().int().positive().default(100),
  windowMs: z.number().int().positive().default(10_000),
  daily: z.number().int().positive().default(200_000),
});

const ZWebhookOptions = z.object({
  /** GHL retries only on 429: up to 6 times, about 10 minutes apart plus jitter (REFERENCE §4.2). */
  maxRetries: z.number().int().min(0).max(20).default(6),
  retryIntervalMs: z.number().int().min(0).default(600_000),
  retryJitterMs: z.number().int().min(0).default(60_000),
  timeoutMs: z.number().int().positive().default(10_000),
  /** Also sign with the legacy RSA key (X-WH-Signature), as GHL did until its cut-over. */
  signRsa: z.boolean().default(true),
  concurrency: z.number().int().positive().default(16),
});

export const ZSandboxOptions = z.object({
  seed: z.union([z.string(), z.number()]).default("ghl-hub"),
  host: z.string().default("127.0.0.1"),
  /** 0 picks a free port (tests). */
  port: z.number().int().min(0).max(65535).default(4010),
  /** Seed the demo agencies (GHL companies) with their locations and CRM data. */
  demo: z.boolean().default(true),
  accessTokenTtlSeconds: z.number().int().positive().default(86_399),
  authCodeTtlSeconds: z.number().int().positive().default(600),
  rateLimit: ZRateLimit.default({ burst: 100, windowMs: 10_000, daily: 200_000 }),
  webhooks: ZWebhookOptions.default({
    maxRetries: 6,
    retryIntervalMs: 600_000,
    retryJitterMs: 60_000,
    timeoutMs: 10_000,
    signRsa: true,
    concurrency: 16,
  }),
  /** PEM key pairs for webhook signing; generated when absent. */
  keys: z
    .object({
      ed25519: z.object({ publicKey: z.string(), privateKey: z.string() }),
      rsa: z.object({ publicKey: z.string(), privateKey: z.string() }),
    })
    .optional(),
  /** A snapshot file to load instead of seeding. */
  snapshotPath: z.string().optional(),
  logRequests: z.boolean().default(false),
});

export type SandboxOptions = z.input<typeof ZSandboxOptions>;
export type ResolvedOptions = z.output<typeof ZSandboxOptions>;
