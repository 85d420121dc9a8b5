// Starts the production build for the e2e suite on a database of its own, seeded with the demo agencies.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

import postgres from "postgres";

const port = process.env.E2E_PORT ?? "3100";
const dataDir = path.resolve(".data/e2e");
const pgUrl = process.env.E2E_DATABASE_URL;

const freshPostgres = async (url: string) => {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name))
    throw new Error(`E2E_DATABASE_URL must name a simple database, got ${name}`);
  if (!["127.0.0.1", "localhost"].includes(target.hostname))
    throw new Error("E2E_DATABASE_URL must be local");
  const admin = postgres({ ...parseAdmin(target), onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
};

const parseAdmin = (url: URL) => ({
  host: url.hostname,
  port: Number(url.port || 5432),
  user: decodeURIComponent(url.username || "postgres"),
  password: decodeURIComponent(url.password),
  database: "postgres",
});

const run = (command: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`)),
    );
  });

const sandboxPort = String(Number(port) + 1000);
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;

type SandboxInfo = {
  apps: { clientId: string; clientSecret: string }[];
  webhookPublicKeys: { ed25519: string; rsa: string };
};

/** The GHL sandbox the app connects to, started fresh (its state is in memory). */
const startSandbox = async () => {
  const sandbox = spawn("npx", ["tsx", "sandbox/cli.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      SANDBOX_PORT: sandboxPort,
      SANDBOX_WEBHOOK_URL: `http://127.0.0.1:${port}/api/webhooks/ghl`,
      SANDBOX_KEYS_FILE: path.resolve(".data/e2e-sandbox-keys.json"),
    },
  });
  for (let i = 0; i < 120; i++) {
    const info = await fetch(`${sandboxUrl}/_sandbox/info`)
      .then((r) => (r.ok ? (r.json() as Promise<SandboxInfo>) : null))
      .catch(() => null);
    const app = info?.apps[0];
    if (info && app) return { sandbox, app, keys: info.webhookPublicKeys };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  sandbox.kill();
  throw new Error("the GHL sandbox did not start");
};

const main = async () => {
  const { sandbox, app, keys } = await startSandbox();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: "e2e-only-secret-that-is-long-enough-000",
    // A fixed, test-only key: e2e databases are thrown away after each run.
    ENCRYPTION_KEYS: "e2e:ZTJlLW9ubHkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=",
    ENCRYPTION_KEY_ID: "e2e",
    AUTH_URL: `http://127.0.0.1:${port}`,
    ENABLE_DEMO_LOGIN: "1",
    LOG_LEVEL: "warn",
    DATA_DIR: dataDir,
    DATABASE_URL: pgUrl ?? "",
    GHL_SANDBOX: "1",
    GHL_API_BASE_URL: sandboxUrl,
    GHL_OAUTH_BASE_URL: sandboxUrl,
    GHL_CLIENT_ID: app.clientId,
    GHL_CLIENT_SECRET: app.clientSecret,
    GHL_WEBHOOK_ED25519_PUBLIC_KEY: keys.ed25519,
    GHL_WEBHOOK_RSA_PUBLIC_KEY: keys.rsa,
    // Fast retries, so a test can watch an event go from failed to dead.
    WEBHOOK_RETRY_BASE_MS: "200",
    METRICS_TOKEN: "e2e-metrics-token-000000",
  };
  if (pgUrl) {
    await freshPostgres(pgUrl);
    await run("npx", ["tsx", "server/db/cli/migrate.ts"], env);
    await run("npx", ["tsx", "server/db/cli/seed.ts"], env);
  } else {
    // Embedded mode migrates and seeds itself at start, as `npm run dev` does.
    rmSync(dataDir, { recursive: true, force: true });
  }
  const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
    stdio: "inherit",
    env,
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      sandbox.kill(signal);
      server.kill(signal);
    });
  }
  server.on("exit", (code) => {
    sandbox.kill();
    process.exit(code ?? 0);
  });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
