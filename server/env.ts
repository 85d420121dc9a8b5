import { z } from "zod";

import { KEY_ID_PATTERN, parseKeyring } from "./crypto/keyring";
import { ENV_HINTS, formatEnvError } from "./env-errors";
import { parsePublicKeys } from "./webhooks/signatures";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
    message: "must be a postgres:// or postgresql:// URL",
  });

/** One or more PEM public keys of one type (several while GHL rotates its key). */
const pemKeys = (type: "ed25519" | "rsa") =>
  z.string().refine(
    (value) => {
      try {
        return parsePublicKeys(value, type).length > 0;
      } catch {
        return false;
      }
    },
    { message: `must be one or more PEM ${type === "rsa" ? "RSA" : "Ed25519"} public keys` },
  );

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    NEXT_PHASE: z.string().optional(),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    DATA_DIR: z.string().min(1).default(".data"),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    ENCRYPTION_KEYS: z
      .string()
      .superRefine((value, ctx) => {
        const parsed = parseKeyring(value);
        if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
      })
      .optional(),
    ENCRYPTION_KEY_ID: z
      .string()
      .regex(KEY_ID_PATTERN, "must be 1-32 characters of A-Z a-z 0-9 _ -")
      .optional(),
    AUTH_URL: z.url().optional(),
    ENABLE_DEMO_LOGIN: flag.optional(),
    AUTH_ALLOW_SIGNUP: flag.default(false),
    AUTH_GITHUB_ID: z.string().min(1).optional(),
    AUTH_GITHUB_SECRET: z.string().min(1).optional(),
    AUTH_GOOGLE_ID: z.string().min(1).optional(),
    AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_ISSUER: z.url().optional(),
    AUTH_OIDC_ID: z.string().min(1).optional(),
    AUTH_OIDC_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().min(1).default("Single sign-on"),
    GHL_API_BASE_URL: z.url().default("https://services.leadconnectorhq.com"),
    GHL_OAUTH_BASE_URL: z.url().default("https://marketplace.gohighlevel.com"),
    GHL_CLIENT_ID: z.string().min(1).optional(),
    GHL_CLIENT_SECRET: z.string().min(1).optional(),
    GHL_WEBHOOK_ED25519_PUBLIC_KEY: pemKeys("ed25519").optional(),
    GHL_WEBHOOK_RSA_PUBLIC_KEY: pemKeys("rsa").optional(),
    /** Set by `npm run dev` when it started the GHL sandbox for this process. */
    GHL_SANDBOX: flag.default(false),
    /** GHL's per-location budget (100 per 10 s); lower it to stay clear, or scale it for benchmarks. */
    GHL_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(100_000).default(100),
    GHL_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    /** Webhook processing and jobs: "inngest" (Inngest Cloud or self-hosted) or "local" (in-process). */
    BACKGROUND_DRIVER: z.enum(["inngest", "local"]).optional(),
    INNGEST_BASE_URL: z.url().optional(),
    INNGEST_DEV: flag.optional(),
    INNGEST_EVENT_KEY: z.string().min(1).optional(),
    INNGEST_SIGNING_KEY: z.string().min(1).optional(),
    /** RSA signatures (X-WH-Signature) are refused from this instant; GHL retired them on 2026-07-01. */
    GHL_WEBHOOK_RSA_CUTOFF: z.iso.datetime({ offset: true }).default("2026-07-01T00:00:00Z"),
    /** How old a delivery's timestamp may be: above GHL's ~70 minutes of 429 retries. */
    WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(5_400),
    WEBHOOK_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(10_485_760).default(1_048_576),
    /** Local driver: first retry after this, doubling (5 retries, then dead). */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
    /** A claimed event is taken over by another worker after this (a crashed worker). */
    WEBHOOK_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(30_000),
    /** Processed and ignored inbox rows are kept this long (deduplication needs at least a day). */
    WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
    /** Bearer token for GET /api/metrics; without it the endpoint is closed in production. */
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    TRPC_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_000_000),
    TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(20),
  })
  .superRefine((env, ctx) => {
    const pairs = [
      ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
      ["AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
      ["AUTH_OIDC_ID", "AUTH_OIDC_ISSUER"],
      ["GHL_CLIENT_ID", "GHL_CLIENT_SECRET"],
      ["ENCRYPTION_KEYS", "ENCRYPTION_KEY_ID"],
    ] as const;
    for (const [a, b] of pairs) {
      if (Boolean(env[a]) !== Boolean(env[b])) {
        const missing = env[a] ? b : a;
        ctx.addIssue({
          code: "custom",
          path: [missing],
          message: `is required when ${env[a] ? a : b} is set`,
        });
      }
    }
    const keyring = env.ENCRYPTION_KEYS ? parseKeyring(env.ENCRYPTION_KEYS) : undefined;
    if (keyring && "keys" in keyring && env.ENCRYPTION_KEY_ID) {
      if (!keyring.keys.has(env.ENCRYPTION_KEY_ID)) {
        ctx.addIssue({
          code: "custom",
          path: ["ENCRYPTION_KEY_ID"],
          message: `"${env.ENCRYPTION_KEY_ID}" is not one of the key ids in ENCRYPTION_KEYS (${[...keyring.keys.keys()].join(", ")})`,
        });
      }
    }
    // `next build` runs with NODE_ENV=production but serves nothing; runtime secrets are checked at boot.
    if (env.NODE_ENV !== "production" || env.NEXT_PHASE === "phase-production-build") return;
    if (!env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
    // Never a plaintext or generated-key fallback in production: tokens must outlive the machine.
    if (!env.ENCRYPTION_KEYS && !env.ENCRYPTION_KEY_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["ENCRYPTION_KEYS"],
        message: "is required in production",
      });
    }
    if (env.GHL_CLIENT_ID && !env.GHL_WEBHOOK_ED25519_PUBLIC_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["GHL_WEBHOOK_ED25519_PUBLIC_KEY"],
        message:
          "is required in production when GHL_CLIENT_ID is set (webhooks cannot be verified)",
      });
    }
    const hasProvider = Boolean(env.AUTH_GITHUB_ID || env.AUTH_GOOGLE_ID || env.AUTH_OIDC_ID);
    if (!hasProvider && !env.ENABLE_DEMO_LOGIN) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_GITHUB_ID"],
        message: "no sign-in method is configured, so nobody could sign in",
      });
    }
  });

