// npm run bench:webhooks – signed webhooks accepted per second by `next start`, and receipt→mirror latency
import { type ChildProcess, spawn } from "node:child_process";
import { type KeyObject, generateKeyPairSync, randomBytes, randomUUID, sign } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import autocannon from "autocannon";
import postgres from "postgres";

import { openPostgres } from "../../db/client";
import { migratePostgresUrl } from "../../db/migrate";
import { DEMO_AGENCIES } from "../../db/seed/demo-data";
import { seedDemo } from "../../db/seed/seed-demo";
import { adminConnection } from "../../testing/db-urls";

// ── What is measured (env overrides for experiments) ────────────────────────────────────────────
const PORT = Number(process.env.BENCH_PORT ?? 3199);
const BASE = `http://127.0.0.1:${PORT}`;
const WEBHOOK_PATH = "/api/webhooks/ghl";
/** Dropped and recreated: never the developer's DATABASE_URL. */
const DB_URL =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/ghlhub_bench_webhooks";
/** Phase A connections; a comma list ("32,64,128") first tries each and keeps the fastest. */
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "64")
  .split(",")
  .map((c) => Number(c.trim()))
  .filter((c) => Number.isInteger(c) && c > 0);
const A_SECONDS = Number(process.env.BENCH_A_SECONDS ?? 15);
const A_RUNS = Number(process.env.BENCH_A_RUNS ?? 3);
const WARMUP_SECONDS = 4;
const SWEEP_SECONDS = 6;
const B_RATE = Number(process.env.BENCH_B_RATE ?? 200);
const B_SECONDS = Number(process.env.BENCH_B_SECONDS ?? 20);
/** Phase B's rate is spread over staggered streams so arrivals are steady, not one burst a second. */
const B_STREAMS = Math.min(40, B_RATE);
const DRAIN_TIMEOUT_MS = 300_000;
/** Set to a directory to record a V8 CPU profile of the `next start` process (written at exit). */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;

const TARGET_ACCEPTED = 2_000;
const PRD_ACCEPTED = 167;
const TARGET_P95_MS = 1_000;

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────────
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const say = (line: string) => console.log(`[bench] ${line}`);

// ── Where the CPU went (Linux /proc; omitted elsewhere) ─────────────────────────────────────────
type CpuSnapshot = { at: number; busy: number; next: number; pg: number; bench: number };

const readCpu = (serverPid: number | undefined, dbName: string): CpuSnapshot | null => {
  if (!existsSync("/proc/stat")) return null;
  const ticks = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  const busy = total - (ticks[3] ?? 0) - (ticks[4] ?? 0);
  let next = 0;
  let pg = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const used = Number(fields[11]) + Number(fields[12]);
      if (Number(pid) === serverPid) next += used;
      else if (stat.includes("(postgres)")) {
        // Backends carry "postgres: user database host" as their title.
        if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(` ${dbName} `)) pg += used;
      }
    } catch {
      // the process ended meanwhile
    }
  }
  const self = process.cpuUsage();
  // /proc counts in clock ticks (100 per second on Linux); cpuUsage in microseconds.
  return { at: performance.now(), busy, next, pg, bench: (self.user + self.system) / 10_000 };
};

/** Shares of the whole machine (all cores = 100 %) between two snapshots. */
const cpuSplit = (a: CpuSnapshot | null, b: CpuSnapshot | null) => {
  if (!a || !b) return null;
  const capacity = ((b.at - a.at) / 10) * os.cpus().length;
  const share = (x: number) => Math.round((100 * x) / capacity);
  const busy = b.busy - a.busy;
  const next = b.next - a.next;
  const pg = b.pg - a.pg;
  const bench = b.bench - a.bench;
  return {
    next: share(next),
    pg: share(pg),
    bench: share(bench),
    other: share(Math.max(0, busy - next - pg - bench)),
    idle: Math.max(0, 100 - share(busy)),
  };
};
type CpuSplit = NonNullable<ReturnType<typeof cpuSplit>>;
const cpuText = (c: CpuSplit | null) =>
  c
    ? `next ${c.next} %, postgres (bench db) ${c.pg} %, load generator ${c.bench} %, other ${c.other} %, idle ${c.idle} %`
    : "n/a";

// ── Signed GHL-shaped bodies, made and signed before a run ──────────────────────────────────────
type Signed = { webhookId: string; body: Buffer; signature: string };

