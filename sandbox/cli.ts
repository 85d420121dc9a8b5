// npm run sandbox – the GHL sandbox as a standalone server (SANDBOX_PORT, default 4010)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { createSandbox } from "./index";
import { type WebhookKeysPem, generateWebhookKeys } from "./webhooks/keys";

const env = process.env;
const keysFile = path.resolve(env.SANDBOX_KEYS_FILE ?? ".data/sandbox/webhook-keys.json");

/** Keys persist across restarts, so an app configured with the public keys keeps verifying. */
const loadKeys = (): WebhookKeysPem => {
  if (existsSync(keysFile)) return JSON.parse(readFileSync(keysFile, "utf8")) as WebhookKeysPem;
  const keys = generateWebhookKeys();
  mkdirSync(path.dirname(keysFile), { recursive: true });
  writeFileSync(keysFile, JSON.stringify(keys), { mode: 0o600 });
  return keys;
};

const number = (value: string | undefined, fallback: number) => (value ? Number(value) : fallback);

const main = async () => {
  const sandbox = await createSandbox({
    port: number(env.SANDBOX_PORT, 4010),
    host: env.SANDBOX_HOST ?? "127.0.0.1",
    seed: env.SANDBOX_SEED ?? "ghl-hub",
    keys: loadKeys(),
    appWebhookUrl: env.SANDBOX_WEBHOOK_URL ?? null,
    snapshotPath: env.SANDBOX_SNAPSHOT,
    logRequests: env.SANDBOX_LOG === "1",
    accessTokenTtlSeconds: number(env.SANDBOX_TOKEN_TTL_SECONDS, 86_399),
    rateLimit: {
      burst: number(env.SANDBOX_RATE_BURST, 100),
      windowMs: number(env.SANDBOX_RATE_WINDOW_MS, 10_000),
      daily: number(env.SANDBOX_RATE_DAILY, 200_000),
    },
  });
  const info = sandbox.control.info();
  const app = info.apps[0];
  console.log(
    [
      `GHL sandbox listening on ${sandbox.url}`,
      `  API base URL:     ${sandbox.url}`,
      `  Consent page:     ${info.oauth.authorizeUrl}`,
      `  Control API:      ${sandbox.url}/_sandbox/info`,
      `  Operations:       ${sandbox.servedOperations.length} of the official GHL API v2 specs`,
      app ? `  Demo app:         client_id=${app.clientId}  client_secret=${app.clientSecret}` : "",
      `  Webhooks to:      ${app?.webhookUrl ?? "(none: set SANDBOX_WEBHOOK_URL)"}`,
      "  Webhook public keys:",
      info.webhookPublicKeys.ed25519.trim(),
      info.webhookPublicKeys.rsa.trim(),
    ].join("\n"),
  );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
