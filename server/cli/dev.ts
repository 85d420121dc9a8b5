// npm run dev – Next.js dev server, plus the GHL sandbox when no real GHL app is configured
import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

import "../db/cli/load-env";

const appPort = process.env.PORT ?? "3000";
const sandboxPort = process.env.SANDBOX_PORT ?? "4010";
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const children: ChildProcess[] = [];

type SandboxInfo = {
  apps: { clientId: string; clientSecret: string }[];
  webhookPublicKeys: { ed25519: string; rsa: string };
};

const sandboxInfo = async (): Promise<SandboxInfo | null> => {
  try {
    const response = await fetch(`${sandboxUrl}/_sandbox/info`);
    return response.ok ? ((await response.json()) as SandboxInfo) : null;
  } catch {
    return null;
  }
};

/** Starts the sandbox (or reuses one already on its port) and returns how the app reaches it. */
const startSandbox = async () => {
  let info = await sandboxInfo();
  if (!info) {
    const child = spawn("npx", ["tsx", "sandbox/cli.ts"], {
      env: {
        ...process.env,
        SANDBOX_PORT: sandboxPort,
        SANDBOX_WEBHOOK_URL: `http://localhost:${appPort}/api/webhooks/ghl`,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    child.stdout?.once("data", (chunk: Buffer) =>
      process.stdout.write(
        `${chunk.toString().split("\n")[0]} (npm run sandbox shows its keys and options)\n`,
      ),
    );
    for (let i = 0; i < 120 && !info; i++) {
      await sleep(250);
      info = await sandboxInfo();
    }
  }
  const app = info?.apps[0];
  if (!info || !app) throw new Error(`The GHL sandbox did not start on ${sandboxUrl}`);
  return {
    GHL_SANDBOX: "1",
    GHL_API_BASE_URL: sandboxUrl,
    GHL_OAUTH_BASE_URL: sandboxUrl,
    GHL_CLIENT_ID: app.clientId,
    GHL_CLIENT_SECRET: app.clientSecret,
    GHL_WEBHOOK_ED25519_PUBLIC_KEY: info.webhookPublicKeys.ed25519,
    GHL_WEBHOOK_RSA_PUBLIC_KEY: info.webhookPublicKeys.rsa,
  };
};

const stopAll = (code: number) => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
};

const main = async () => {
  const realGhl = Boolean(process.env.GHL_CLIENT_ID && process.env.GHL_CLIENT_SECRET);
  const ghlEnv = realGhl ? {} : await startSandbox();
  if (realGhl) console.log("Using the GHL app configured in GHL_CLIENT_ID (no sandbox).");
  const next = spawn("npx", ["next", "dev", "-p", appPort, ...process.argv.slice(2)], {
    env: { ...process.env, ...ghlEnv },
    stdio: "inherit",
  });
  children.push(next);
  for (const child of children) child.on("exit", (code) => stopAll(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll(0));
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
});
