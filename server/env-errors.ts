type Issue = { path: PropertyKey[]; message: string };

/** How to fix each variable, shown next to the validation error. Keep in sync with .env.example. */
export const ENV_HINTS: Record<string, string> = {
  NODE_ENV: "use development, production or test (Next sets it for you).",
  DATABASE_URL:
    "set postgres://user:password@host:5432/db, or unset it to use the embedded database in DATA_DIR.",
  DATABASE_POOL_MAX: "a whole number of connections between 1 and 100 (default 10).",
  DATA_DIR: "a folder for the embedded database and local keys (default .data).",
  AUTH_SECRET: "set a random value of 32+ characters, e.g. `openssl rand -base64 32`.",
  AUTH_URL: "the public URL of the app, e.g. https://hub.example.com.",
  ENCRYPTION_KEYS:
    "comma-separated kid:base64key pairs, each key 32 random bytes, e.g. `k1:$(openssl rand -base64 32)`; keep old keys listed until `npm run keys:rotate` reports 0 left.",
  ENCRYPTION_KEY_ID:
    "the kid in ENCRYPTION_KEYS that encrypts new secrets (set it together with ENCRYPTION_KEYS).",
  ENABLE_DEMO_LOGIN: "1 to allow the passwordless demo login, 0 to forbid it.",
  AUTH_ALLOW_SIGNUP: "1 lets anyone who signs in create an agency; 0 (default) is invite-only.",
  AUTH_GITHUB_ID:
    "configure an identity provider (AUTH_GITHUB_*, AUTH_GOOGLE_* or AUTH_OIDC_*), or set ENABLE_DEMO_LOGIN=1 for a demo.",
  AUTH_GITHUB_SECRET: "the client secret of your GitHub OAuth app.",
  AUTH_GOOGLE_ID: "the client id of your Google OAuth client.",
  AUTH_GOOGLE_SECRET: "the client secret of your Google OAuth client.",
  AUTH_OIDC_ISSUER:
    "the issuer URL of your OpenID Connect provider, e.g. https://login.example.com.",
  AUTH_OIDC_ID: "the client id registered with your OpenID Connect provider.",
  AUTH_OIDC_SECRET: "the client secret registered with your OpenID Connect provider.",
  GHL_API_BASE_URL: "the GHL API host: https://services.leadconnectorhq.com, or the sandbox's URL.",
  GHL_OAUTH_BASE_URL:
    "the GHL consent page host: https://marketplace.gohighlevel.com, or the sandbox's URL.",
  GHL_CLIENT_ID:
    "your marketplace app's client id (Marketplace → your app → Auth), with GHL_CLIENT_SECRET.",
  GHL_CLIENT_SECRET: "your marketplace app's client secret, with GHL_CLIENT_ID.",
  GHL_WEBHOOK_ED25519_PUBLIC_KEY:
    "the PEM public key GHL signs X-GHL-Signature with (from your app settings).",
  GHL_WEBHOOK_RSA_PUBLIC_KEY:
    "the PEM public key of GHL's legacy X-WH-Signature (published in GHL's webhook docs).",
  GHL_RATE_LIMIT_BURST: "requests per window per location; GHL allows 100 (default).",
  GHL_RATE_LIMIT_WINDOW_MS: "the rate-limit window in ms; GHL uses 10000 (default).",
  GHL_SANDBOX: "set by npm run dev; 1 when the app talks to the local GHL sandbox.",
  GHL_WEBHOOK_RSA_CUTOFF:
    "an ISO date-time after which X-WH-Signature (RSA) is refused, e.g. 2026-07-01T00:00:00Z.",
  WEBHOOK_TOLERANCE_SECONDS:
    "seconds a delivery's timestamp may differ from now, 60-86400 (default 5400: GHL retries for ~70 min).",
  WEBHOOK_MAX_BODY_BYTES: "the largest webhook body accepted, in bytes (default 1048576).",
  WEBHOOK_RETRY_BASE_MS:
    "the local driver's first retry delay in ms, doubled each retry (default 5000).",
  WEBHOOK_LEASE_MS: "ms before an event claimed by a crashed worker is taken over (default 30000).",
  WEBHOOK_RETENTION_DAYS: "days to keep processed webhook events (default 30).",
  METRICS_TOKEN:
    "a random bearer token of 16+ characters for GET /api/metrics (required to expose it in production).",
  BACKGROUND_DRIVER:
    "inngest (needs INNGEST_EVENT_KEY or INNGEST_BASE_URL) or local (in-process); unset picks by those.",
  INNGEST_BASE_URL: "the URL of a self-hosted Inngest server, e.g. http://inngest:8288.",
  INNGEST_DEV: "1 to talk to a local Inngest dev server, 0 for Inngest Cloud or self-hosted.",
  LOG_LEVEL: "one of fatal, error, warn, info, debug, trace, silent.",
  TRPC_MAX_BODY_BYTES: "the largest accepted API request body in bytes (default 1000000).",
  TRPC_MAX_BATCH_SIZE: "how many calls one batched API request may carry (default 20).",
};

export const formatEnvError = (issues: readonly Issue[], hints: Record<string, string>) => {
  const lines = issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const hint = hints[name];
    return `  • ${name}: ${issue.message.replace(/\.$/, "")}.${hint ? `\n      Fix: ${hint}` : ""}`;
  });
  const count = issues.length === 1 ? "1 setting is" : `${issues.length} settings are`;
  return [
    `GHL Hub cannot start: ${count} invalid.`,
    ...lines,
    "  Every variable is described in .env.example and in the README's configuration table.",
  ].join("\n");
};
