// npm run bench:client – the GHL client's overhead over a raw fetch, and the 20-process refresh race
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";

import { eq } from "drizzle-orm";
import postgres from "postgres";
import { z } from "zod";

import { DEMO_APP } from "~/sandbox/seed/demo-world";

import { createEncryption } from "../../crypto/encryption";
import { openPostgres } from "../../db/client";
import { migratePostgresUrl } from "../../db/migrate";
import { agencies, ghlConnections, memberships, users } from "../../db/schema";
import { adminConnection, withDatabase } from "../../testing/db-urls";
import { storeOAuthGrant } from "../connections/connect";
import { findLocationConnection } from "../connections/connections.repo";
import { targetOf } from "../connections/targets";
import { consumeState, startAuthorization } from "../oauth/authorize";
import { scopesToRequest } from "../oauth/scopes";
import { createGhlRuntime } from "../runtime";

const SANDBOX_PORT = 4098;
const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
const BASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = "ghlhub_bench_client";
const CALLS = 400;
const ROUNDS = 3;
const RACERS = 20;
const AUSTIN = "AustinDentalStudio01";

const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)] ?? 0;
const median = (values: number[]) => pct(values, 0.5);

const startSandbox = async (): Promise<ChildProcess> => {
  // taskset execs node itself, so killing this child stops the sandbox (npx would leave it behind).
  const child = spawn(
    "taskset",
    ["-c", "1", process.execPath, "--import", "tsx", "sandbox/cli.ts"],
    {
      env: {
        ...process.env,
        SANDBOX_PORT: String(SANDBOX_PORT),
        SANDBOX_RATE_BURST: "1000000000",
        SANDBOX_RATE_DAILY: "1000000000",
        SANDBOX_KEYS_FILE: ".data/sandbox/bench-keys.json",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${SANDBOX}/_sandbox/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await sleep(250);
  }
  throw new Error("sandbox did not start");
};

const freshDatabase = async () => {
  const admin = postgres({ ...adminConnection(BASE_URL), onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const url = withDatabase(BASE_URL, DB_NAME);
  await migratePostgresUrl(url);
  return url;
};

/** The real OAuth round trip, so the bench measures a grant exactly as the app stores it. */
const connect = async (
  runtime: ReturnType<typeof createGhlRuntime>,
  actor: { agencyId: string; userId: string },
) => {
  const redirectUri = "http://localhost:3000/api/oauth/ghl/callback";
  const url = new URL(
    await startAuthorization(
      {
        db: runtime.db,
        cipher: runtime.cipher,
        config: { oauthBaseUrl: SANDBOX, clientId: DEMO_APP.clientId, redirectUri },
      },
      { ...actor, scopes: scopesToRequest([]) },
    ),
  );
  const form = new URLSearchParams(url.searchParams);
  form.set("companyId", "SmmtGrwthPrtnrs00001");
  form.set("location", AUSTIN);
  form.set("decision", "allow");
  const consent = await fetch(`${SANDBOX}/v2/oauth/chooselocation`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const back = new URL(consent.headers.get("location") ?? "");
  const spent = await consumeState(
    { db: runtime.db, cipher: runtime.cipher },
    { state: back.searchParams.get("state") ?? "", userId: actor.userId },
  );
  if (!spent.ok) throw new Error(spent.reason);
  const tokens = await runtime.oauth.exchangeCode({
    code: back.searchParams.get("code") ?? "",
    redirectUri,
    codeVerifier: spent.codeVerifier,
  });
  await storeOAuthGrant(runtime, actor, tokens);
};

const overhead = async (
  runtime: ReturnType<typeof createGhlRuntime>,
  connectionRow: NonNullable<Awaited<ReturnType<typeof findLocationConnection>>>,
) => {
  const target = targetOf(runtime, connectionRow, null);
  const token = await runtime.tokens.getAccessToken(connectionRow.id);
  const contactId = (
    await runtime.http.request({
      target,
      operation: "bench.list",
      method: "GET",
      path: "/contacts/",
      query: { locationId: AUSTIN, limit: 1 },
      version: "2021-07-28",
      schema: z.object({ contacts: z.array(z.object({ id: z.string() })) }),
    })
  ).contacts[0]?.id;
  const path = `/contacts/${contactId}`;
  const schema = z.object({ contact: z.object({ id: z.string() }) });
  const raw: number[] = [];
  const client: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const rawTimes: number[] = [];
    const clientTimes: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      let started = performance.now();
      await (
        await fetch(`${SANDBOX}${path}`, {
          headers: {
            authorization: `Bearer ${token}`,
            version: "2021-07-28",
            accept: "application/json",
          },
        })
      ).json();
      rawTimes.push(performance.now() - started);
      started = performance.now();
      await runtime.http.request({
        target,
        operation: "contacts.get",
        method: "GET",
        path,
        version: "2021-07-28",
        schema,
      });
      clientTimes.push(performance.now() - started);
    }
    raw.push(median(rawTimes));
    client.push(median(clientTimes));
  }
  return {
    raw: median(raw),
    client: median(client),
    p95Client: client.length ? Math.max(...client) : 0,
  };
};

const race = async (
  url: string,
  key: Buffer,
  connectionId: string,
  db: Parameters<typeof findLocationConnection>[0],
) => {
  await db
    .update(ghlConnections)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(ghlConnections.id, connectionId));
  await fetch(`${SANDBOX}/_sandbox/stats`, { method: "DELETE" });
  const racers = Array.from({ length: RACERS }, () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "server/ghl/testing/refresh-race.ts"],
      {
        env: {
          ...process.env,
          RACE_DATABASE_URL: url,
          RACE_API_URL: SANDBOX,
          RACE_CLIENT_ID: DEMO_APP.clientId,
          RACE_CLIENT_SECRET: DEMO_APP.clientSecret,
          RACE_KEY: key.toString("base64"),
          RACE_KEY_ID: "bench",
          RACE_CONNECTION_ID: connectionId,
        },
      },
    );
    return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator]() };
  });
  await Promise.all(racers.map((r) => r.lines.next()));
  const started = performance.now();
  for (const r of racers) r.child.stdin.write("go\n");
  const results = (await Promise.all(racers.map((r) => r.lines.next()))).map(
    (l) => JSON.parse(String(l.value)) as { ok: boolean; token?: string; error?: string },
  );
  const failures = results.filter((r) => !r.ok);
  if (failures.length > 0)
    console.error("racers failed:", [...new Set(failures.map((r) => r.error))].join("; "));
  const ms = performance.now() - started;
  for (const r of racers) r.child.kill();
  const stats = (await (await fetch(`${SANDBOX}/_sandbox/stats`)).json()) as {
    tokenEndpoint: { refresh_token: number; failed: number };
  };
  return {
    ms,
    ok: results.filter((r) => r.ok).length,
    tokens: new Set(results.map((r) => r.token)).size,
    refreshes: stats.tokenEndpoint.refresh_token,
    invalidGrant: stats.tokenEndpoint.failed,
  };
};