const LOCATIONS = DEMO_AGENCIES.flatMap((agency) => agency.locations.map((l) => l.ghlLocationId));

/** A realistic ContactUpdate (~0.8 KB) or OpportunityUpdate (~0.5 KB), as GHL documents them. */
const eventBody = (tag: string, n: number) => {
  const at = new Date().toISOString();
  const locationId = LOCATIONS[n % LOCATIONS.length] ?? "";
  const serial = n.toString(36).padStart(8, "0");
  // The run's tag leads the UUID, so a run's rows are found by prefix.
  const webhookId = `${tag}-${randomUUID().slice(9)}`;
  const common = { locationId, timestamp: at, webhookId };
  const body =
    n % 2 === 0
      ? {
          type: "ContactUpdate",
          ...common,
          id: `bC${tag}${serial}`,
          address1: "3535 1st St N",
          city: "Birmingham",
          state: "AL",
          companyName: "Bench Dental LLC",
          country: "US",
          source: "website form",
          dateAdded: "2026-01-05T12:41:02.193Z",
          dateUpdated: at,
          dateOfBirth: "1990-01-05T00:00:00.000Z",
          dnd: false,
          email: `patient.${serial}@example.test`,
          name: `Pat Bench ${serial}`,
          firstName: "Pat",
          lastName: `Bench ${serial}`,
          phone: "+15125550123",
          postalCode: "35203",
          tags: ["new-patient", "newsletter", "bench"],
          website: "https://example.test/",
          attachments: [],
          assignedTo: "nph2Vl3qVB4dMqBz3VTu",
          customFields: [
            { id: "BcWHHxVVrmxqC0DklxAo", value: "Invisalign" },
            { id: "9ag8mUzF3HTAAjKQkmPn", value: "2026-02-01" },
          ],
        }
      : {
          type: "OpportunityUpdate",
          ...common,
          id: `bO${tag}${serial}`,
          assignedTo: "nph2Vl3qVB4dMqBz3VTu",
          contactId: `bC${tag}${serial}`,
          monetaryValue: 1_850 + (n % 500),
          name: `Implant consult ${serial}`,
          pipelineId: "VDm7RPYC2GLUvdpKmBfC",
          pipelineStageId: "e93ba61a-53b3-45e7-985a-c7732dbcdb69",
          source: "website form",
          status: "open",
          dateAdded: "2026-01-05T12:41:02.193Z",
          dateUpdated: at,
        };
  return { webhookId, body: Buffer.from(JSON.stringify(body)) };
};

/** Bodies for one run; past `count` it signs on demand (counted, as that costs the load generator). */
const makePool = (privateKey: KeyObject, count: number) => {
  const tag = randomBytes(4).toString("hex");
  const make = (n: number): Signed => {
    const { webhookId, body } = eventBody(tag, n);
    return { webhookId, body, signature: sign(null, body, privateKey).toString("base64") };
  };
  const items = Array.from({ length: count }, (_, n) => make(n));
  let next = 0;
  let signedLate = 0;
  return {
    tag,
    take(): Signed {
      const item = items[next] ?? (signedLate++, make(next));
      next++;
      return item;
    },
    get taken() {
      return next;
    },
    get signedLate() {
      return signedLate;
    },
    meanBytes: items.reduce((sum, i) => sum + i.body.length, 0) / Math.max(1, items.length),
  };
};
type Pool = ReturnType<typeof makePool>;

// ── Load ────────────────────────────────────────────────────────────────────────────────────────
type LoadResult = {
  connections: number;
  seconds: number;
  sent: number;
  ok: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Map<number, number>;
  s5xx: number;
  s429: number;
  otherNon2xx: number;
  errors: number;
  timeouts: number;
  reportedDuplicates: number;
  accepted: Set<string>;
};

type Ctx = { webhookId?: string };

