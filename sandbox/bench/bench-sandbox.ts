// npm run bench:sandbox – requests/s the sandbox serves on one core, and the 1,000,000-contact seed
import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

import autocannon from "autocannon";

const PORT = 4099;
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = 3;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const startServer = async (): Promise<ChildProcess> => {
  // One core for the sandbox, so the load generator (this process) does not compete with it.
  // taskset execs node itself, so killing this child stops the sandbox (npx would leave it behind).
  const child = spawn(
    "taskset",
    ["-c", "0", process.execPath, "--import", "tsx", "sandbox/cli.ts"],
    {
      env: {
        ...process.env,
        SANDBOX_PORT: String(PORT),
        SANDBOX_RATE_BURST: "1000000000",
        SANDBOX_RATE_DAILY: "1000000000",
        SANDBOX_KEYS_FILE: ".data/sandbox/bench-keys.json",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/_sandbox/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  child.kill();
  throw new Error("sandbox did not start");
};

const post = async (path: string, body: unknown) => {
  const response = await fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
};

const load = async (title: string, options: autocannon.Options) => {
  const results: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const result = await autocannon({
      connections: 32,
      pipelining: 1,
      duration: DURATION_S,
      ...options,
    });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    results.push(result.requests.average);
  }
  return { title, median: median(results), runs: results };
};

const main = async () => {
  const server = await startServer();
  try {
    const { token } = (await post("/_sandbox/pit", { locationId: "AustinDentalStudio01" })) as {
      token: string;
    };
    const headers = {
      authorization: `Bearer ${token}`,
      version: "2021-07-28",
      "content-type": "application/json",
    };
    const list = await fetch(`${BASE}/contacts/?locationId=AustinDentalStudio01&limit=1`, {
      headers,
    });
    const contactId = ((await list.json()) as { contacts: { id: string }[] }).contacts[0]?.id ?? "";

    const rows = [
      await load("GET /contacts/{id}", { url: `${BASE}/contacts/${contactId}`, headers }),
      await load("POST /contacts/search (20 per page)", {
        url: `${BASE}/contacts/search`,
        method: "POST",
        headers,
        body: JSON.stringify({ locationId: "AustinDentalStudio01", pageLimit: 20 }),
      }),
    ];

    const scale = (await post("/_sandbox/seed/scale", { count: 1_000_000 })) as {
      ms: number;
      heapUsedMb: number;
      locationId: string;
    };
    const deepPage = await fetch(`${BASE}/contacts/search`, {
      method: "POST",
      headers: {
        ...headers,
        authorization: `Bearer ${((await post("/_sandbox/pit", { locationId: scale.locationId })) as { token: string }).token}`,
      },
      body: JSON.stringify({
        locationId: scale.locationId,
        pageLimit: 100,
        sort: [{ field: "dateUpdated", direction: "asc" }],
        searchAfter: [Date.now() - 10, "x"],
      }),
    });

    console.log(
      "\nGHL sandbox benchmark (sandbox pinned to one core; medians of",
      RUNS,
      "runs of",
      DURATION_S,
      "s)\n",
    );
    console.log("| metric | median | runs | target |");
    console.log("|---|---:|---|---:|");
    const [simple, search] = rows;
    const runs = (row: typeof simple) => row?.runs.map((r) => Math.round(r)).join(", ") ?? "";
    console.log(
      `| ${simple?.title} req/s, a simple request | ${Math.round(simple?.median ?? 0)} | ${runs(simple)} | ≥ 3000 |`,
    );
    console.log(
      `| ${search?.title} req/s, ~17 KB answers | ${Math.round(search?.median ?? 0)} | ${runs(search)} | – |`,
    );
    console.log(
      `| seed 1,000,000 contacts in one location | ${(scale.ms / 1000).toFixed(1)} s | – | < 30 s |`,
    );
    console.log(`| sandbox heap after the seed | ${scale.heapUsedMb} MB | – | stated |`);
    console.log(`| deep searchAfter page at 1M contacts | HTTP ${deepPage.status} | – | 200 |`);
    const failed = (simple?.median ?? 0) < 3000 || scale.ms > 30_000;
    if (failed) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