const main = async () => {
  const sandbox = await startSandbox();
  try {
    const url = await freshDatabase();
    const handle = await openPostgres(url, 8);
    const key = randomBytes(32);
    const runtime = createGhlRuntime({
      db: handle.db,
      cipher: createEncryption({ keys: new Map([["bench", key]]), currentKeyId: "bench" }),
      config: {
        apiBaseUrl: SANDBOX,
        oauthBaseUrl: SANDBOX,
        clientId: DEMO_APP.clientId,
        clientSecret: DEMO_APP.clientSecret,
        sandbox: true,
        rateLimit: { burst: 1_000_000, windowMs: 10_000 },
      },
    });
    const [agency] = await handle.db.insert(agencies).values({ name: "Bench" }).returning();
    const [user] = await handle.db
      .insert(users)
      .values({ email: `bench-${Date.now()}@example.test` })
      .returning();
    if (!agency || !user) throw new Error("bench setup: insert returned nothing");
    await handle.db
      .insert(memberships)
      .values({ agencyId: agency.id, userId: user.id, role: "owner" });
    await connect(runtime, { agencyId: agency.id, userId: user.id });
    const connection = await findLocationConnection(handle.db, agency.id, AUSTIN);
    if (!connection) throw new Error("bench setup: no location connection after OAuth");
    const timing = await overhead(runtime, connection);
    const result = await race(url, key, connection.id, handle.db);
    await runtime.callLog.flush();
    await handle.close();

    const over = timing.client - timing.raw;
    console.log(
      `\nGHL client benchmark (PostgreSQL, sandbox on its own core; medians of ${ROUNDS} rounds of ${CALLS} calls)\n`,
    );
    console.log("| metric | value | target |");
    console.log("|---|---:|---:|");
    console.log(`| raw fetch P50, GET /contacts/{id} | ${timing.raw.toFixed(2)} ms | – |`);
    console.log(
      `| GHL client P50 (token, limiter, breaker, retry, zod, call log) | ${timing.client.toFixed(2)} ms | – |`,
    );
    console.log(`| client overhead P50 | ${over.toFixed(2)} ms | < 2 ms |`);
    console.log(
      `| refresh race: processes that got a token | ${result.ok} of ${RACERS} | ${RACERS} |`,
    );
    console.log(`| refresh race: token-endpoint calls | ${result.refreshes} | 1 |`);
    console.log(
      `| refresh race: failed token calls (invalid_grant) | ${result.invalidGrant} | 0 |`,
    );
    console.log(`| refresh race: distinct tokens handed out | ${result.tokens} | 1 |`);
    console.log(`| refresh race: wall time | ${result.ms.toFixed(0)} ms | – |`);
    if (over >= 2 || result.refreshes !== 1 || result.invalidGrant !== 0 || result.ok !== RACERS)
      process.exitCode = 1;
  } finally {
    sandbox.kill("SIGTERM");
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