const fire = async (pool: Pool, options: Partial<autocannon.Options>): Promise<LoadResult> => {
  const statuses = new Map<number, number>();
  const accepted = new Set<string>();
  let reportedDuplicates = 0;
  const result = await autocannon({
    url: `${BASE}${WEBHOOK_PATH}`,
    method: "POST",
    pipelining: 1,
    headers: { "content-type": "application/json", "user-agent": "bench-webhooks" },
    requests: [
      {
        setupRequest: (request, context) => {
          const item = pool.take();
          (context as Ctx).webhookId = item.webhookId;
          request.body = item.body;
          request.headers = { ...request.headers, "x-ghl-signature": item.signature };
          return request;
        },
        onResponse: (status, body, context) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 200 && status < 300) {
            const id = (context as Ctx).webhookId;
            if (id) accepted.add(id);
            if (body.includes('"duplicate":true')) reportedDuplicates++;
          }
        },
      },
    ],
    ...options,
  });
  const count = (test: (s: number) => boolean) =>
    [...statuses].filter(([s]) => test(s)).reduce((sum, [, n]) => sum + n, 0);
  return {
    connections: result.connections,
    seconds: result.duration,
    sent: pool.taken,
    ok: result["2xx"],
    perSecond: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    s5xx: count((s) => s >= 500),
    s429: count((s) => s === 429),
    otherNon2xx: count((s) => (s < 200 || s >= 300) && s !== 429 && s < 500),
    errors: result.errors,
    timeouts: result.timeouts,
    reportedDuplicates,
    accepted,
  };
};

// ── Database ────────────────────────────────────────────────────────────────────────────────────
const benchDbName = () => {
  const url = new URL(DB_URL);
  const name = url.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`BENCH_DATABASE_URL must name a simple database`);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname))
    throw new Error("BENCH_DATABASE_URL must be a local server (the database is dropped)");
  return name;
};

const recreateDatabase = async (drop: boolean) => {
  const name = benchDbName();
  const admin = postgres({ ...adminConnection(DB_URL), onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    if (!drop) await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
};

type Sql = postgres.Sql;

/** Waits until no row is left to process; returns how long that took and how many got processed. */
const drain = async (sql: Sql, timeoutMs = DRAIN_TIMEOUT_MS) => {
  const started = Date.now();
  const processedCount = async () =>
    Number(
      (await sql`SELECT count(*)::int AS n FROM webhook_events WHERE processed_at IS NOT NULL`)[0]
        ?.n,
    );
  const before = await processedCount();
  for (;;) {
    const [row] = await sql`
      SELECT count(*)::int AS pending FROM webhook_events
      WHERE status IN ('received', 'processing', 'failed')`;
    const pending = Number(row?.pending ?? 0);
    if (pending === 0 || Date.now() - started > timeoutMs) {
      const ms = Date.now() - started;
      return { pending, ms, processed: (await processedCount()) - before };
    }
    await sleep(200);
  }
};

/** The run's rows against the webhookIds that got a 2xx: none lost, none stored twice. */
const checkRows = async (sql: Sql, pool: Pool, accepted: Set<string>) => {
  const rows = await sql<{ dedup_key: string; duplicates: number }[]>`
    SELECT dedup_key, duplicates FROM webhook_events WHERE dedup_key LIKE ${`wh:${pool.tag}-%`}`;
  const stored = new Set(rows.map((r) => r.dedup_key.slice(3)));
  let missing = 0;
  for (const id of accepted) if (!stored.has(id)) missing++;
  let unacknowledged = 0;
  for (const id of stored) if (!accepted.has(id)) unacknowledged++;
  return {
    rows: rows.length,
    distinct: stored.size,
    missing,
    unacknowledged,
    duplicateDeliveries: rows.reduce((sum, r) => sum + r.duplicates, 0),
  };
};

// ── The app under test ──────────────────────────────────────────────────────────────────────────
const startServer = async (env: NodeJS.ProcessEnv) => {
  const free = await fetch(`${BASE}/api/health`).then(
    () => false,
    () => true,
  );
  if (!free) throw new Error(`port ${PORT} is in use (set BENCH_PORT)`);
  const nextBin = createRequire(path.resolve("package.json")).resolve("next/dist/bin/next");
  const nodeArgs = CPU_PROF_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(CPU_PROF_DIR)}`]
    : [];
  // node runs next directly, so killing this child stops the server (npx would leave it behind).
  const child = spawn(
    process.execPath,
    [...nodeArgs, nextBin, "start", "-p", String(PORT), "-H", "127.0.0.1"],
    { env, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    stderr = (stderr + text).slice(-4_000);
    for (const line of text.split("\n")) {
      // The demo-login notice is expected here; anything else (warn and above) is shown.
      if (line.trim() && !line.includes("ENABLE_DEMO_LOGIN")) console.error(`[next] ${line}`);
    }
  });
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  for (let i = 0; i < 240; i++) {
    if (exited) throw new Error(`next start exited during start-up:\n${stderr}`);
    const ok = await fetch(`${BASE}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await sleep(250);
  }
  child.kill("SIGKILL");
  throw new Error(`next start did not answer /api/health within 60 s:\n${stderr}`);
};

