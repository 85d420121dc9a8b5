// npm run bench:contacts – import throughput against the rate-limit ceiling (1 and 20 locations),
// and search on a mirror of a million contacts against the same searches asked of GHL.
// BENCH_ONLY=import or BENCH_ONLY=search runs one half.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { and, eq, gte, sql } from "drizzle-orm";

import { saveSnapshot } from "~/sandbox/control/snapshot";
import postgres from "postgres";

import { openPostgres } from "../../db/client";
import { migratePostgresUrl } from "../../db/migrate";
import { contactImportRows, ghlApiCalls, locations } from "../../db/schema";
import type { Db } from "../../db/types";
import {
  type BenchRow,
  printTable,
  runSearchBench,
} from "../../domains/contacts/bench/bench-search";
import { type GhlHttp, createGhlHttp } from "../../ghl/http";
import { createGhlRateLimiter } from "../../ghl/rate-limiter";
import { resetBreakers } from "../../ghl/resilience";
import { createGhlRuntime } from "../../ghl/runtime";
import { sourceOf } from "../../testing/byte-source";
import { adminConnection } from "../../testing/db-urls";
import { createAgencyFixture } from "../../testing/factories";
import { connectThroughOAuth, startGhlTestbed } from "../../testing/ghl";
import { ZImportOptions } from "../plan/import-options";
import { planImport } from "../plan/plan-import";
import { markRunning } from "../run/import-transitions";
import { runImportJob } from "../run/run-import-job";
import { traceSlots } from "./slot-trace";

// ── What is measured (env overrides for experiments) ────────────────────────────────────────────
/** Dropped and recreated: never the developer's DATABASE_URL. */
const DB_URL =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/ghlhub_bench_contacts";
/**
 * GHL's limit is 100 requests per 10 s per location. Scaled to 10 per 1 s: the same rate (so 20
 * locations ask the app for GHL's real 200 calls/s), a window ten times shorter so a run takes
 * seconds. The figure is a ratio to the ceiling. The app's clock-skew guard (200 ms of a 10 s
 * window) is scaled with the window.
 */
const BURST = Number(process.env.BENCH_BURST ?? 10);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 1_000);
const GUARD_MS = Math.round(WINDOW_MS * 0.02);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MANY = Number(process.env.BENCH_LOCATIONS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 12);

/** `off`: commits do not wait for the WAL flush (what limits many small commits on one disk). */
const SYNC_COMMIT_OFF = process.env.BENCH_SYNCHRONOUS_COMMIT === "off";

const TARGET_ONE = 0.95;
const TARGET_MANY = 0.9;
const SUMMIT = "SmmtGrwthPrtnrs00001";
const AUSTIN = "AustinDentalStudio01";

const say = (line: string) => console.log(`[bench] ${line}`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

// ── Database ────────────────────────────────────────────────────────────────────────────────────
const benchDbName = () => {
  const url = new URL(DB_URL);
  const name = url.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("BENCH_DATABASE_URL must name a simple database");
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

// ── The world: MANY locations connected to one agency, served by a sandbox in its own process ──
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 4_590);

/** The sandbox CLI in a child process (the app and the sandbox each get a core), from a snapshot. */
const startSandboxProcess = async (snapshot: string, keysFile: string) => {
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/cli.ts"], {
    env: {
      ...process.env,
      SANDBOX_PORT: String(SANDBOX_PORT),
      SANDBOX_SNAPSHOT: snapshot,
      SANDBOX_KEYS_FILE: keysFile,
      SANDBOX_SEED: "bench-contacts",
      SANDBOX_RATE_BURST: String(BURST),
      SANDBOX_RATE_WINDOW_MS: String(WINDOW_MS),
      SANDBOX_RATE_DAILY: "100000000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the sandbox exited (${code})`)));
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening")) resolve();
    });
  });
  return { url: `http://127.0.0.1:${SANDBOX_PORT}`, stop: () => child.kill("SIGTERM") };
};

