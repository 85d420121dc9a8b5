// The search half of `npm run bench:contacts`: the dashboard's searches on a mirror of 1,000,000
// contacts in one location, and the same searches asked of GHL (the sandbox, 150 ms away).
import os from "node:os";

import { and, eq } from "drizzle-orm";
import postgres from "postgres";

import { openPostgres } from "../../../db/client";
import { migratePostgresUrl } from "../../../db/migrate";
import { locations } from "../../../db/schema";
import type { Db } from "../../../db/types";
import { adminConnection } from "../../../testing/db-urls";
import { callerFor, createAgencyFixture } from "../../../testing/factories";
import { connectThroughOAuth, startGhlTestbed } from "../../../testing/ghl";
import { FILL_TAGS, fillMirrorContacts } from "./fill-mirror";
import { createTimings, median, ms, percentile } from "./latency";
import { ghlSearcher, sandboxSamples, seedSandboxContacts } from "./sandbox-side";
import { KINDS, PAGE_SIZE, type Samples, casesFor } from "./search-cases";

/** Dropped at the end: never the developer's DATABASE_URL. Named per process, so runs never collide. */
const DB_URL =
  process.env.BENCH_SEARCH_DATABASE_URL ??
  `postgres://postgres@127.0.0.1:5432/ghlhub_bench_search_${process.pid}`;
const MIRROR_ROWS = Number(process.env.BENCH_SEARCH_ROWS ?? 1_000_000);
const SANDBOX_ROWS = Number(process.env.BENCH_SEARCH_SANDBOX_ROWS ?? 10_000);
const LATENCY_MS = Number(process.env.BENCH_SEARCH_LATENCY_MS ?? 150);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/**
 * Per kind and run (×3 runs: 210 mirror searches of each kind). GHL is asked one search at a
 * time, as a person types, ~170 ms each: fewer, to keep the bench under three minutes.
 */
const QUERIES = Number(process.env.BENCH_SEARCH_QUERIES ?? 70);
const GHL_QUERIES = Number(process.env.BENCH_SEARCH_GHL_QUERIES ?? 8);
const WARMUP = 10;
const TARGET_P95_MS = 50;
const SUMMIT = "SmmtGrwthPrtnrs00001";
const AUSTIN = "AustinDentalStudio01";

const say = (line: string) => console.log(`[bench:search] ${line}`);