export type Env = z.infer<typeof ZEnv> & {
  /** "embedded" runs PGlite in DATA_DIR; "postgres" uses DATABASE_URL. */
  databaseMode: "embedded" | "postgres";
  backgroundDriver: "inngest" | "local";
  demoLoginEnabled: boolean;
};

export class EnvError extends Error {
  override name = "EnvError";
}

/** Empty strings in .env files mean "unset", as in most dotenv tooling. */
const withoutEmpty = (source: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));

export const parseEnv = (source: Record<string, string | undefined>): Env => {
  const result = ZEnv.safeParse(withoutEmpty(source));
  if (!result.success) throw new EnvError(formatEnvError(result.error.issues, ENV_HINTS));
  const parsed = result.data;
  const databaseMode = parsed.DATABASE_URL ? "postgres" : "embedded";
  // Demo login is a local convenience: on by default only for the embedded database outside
  // production; anywhere else it must be asked for explicitly.
  const demoLoginEnabled =
    parsed.ENABLE_DEMO_LOGIN ?? (databaseMode === "embedded" && parsed.NODE_ENV !== "production");
  // Inngest only when there is an Inngest to talk to; otherwise the same jobs run in-process.
  const backgroundDriver =
    parsed.BACKGROUND_DRIVER ??
    (parsed.INNGEST_EVENT_KEY || parsed.INNGEST_BASE_URL ? "inngest" : "local");
  return { ...parsed, databaseMode, backgroundDriver, demoLoginEnabled };
};

let cached: Env | undefined;

/** The validated environment, parsed once per process. Throws EnvError with fix hints. */
export const getEnv = (): Env => (cached ??= parseEnv(process.env));