const setUp = async (db: Db, dir: string) => {
  const bed = await startGhlTestbed(db, {
    seed: "bench-contacts",
    rateLimit: { burst: BURST, windowMs: WINDOW_MS, daily: 100_000_000 },
  });
  const { state } = bed.sandbox.sandbox;
  const base = state.locations.get(AUSTIN);
  if (!base) throw new Error("the sandbox has no demo location to copy");
  const ghlIds = [AUSTIN];
  for (let i = 1; i < MANY; i++) {
    const id = `BenchLocation${String(i).padStart(7, "0")}`;
    state.locations.set(id, { ...base, id, name: `Bench location ${i}` });
    ghlIds.push(id);
  }
  const fx = await createAgencyFixture(db);
  await connectThroughOAuth(
    bed,
    { agencyId: fx.agency.id, userId: fx.owner.id },
    { companyId: SUMMIT, locations: ghlIds },
  );
  // The world, tokens included, moves to a sandbox process of its own.
  const snapshot = path.join(dir, "sandbox.json");
  saveSnapshot(bed.sandbox.sandbox, snapshot);
  await bed.close();
  const sandbox = await startSandboxProcess(snapshot, path.join(dir, "keys.json"));
  const runtime = createGhlRuntime({
    db,
    cipher: bed.runtime.cipher,
    config: {
      ...bed.runtime.config,
      apiBaseUrl: sandbox.url,
      oauthBaseUrl: sandbox.url,
      rateLimit: { burst: BURST, windowMs: WINDOW_MS },
    },
  });
  const slots = traceSlots(
    createGhlRateLimiter({ db, burst: BURST, windowMs: WINDOW_MS, guardMs: GUARD_MS }),
    { burst: BURST, windowMs: WINDOW_MS, guardMs: GUARD_MS },
  );
  const { limiter } = slots;
  const core = createGhlHttp({
    apiBaseUrl: sandbox.url,
    tokens: runtime.tokens,
    limiter,
    callLog: runtime.callLog,
  });
  // When each write's answer came back, per location: the rows' own timestamps are batched.
  const answered = new Map<string, number[]>();
  const http: GhlHttp = {
    request: async (call) => {
      // Every call the job makes counts against the location's budget, not only the upserts.
      const answer = await core.request(call);
      const times = answered.get(call.target.resourceKey) ?? [];
      times.push(Date.now());
      answered.set(call.target.resourceKey, times);
      return answer;
    },
  };
  // Every 429 GHL (the sandbox) answers, counted on the wire, retried ones included.
  let refused = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
    const response = await realFetch(...args);
    // Contact writes only: minting location tokens shares the agency's budget, not the location's.
    if (response.status === 429 && response.url.includes("/contacts")) refused++;
    return response;
  };
  const rows = await db
    .select({ id: locations.id, name: locations.name, ghlLocationId: locations.ghlLocationId })
    .from(locations)
    .where(eq(locations.agencyId, fx.agency.id));
  const byGhlId = new Map(rows.map((r) => [r.ghlLocationId, r]));
  const appLocations = ghlIds.map((id) => {
    const row = byGhlId.get(id);
    if (!row) throw new Error(`${id} did not connect`);
    return { ...row, connectionStatus: "connected" };
  });
  return {
    fx,
    runtime: { ...runtime, limiter, http },
    appLocations,
    refused: () => refused,
    answered,
    slots,
    stop: () => {
      globalThis.fetch = realFetch;
      sandbox.stop();
    },
  };
};

type World = Awaited<ReturnType<typeof setUp>>;

// ── One measured import ─────────────────────────────────────────────────────────────────────────
const ceilingPerSecond = (BURST / WINDOW_MS) * 1000;

const runImport = async (
  db: Db,
  world: World,
  locationCount: number,
  run: string,
  perLocation = Math.ceil(ceilingPerSecond * SECONDS + BURST),
) => {
  const chosen = world.appLocations.slice(0, locationCount);
  const lines = ["Email,First Name,Location"];
  for (const location of chosen)
    for (let i = 0; i < perLocation; i++)
      lines.push(`${run}-${i}@${location.id.slice(0, 8)}.bench,Row ${i},${location.name}`);
  const plan = await planImport({
    db,
    agencyId: world.fx.agency.id,
    userId: world.fx.owner.id,
    fileName: `${run}.csv`,
    open: sourceOf(`${lines.join("\n")}\n`),
    encoding: "utf-8",
    mapping: { "0": "email", "1": "firstName", "2": "location" },
    options: ZImportOptions.parse({ location: { mode: "column" } }),
    locations: chosen,
  });
  // The plan's own calls (field definitions) are not the run's: the run starts on a clear window.
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + GUARD_MS));
  world.answered.clear();
  world.slots.clear();
  const refusedBefore = world.refused();
  const started = new Date();
  const ids =
    (await markRunning(db, { agencyId: world.fx.agency.id, importId: plan.importId })) ?? [];
  await Promise.all(
    ids.map((locationId) =>
      runImportJob(
        { db, ghl: () => Promise.resolve(world.runtime) },
        { importId: plan.importId, locationId, mode: "run" },
        { concurrency: CONCURRENCY },
      ),
    ),
  );
  await world.runtime.callLog.flush();
  const [written] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contactImportRows)
    .where(
      and(eq(contactImportRows.importId, plan.importId), eq(contactImportRows.outcome, "created")),
    );
  const finishes = [...world.answered.values()];
  world.answered.clear();
  const [retried] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ghlApiCalls)
    .where(
      and(
        eq(ghlApiCalls.agencyId, world.fx.agency.id),
        gte(ghlApiCalls.createdAt, started),
        sql`(${ghlApiCalls.status} = 429 or ${ghlApiCalls.attempts} > 1)`,
      ),
    );
  // GHL admits `BURST` requests in any `WINDOW_MS`, so the fastest any client can make a location's
  // n calls (the rows' upserts and the job's few lookups) is call i at floor(i / BURST) windows
  // after the first. The figure is that time over the time taken, first answer to last, every
  // location included (they ran in parallel).
  const calls = Math.max(...finishes.map((times) => times.length));
  const ideal = Math.floor((calls - 1) / BURST) * WINDOW_MS;
  const first = Math.min(...finishes.map((times) => Math.min(...times)));
  const last = Math.max(...finishes.map((times) => Math.max(...times)));
  const ratio = finishes.length === locationCount && last > first ? ideal / (last - first) : 0;
  return {
    rows: written?.n ?? 0,
    expected: perLocation * locationCount,
    rate: ratio * ceilingPerSecond * locationCount,
    ratio,
    refused: world.refused() - refusedBefore,
    retried: retried?.n ?? 0,
    trace: world.slots.summary(),
  };
};