const stopServer = async (child: ChildProcess | null) => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
  if (!stopped) {
    child.kill("SIGKILL");
    await exited;
  }
};

// ── Main ────────────────────────────────────────────────────────────────────────────────────────
const main = async () => {
  if (!existsSync(path.resolve(".next/BUILD_ID"))) {
    console.error(
      "No production build in .next: run `npm run build` first (this benchmark measures `next start`).",
    );
    process.exit(1);
  }
  if (CONNECTIONS.length === 0) throw new Error("BENCH_CONNECTIONS must list positive integers");

  let server: ChildProcess | null = null;
  let sql: Sql | null = null;
  let databaseCreated = false;
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await stopServer(server);
      await sql?.end({ timeout: 5 }).catch(() => undefined);
      if (databaseCreated) await recreateDatabase(true).catch(() => undefined);
    })());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping next start and dropping the bench database`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    // 1. A fresh database with the demo agencies; some of their locations connected.
    say(`fresh database ${benchDbName()}: migrate, seed, connect ${LOCATIONS.length} locations`);
    const dbName = benchDbName();
    await recreateDatabase(false);
    databaseCreated = true;
    await migratePostgresUrl(DB_URL);
    const seedHandle = await openPostgres(DB_URL, 1);
    try {
      await seedDemo(seedHandle.db);
    } finally {
      await seedHandle.close();
    }
    sql = postgres(DB_URL, { max: 2, onnotice: () => {} });
    const connected = await sql`
      UPDATE locations SET connection_status = 'connected'
      WHERE ghl_location_id = ANY(${LOCATIONS}) RETURNING id`;
    if (connected.length !== LOCATIONS.length)
      throw new Error(`connected ${connected.length} of ${LOCATIONS.length} demo locations`);

    // 2. The app, with a webhook key pair of the bench's own.
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(PORT),
      AUTH_SECRET: "bench-only-secret-that-is-long-enough-000",
      ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
      ENCRYPTION_KEY_ID: "bench",
      AUTH_URL: BASE,
      ENABLE_DEMO_LOGIN: "1",
      LOG_LEVEL: "warn",
      DATA_DIR: path.resolve(".data/bench-webhooks"),
      DATABASE_URL: DB_URL,
      BACKGROUND_DRIVER: "local",
      GHL_WEBHOOK_ED25519_PUBLIC_KEY: publicKey.export({ type: "spki", format: "pem" }).toString(),
    };
    const idleBefore = readCpu(undefined, dbName);
    await sleep(2_000);
    const background = cpuSplit(idleBefore, readCpu(undefined, dbName));
    if (background && background.other > 10)
      say(`note: the machine is ${background.other} % busy with other work; figures will be lower`);
    say(`next start on ${BASE} (BACKGROUND_DRIVER=local)`);
    server = await startServer(env);
    const serverPid = server.pid;

    // 3. Phase A: accepted per second.
    const bodies = (count: number) => {
      const started = performance.now();
      const pool = makePool(privateKey, count);
      return { pool, signMs: performance.now() - started };
    };
    const settle = async (label: string) => {
      const drained = await drain(sql as Sql);
      if (drained.pending > 0)
        say(
          `${label}: ${drained.pending} rows still unprocessed after ${DRAIN_TIMEOUT_MS / 1000} s`,
        );
      return drained;
    };

    say(`warm-up: ${WARMUP_SECONDS} s at ${CONNECTIONS[0]} connections`);
    const warm = bodies(WARMUP_SECONDS * 6_000);
    const warmup = await fire(warm.pool, {
      connections: CONNECTIONS[0],
      duration: WARMUP_SECONDS,
    });
    let estimate = Math.max(200, warmup.perSecond);
    await settle("warm-up");

    // With several connection counts: one short run each, then the fastest is measured.
    let connections = CONNECTIONS[0] ?? 64;
    const sweep: { connections: number; perSecond: number; p99: number }[] = [];
    if (CONNECTIONS.length > 1) {
      for (const c of CONNECTIONS) {
        const amount = Math.round(estimate * SWEEP_SECONDS);
        const { pool } = bodies(amount + c);
        const run = await fire(pool, { connections: c, amount });
        sweep.push({ connections: c, perSecond: run.perSecond, p99: run.p99 });
        say(`sweep: ${c} connections → ${fmt(run.perSecond)} 2xx/s, p99 ${run.p99} ms`);
        await settle("sweep");
      }
      connections =
        [...sweep].sort((a, b) => b.perSecond - a.perSecond)[0]?.connections ?? connections;
    }

    // `amount` (sized from the last rate to last ~A_SECONDS) lets every request finish, so the
    // 2xx'd webhookIds can be compared exactly with the rows.
    const aRuns: (LoadResult & {
      check: Awaited<ReturnType<typeof checkRows>>;
      drain: Awaited<ReturnType<typeof drain>>;
      cpu: CpuSplit | null;
      signMs: number;
      signedLate: number;
    })[] = [];
    let meanBytes = warm.pool.meanBytes;
    for (let run = 1; run <= A_RUNS; run++) {
      const amount = Math.round(estimate * A_SECONDS);
      const { pool, signMs } = bodies(Math.round(amount * 1.02) + connections);
      meanBytes = pool.meanBytes;
      say(`phase A run ${run}/${A_RUNS}: ${fmt(amount)} requests over ${connections} connections`);
      const cpuBefore = readCpu(serverPid, dbName);
      const result = await fire(pool, { connections, amount });
      const cpu = cpuSplit(cpuBefore, readCpu(serverPid, dbName));
      const check = await checkRows(sql, pool, result.accepted);
      const drained = await settle(`phase A run ${run}`);
      aRuns.push({ ...result, check, drain: drained, cpu, signMs, signedLate: pool.signedLate });
      say(
        `  ${fmt(result.perSecond)} 2xx/s over ${result.seconds} s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
          `429 ${result.s429}, 5xx ${result.s5xx}, errors ${result.errors}; rows ${check.rows}, lost ${check.missing}; ` +
          `backlog of ${fmt(drained.processed)} processed in ${fmt(drained.ms / 1000, 1)} s`,
      );
      say(`  CPU during the run: ${cpuText(cpu)}`);
      if (pool.signedLate > 0) say(`  (${pool.signedLate} bodies were signed during the run)`);
      estimate = Math.max(200, result.perSecond);
    }

    // 4. Phase B: a steady rate, then receipt→processed latency from the database.
    const bAmount = B_RATE * B_SECONDS;
    const { pool: bPool } = bodies(bAmount + B_STREAMS);
    say(
      `phase B: ${B_RATE}/s for ${B_SECONDS} s (${B_STREAMS} streams of ${B_RATE / B_STREAMS}/s, staggered)`,
    );
    const bCpuBefore = readCpu(serverPid, dbName);
    const streams = await Promise.all(
      Array.from({ length: B_STREAMS }, async (_, i) => {
        await sleep((1000 / B_STREAMS) * i);
        return fire(bPool, {
          connections: 1,
          overallRate: Math.round(B_RATE / B_STREAMS),
          amount: Math.round(bAmount / B_STREAMS),
        });
      }),
    );
    const bCpu = cpuSplit(bCpuBefore, readCpu(serverPid, dbName));
    const bAccepted = new Set(streams.flatMap((s) => [...s.accepted]));
    const bOk = streams.reduce((sum, s) => sum + s.ok, 0);
    const bSeconds = Math.max(...streams.map((s) => s.seconds));
    const bNon2xx = streams.reduce(
      (sum, s) => sum + s.s5xx + s.s429 + s.otherNon2xx + s.errors + s.timeouts,
      0,
    );
    const bCheck = await checkRows(sql, bPool, bAccepted);
    const bDrain = await settle("phase B");
    const like = `wh:${bPool.tag}-%`;
    const [latency] = await sql`
      SELECT
        count(*)::int AS rows,
        count(*) FILTER (WHERE status = 'processed')::int AS processed,
        count(*) FILTER (WHERE status <> 'processed')::int AS not_processed,
        1000 * percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at)) AS p50,
        1000 * percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at)) AS p95,
        1000 * percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at)) AS p99,
        1000 * max(extract(epoch FROM processed_at - received_at)) AS max
      FROM webhook_events WHERE dedup_key LIKE ${like}`;
    const [mirror] = await sql`
      SELECT
        count(*) FILTER (WHERE e.ghl_type = 'ContactUpdate')::int AS contact_events,
        count(*) FILTER (WHERE e.ghl_type = 'ContactUpdate' AND EXISTS (
          SELECT 1 FROM contacts c WHERE c.location_id = e.location_id AND c.ghl_id = e.ghl_object_id
        ))::int AS contacts,
        count(*) FILTER (WHERE e.ghl_type = 'OpportunityUpdate')::int AS opportunity_events,
        count(*) FILTER (WHERE e.ghl_type = 'OpportunityUpdate' AND EXISTS (
          SELECT 1 FROM opportunities o WHERE o.location_id = e.location_id AND o.ghl_id = e.ghl_object_id
        ))::int AS opportunities
      FROM webhook_events e WHERE e.dedup_key LIKE ${like}`;
    const statusRows = await sql`
      SELECT status, count(*)::int AS n FROM webhook_events WHERE dedup_key LIKE ${like} GROUP BY status`;

    // 5. The table.
    const medianRun = [...aRuns].sort((a, b) => a.perSecond - b.perSecond)[
      Math.floor(aRuns.length / 2)
    ];
    const med = {
      perSecond: median(aRuns.map((r) => r.perSecond)),
      p50: median(aRuns.map((r) => r.p50)),
      p99: median(aRuns.map((r) => r.p99)),
      drainRate: median(
        aRuns.map((r) => (r.drain.ms > 0 ? r.drain.processed / (r.drain.ms / 1000) : 0)),
      ),
    };
    const total = (pick: (r: (typeof aRuns)[number]) => number) =>
      aRuns.reduce((sum, r) => sum + pick(r), 0);
    const a5xx = total((r) => r.s5xx);
    const a429 = total((r) => r.s429);
    const aOther = total((r) => r.otherNon2xx + r.errors + r.timeouts);
    const aLost = total((r) => r.check.missing);
    const aUnacked = total((r) => r.check.unacknowledged);
    const aDupRows = total(
      (r) => r.check.rows - r.check.distinct + r.check.duplicateDeliveries + r.reportedDuplicates,
    );
    const aExact = aRuns.every(
      (r) => r.check.distinct === r.accepted.size && r.check.missing === 0,
    );
    const p95 = Number(latency?.p95 ?? Number.NaN);
    const mirrorOk =
      Number(mirror?.contacts) === Number(mirror?.contact_events) &&
      Number(mirror?.opportunities) === Number(mirror?.opportunity_events);
    const bLostOrDup = bCheck.missing + bCheck.rows - bCheck.distinct + bCheck.duplicateDeliveries;

    const rows: [string, string, string, string][] = [
      [
        `Phase A: accepted (2xx) per second, median of ${aRuns.length}`,
        fmt(med.perSecond),
        `≥ ${fmt(TARGET_ACCEPTED)} (PRD ${PRD_ACCEPTED})`,
        med.perSecond >= TARGET_ACCEPTED
          ? "pass"
          : med.perSecond >= PRD_ACCEPTED
            ? "MISSED (PRD met)"
            : "MISSED",
      ],
      ["Phase A: runs (2xx/s)", aRuns.map((r) => fmt(r.perSecond)).join(", "), "–", "–"],
      ["Phase A: HTTP latency p50 / p99 (median run)", `${med.p50} / ${med.p99} ms`, "–", "–"],
      ["Phase A: 5xx", fmt(a5xx), "0", a5xx === 0 ? "pass" : "FAIL"],
      ["Phase A: 429 (inbox could not keep up)", fmt(a429), "reported", "–"],
      [
        "Phase A: other non-2xx, errors, timeouts",
        fmt(aOther),
        "0",
        aOther === 0 ? "pass" : "FAIL",
      ],
      [
        "Phase A: rows = distinct 2xx'd webhookIds (lost / duplicate)",
        `${aExact && aUnacked === 0 ? "equal" : `${fmt(aUnacked)} rows without a 2xx`} (${aLost} / ${aDupRows})`,
        "equal (0 / 0)",
        aLost === 0 && aDupRows === 0 && aExact ? "pass" : "FAIL",
      ],
      ["Phase A: CPU, share of all cores (median run)", cpuText(medianRun?.cpu ?? null), "–", "–"],
      ["Worker: backlog processed per second after a run (median)", fmt(med.drainRate), "–", "–"],
      [
        `Phase B: receipt→processed P50 / P95 / P99 (${fmt(Number(latency?.rows ?? 0))} events)`,
        `${fmt(Number(latency?.p50 ?? 0))} / ${fmt(p95)} / ${fmt(Number(latency?.p99 ?? 0))} ms`,
        `P95 < ${fmt(TARGET_P95_MS)} ms`,
        p95 < TARGET_P95_MS && Number(latency?.not_processed) === 0 ? "pass" : "MISSED",
      ],
      ["Phase B: max receipt→processed", `${fmt(Number(latency?.max ?? 0))} ms`, "–", "–"],
      ["Phase B: CPU, share of all cores", cpuText(bCpu), "–", "–"],
      [
        `Phase B: achieved rate (2xx over ${bSeconds} s)`,
        `${fmt(bOk / bSeconds)}/s`,
        `${B_RATE}/s`,
        Math.abs(bOk / bSeconds - B_RATE) <= B_RATE * 0.1 ? "pass" : "MISSED",
      ],
      [
        "Phase B: rows processed / non-2xx / lost or duplicate",
        `${statusRows.map((r) => `${r.status} ${r.n}`).join(", ")} / ${bNon2xx} / ${bLostOrDup}`,
        `all processed / 0 / 0`,
        Number(latency?.not_processed) === 0 && bNon2xx === 0 && bLostOrDup === 0 ? "pass" : "FAIL",
      ],
      [
        "Phase B: mirror rows (contacts, opportunities)",
        `${mirror?.contacts}/${mirror?.contact_events}, ${mirror?.opportunities}/${mirror?.opportunity_events}`,
        "one per event",
        mirrorOk ? "pass" : "FAIL",
      ],
    ];

    const cpus = os.cpus();
    console.log(
      `\nGHL webhook intake benchmark (next start, PostgreSQL, BACKGROUND_DRIVER=local)\n`,
    );
    console.log(
      `Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), Node ${process.version}; ` +
        "the load generator, next start and PostgreSQL share these cores.",
    );
    console.log(
      `Phase A: ${connections} connections${sweep.length ? ` (fastest of ${sweep.map((s) => `${s.connections}: ${fmt(s.perSecond)}/s`).join(", ")})` : ""}, ` +
        `${aRuns.length} runs of ~${A_SECONDS} s (${aRuns.map((r) => `${r.seconds} s`).join(", ")}), each request a distinct ` +
        `signed ContactUpdate/OpportunityUpdate, mean body ${fmt(meanBytes)} bytes, spread over ${LOCATIONS.length} connected locations; ` +
        `the in-process worker mirrors concurrently, and each run starts with an empty backlog.`,
    );
    console.log(
      `Phase B: ${B_RATE}/s for ${B_SECONDS} s as ${B_STREAMS} staggered autocannon streams (overallRate ${B_RATE / B_STREAMS}/s each); ` +
        `latency = processed_at − received_at (both database now(): insert statement → processing transaction start); ` +
        `drained in ${fmt(bDrain.ms / 1000, 1)} s after the last request.`,
    );
    if (background)
      console.log(
        `Other work on the machine before the start: ${background.other} % of all cores.`,
      );
    console.log(
      `Server: DATABASE_POOL_MAX=${process.env.DATABASE_POOL_MAX ?? "10 (default)"}${CPU_PROF_DIR ? `, CPU profile in ${CPU_PROF_DIR}` : ""}.\n`,
    );
    console.log("| figure | value | target | result |");
    console.log("|---|---:|---:|---|");
    for (const [figure, value, target, result] of rows)
      console.log(`| ${figure} | ${value} | ${target} | ${result} |`);
    const missed = rows.filter(([, , , r]) => r.startsWith("MISSED") || r === "FAIL");
    console.log(
      missed.length === 0
        ? "\nAll targets met."
        : `\nTARGETS MISSED: ${missed.map(([f]) => f).join("; ")}`,
    );
  } finally {
    await cleanup();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