const benchDatabase = () => {
  const url = new URL(DB_URL);
  const name = url.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name))
    throw new Error("BENCH_SEARCH_DATABASE_URL must name a simple database");
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname))
    throw new Error("BENCH_SEARCH_DATABASE_URL must be a local server (the database is dropped)");
  const admin = async (statement: string) => {
    const sql = postgres({ ...adminConnection(DB_URL), onnotice: () => {} });
    try {
      await sql.unsafe(statement);
    } finally {
      await sql.end();
    }
  };
  return {
    create: async () => {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${name}`);
      await migratePostgresUrl(DB_URL);
    },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
};

/** The agency, its location connected to the sandbox over OAuth, GHL's copy of its contacts. */
const setUp = async (db: Db) => {
  const bed = await startGhlTestbed(db, { seed: "bench-search" });
  const { fields } = seedSandboxContacts(bed.sandbox, AUSTIN, SANDBOX_ROWS);
  const fx = await createAgencyFixture(db);
  await connectThroughOAuth(
    bed,
    { agencyId: fx.agency.id, userId: fx.owner.id },
    { companyId: SUMMIT, locations: [AUSTIN] },
  );
  const [location] = await db
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.agencyId, fx.agency.id), eq(locations.ghlLocationId, AUSTIN)));
  if (!location) throw new Error(`${AUSTIN} did not connect`);
  const choice = fields.find((f) => f.dataType === "SINGLE_OPTIONS");
  const score = fields.find((f) => f.dataType === "NUMERICAL");
  if (!choice || !score) throw new Error("the sandbox location has no option or number field");
  return {
    bed,
    fx,
    locationId: location.id,
    field: { id: choice.id, values: choice.picklistOptions },
    score: { id: score.id, values: Array.from({ length: 100 }, (_, i) => i) },
  };
};

type World = Awaited<ReturnType<typeof setUp>>;

/** Emails and phones of live mirror rows spread over the location. */
const mirrorSamples = async (sql: postgres.Sql, world: World): Promise<Samples> => {
  const rows = await sql<{ email: string | null; phone: string | null }[]>`
    select email, phone from contacts
    where location_id = ${world.locationId} and deleted_at is null
      and ghl_id = any(${Array.from(
        { length: 200 },
        (_, i) => `mirror${String(1 + ((i * 4_999) % MIRROR_ROWS)).padStart(12, "0")}`,
      )})`;
  return {
    emails: rows.flatMap((r) => (r.email ? [r.email] : [])),
    phones: rows.flatMap((r) => (r.phone ? [r.phone] : [])),
    tags: FILL_TAGS,
    field: world.field,
  };
};

const summarize = (runs: ReturnType<typeof createTimings>[], kind?: string) => {
  const of = (t: ReturnType<typeof createTimings>) => (kind ? t.of(kind) : t.all());
  return {
    p50: median(runs.map((t) => percentile(of(t), 0.5))),
    p95: median(runs.map((t) => percentile(of(t), 0.95))),
    n: runs.reduce((sum, t) => sum + of(t).length, 0),
  };
};

export type BenchRow = [figure: string, value: string, target: string, result: string];

export const printTable = (rows: string[][]) => {
  const widths = (rows[0] ?? []).map((_, col) =>
    Math.max(...rows.map((row) => (row[col] ?? "").length)),
  );
  console.log("");
  for (const row of rows)
    console.log(`  ${row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join("  ")}`);
  console.log("");
};

const measure = async (world: World, db: Db, samples: Samples) => {
  const caller = callerFor(db, world.fx.owner.id);
  const ask = (mirror: ReturnType<typeof casesFor>[number]["mirror"]) =>
    mirror.kind === "searchAll"
      ? caller.contacts.searchAll({ search: mirror.search, pageSize: PAGE_SIZE })
      : caller.contacts.list({
          locationId: world.locationId,
          search: mirror.search,
          sort: mirror.sort,
          direction: mirror.direction,
          filters: mirror.filters,
          page: mirror.page,
          pageSize: PAGE_SIZE,
        });
  // Warm-up, not measured; also checks every kind finds something.
  const found = new Map<string, number>();
  for (let i = 0; i < WARMUP; i++)
    for (const c of casesFor(samples, i))
      found.set(
        c.kind,
        Math.min(found.get(c.kind) ?? PAGE_SIZE, (await ask(c.mirror)).items.length),
      );
  const runs: ReturnType<typeof createTimings>[] = [];
  for (let run = 0; run < RUNS; run++) {
    const timings = createTimings();
    // Kinds interleaved, so a noisy moment on the machine does not land on one kind.
    for (let i = 0; i < QUERIES; i++)
      for (const c of casesFor(samples, run * QUERIES + i))
        await timings.time(c.kind, () => ask(c.mirror));
    const all = summarize([timings]);
    say(`mirror run ${run + 1}: ${all.n} searches, P50 ${ms(all.p50)}, P95 ${ms(all.p95)}`);
    runs.push(timings);
  }
  return { runs, found };
};

const measureGhl = async (world: World, db: Db) => {
  const search = await ghlSearcher({
    db,
    tenant: { agencyId: world.fx.agency.id, locationId: world.locationId },
    ghl: world.bed.ghl,
  });
  const tags = FILL_TAGS.filter((t) => !["whitening lead", "invisalign"].includes(t));
  const samples = sandboxSamples(world.bed.sandbox, AUSTIN, world.field, tags);
  const found = new Map<string, number>();
  for (const c of casesFor(samples, 0))
    if (c.ghl) found.set(c.kind, (await search(c.ghl)).contacts.length);
  world.bed.sandbox.control.faults.set({ latency: { fixedMs: LATENCY_MS, jitterMs: 0 } });
  const runs: ReturnType<typeof createTimings>[] = [];
  for (let run = 0; run < RUNS; run++) {
    const timings = createTimings();
    for (let i = 0; i < GHL_QUERIES; i++)
      for (const c of casesFor(samples, run * GHL_QUERIES + i)) {
        const ask = c.ghl;
        if (ask) await timings.time(c.kind, () => search(ask));
      }
    const all = summarize([timings]);
    say(`sandbox run ${run + 1}: ${all.n} searches, P50 ${ms(all.p50)}, P95 ${ms(all.p95)}`);
    runs.push(timings);
  }
  world.bed.sandbox.control.faults.clear();
  return { runs, found };
};

/** Runs the search bench on a database of its own (dropped at the end); returns the summary rows. */
export const runSearchBench = async (): Promise<BenchRow[]> => {
  const started = Date.now();
  say(
    `PostgreSQL ${DB_URL}; ${MIRROR_ROWS.toLocaleString("en-US")} mirror contacts in one location; ` +
      `sandbox copy of ${SANDBOX_ROWS.toLocaleString("en-US")} with ${LATENCY_MS} ms injected latency; ` +
      `${RUNS} runs of ${QUERIES} (mirror) and ${GHL_QUERIES} (sandbox) searches per kind`,
  );
  const database = benchDatabase();
  await database.create();
  const handle = await openPostgres(DB_URL, 10);
  const admin = postgres(DB_URL, { max: 1, onnotice: () => {} });
  let world: World | null = null;
  try {
    world = await setUp(handle.db);
    const fillStarted = Date.now();
    await fillMirrorContacts(admin, {
      agencyId: world.fx.agency.id,
      locationId: world.locationId,
      count: MIRROR_ROWS,
      ghlIdPrefix: "mirror",
      fields: [world.field, world.score],
    });
    const fillSeconds = (Date.now() - fillStarted) / 1000;
    say(
      `filled and indexed ${MIRROR_ROWS.toLocaleString("en-US")} rows in ${fillSeconds.toFixed(1)} s`,
    );
    const load = os.loadavg()[0] ?? 0;
    const mirror = await measure(world, handle.db, await mirrorSamples(admin, world));
    const ghl = await measureGhl(world, handle.db);
    const loadAfter = os.loadavg()[0] ?? 0;

    const head = [
      "kind",
      "mirror P50",
      "mirror P95",
      "sandbox P50",
      "sandbox P95",
      "rows on a page (min, mirror / GHL)",
    ];
    const detail = [head];
    for (const kind of Object.keys(KINDS)) {
      const m = summarize(mirror.runs, kind);
      const g = summarize(ghl.runs, kind);
      const rows = `${mirror.found.get(kind) ?? 0} / ${ghl.found.get(kind) ?? "-"}`;
      detail.push([kind, ms(m.p50), ms(m.p95), ms(g.p50), ms(g.p95), rows]);
    }
    const m = summarize(mirror.runs);
    const g = summarize(ghl.runs);
    detail.push(["all kinds", ms(m.p50), ms(m.p95), ms(g.p50), ms(g.p95), ""]);
    say(
      `medians of ${RUNS} runs; ${m.n} mirror and ${g.n} sandbox searches; 1-min load average ` +
        `${load.toFixed(1)} → ${loadAfter.toFixed(1)} on ${os.cpus().length} cores; ` +
        `${((Date.now() - started) / 1000).toFixed(0)} s in all`,
    );
    printTable(detail);
    return [
      [
        `search P95, ${MIRROR_ROWS.toLocaleString("en-US")} mirror rows, all kinds`,
        ms(m.p95),
        `< ${TARGET_P95_MS} ms`,
        m.p95 < TARGET_P95_MS ? "pass" : "missed",
      ],
      [`same searches on GHL (sandbox, +${LATENCY_MS} ms), P95`, ms(g.p95), "(reference)", "-"],
      ["GHL P95 / mirror P95", `${(g.p95 / m.p95).toFixed(1)}×`, "(reported)", "-"],
    ];
  } finally {
    await world?.bed.close().catch(() => undefined);
    await admin.end();
    await handle.close();
    await database.drop();
  }
};