// ── Import half ─────────────────────────────────────────────────────────────────────────────────
const runImportBench = async (): Promise<BenchRow[]> => {
  say(
    `PostgreSQL ${DB_URL}; sandbox limit ${BURST} requests / ${WINDOW_MS} ms per location (ceiling ${ceilingPerSecond}/s); ${RUNS} runs of ~${SECONDS} s; ${CONCURRENCY} rows in flight per location`,
  );
  await recreateDatabase(false);
  await migratePostgresUrl(DB_URL);
  if (SYNC_COMMIT_OFF) {
    const admin = postgres({ ...adminConnection(DB_URL), onnotice: () => {} });
    await admin.unsafe(`ALTER DATABASE ${benchDbName()} SET synchronous_commit = off`);
    await admin.end();
  }
  const handle = await openPostgres(DB_URL, 40);
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-contacts-"));
  let world: World | null = null;
  try {
    world = await setUp(handle.db, dir);
    resetBreakers();
    // Warm-up, not measured: every location's token is minted and every code path is compiled,
    // batched writes (25 rows) and heartbeats (2 s) included: three windows' worth per location.
    await runImport(handle.db, world, MANY, "warmup", BURST * 3);
    const results: Record<"one" | "many", Awaited<ReturnType<typeof runImport>>[]> = {
      one: [],
      many: [],
    };
    for (let run = 0; run < RUNS; run++) {
      const tag = randomBytes(3).toString("hex");
      const one = await runImport(handle.db, world, 1, `one${tag}`);
      say(
        `run ${run + 1}, 1 location: ${one.rows}/${one.expected} rows, ${one.rate.toFixed(1)}/s = ${pct(one.ratio)} of the ceiling, 429s ${one.refused}`,
      );
      say(`  ${one.trace}`);
      results.one.push(one);
      const many = await runImport(handle.db, world, MANY, `many${tag}`);
      say(
        `run ${run + 1}, ${MANY} locations: ${many.rows}/${many.expected} rows, ${many.rate.toFixed(1)}/s = ${pct(many.ratio)} of ${MANY} × ceiling, 429s ${many.refused}`,
      );
      say(`  ${many.trace}`);
      results.many.push(many);
    }
    return [
      [
        "1 location: throughput / ceiling",
        pct(median(results.one.map((r) => r.ratio))),
        `≥ ${pct(TARGET_ONE)}`,
        median(results.one.map((r) => r.ratio)) >= TARGET_ONE ? "pass" : "missed",
      ],
      [
        "1 location: 429s from GHL",
        String(median(results.one.map((r) => r.refused))),
        "0",
        median(results.one.map((r) => r.refused)) === 0 ? "pass" : "missed",
      ],
      [
        `${MANY} locations: throughput / (${MANY} × ceiling)`,
        pct(median(results.many.map((r) => r.ratio))),
        `≥ ${pct(TARGET_MANY)}`,
        median(results.many.map((r) => r.ratio)) >= TARGET_MANY ? "pass" : "missed",
      ],
      [
        `${MANY} locations: 429s from GHL`,
        String(median(results.many.map((r) => r.refused))),
        "0",
        median(results.many.map((r) => r.refused)) === 0 ? "pass" : "missed",
      ],
      [
        "rows written / rows planned",
        `${results.many.every((r) => r.rows === r.expected) && results.one.every((r) => r.rows === r.expected) ? "all" : "some missing"}`,
        "all",
        results.many.every((r) => r.rows === r.expected) ? "pass" : "missed",
      ],
    ];
  } finally {
    await world?.runtime.callLog.flush().catch(() => undefined);
    world?.stop();
    await rm(dir, { recursive: true, force: true });
    await handle.close();
    await recreateDatabase(true);
  }
};

// ── Main ────────────────────────────────────────────────────────────────────────────────────────
const ONLY = process.env.BENCH_ONLY;

const main = async () => {
  if (ONLY !== undefined && ONLY !== "import" && ONLY !== "search")
    throw new Error("BENCH_ONLY must be import or search (unset: both)");
  const rows: BenchRow[] = [];
  if (ONLY !== "search") rows.push(...(await runImportBench()));
  if (ONLY !== "import") rows.push(...(await runSearchBench()));
  printTable([["figure (median)", "value", "target", "result"], ...rows]);
  finished = true;
};

// A query whose connection is closed under it (another run dropping the database) can leave
// nothing to wait for: say so instead of exiting 0 with half a report.
let finished = false;
process.on("beforeExit", () => {
  if (finished) return;
  console.error("[bench] stopped before finishing: a database connection was closed mid-query?");
  process.exit(1);
});

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
