import { resolveAuthSecret } from "./auth/secret";
import { getImportJobs } from "./background/import-jobs";
import { startLocalSchedule } from "./background/local-schedule";
import { getWebhookPipeline } from "./background/webhook-pipeline";
import { loadEncryption } from "./crypto/keys";
import { getDbHandle } from "./db/client";
import { DEMO_LOGINS } from "./db/seed/demo-data";
import { hasAnyAgency, seedDemo } from "./db/seed/seed-demo";
import { EnvError, getEnv } from "./env";
import { ghlConfigFromEnv, getGhlRuntime } from "./ghl/runtime";

const fail = (message: string): never => {
  console.error(`\n${message}\n`);
  process.exit(1);
};

const printDemoLogins = (port: string) => {
  const width = Math.max(...DEMO_LOGINS.map((u) => u.email.length));
  console.log(
    [
      "",
      `  Demo login (no password): http://localhost:${port}/sign-in`,
      ...DEMO_LOGINS.map((u) => `    ${u.email.padEnd(width)}  ${u.role.padEnd(6)}  ${u.agency}`),
      "",
    ].join("\n"),
  );
};

/**
 * Runs once per server process before any request: validates env (exiting with a readable message),
 * opens and migrates the embedded database, and seeds the demo agency into an empty one.
 */
export const boot = async () => {
  let env;
  try {
    env = getEnv();
    resolveAuthSecret(env);
    loadEncryption(env);
  } catch (error) {
    if (error instanceof EnvError) return fail(error.message);
    throw error;
  }
  const handle = await getDbHandle().catch((error: unknown) =>
    fail(
      `GHL Hub cannot open its database: ${error instanceof Error ? error.message : String(error)}`,
    ),
  );
  if (env.databaseMode === "embedded" && env.demoLoginEnabled && !(await hasAnyAgency(handle.db))) {
    await seedDemo(handle.db);
    console.log(`  Seeded the demo agencies into ${env.DATA_DIR}/pglite`);
  }
  // The in-process webhook worker starts with the server, so events stored before a crash are
  // processed without waiting for the next delivery.
  if (env.backgroundDriver === "local") {
    await getWebhookPipeline();
    // Resumes CSV imports a stopped server left running.
    await getImportJobs();
    if (ghlConfigFromEnv()) startLocalSchedule(getGhlRuntime);
  }
  if (env.demoLoginEnabled) printDemoLogins(process.env.PORT ?? "3000");
  if (env.demoLoginEnabled && env.NODE_ENV === "production") {
    console.warn(
      "  WARNING: ENABLE_DEMO_LOGIN is on in production: demo users can sign in without a password.",
    );
  }
};
