/**
 * One "GHL Hub process" for the cross-process rate-limit test: a limiter on the shared PostgreSQL
 * database, and `HAMMER_WORKERS` loops calling `GET /contacts/` through `acquire()` for
 * `HAMMER_DURATION_MS`. Prints "ready", waits for "go" on stdin, and ends with one JSON line of
 * answer counts by status. Run with `node --import tsx server/ghl/testing/hammer.ts`.
 */
import { openPostgres } from "../../db/client";
import { createGhlRateLimiter } from "../rate-limiter";

const need = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const databaseUrl = need("HAMMER_DATABASE_URL");
const apiUrl = need("HAMMER_API_URL");
const token = need("HAMMER_TOKEN");
const locationId = need("HAMMER_LOCATION_ID");
const resourceKey = need("HAMMER_RESOURCE_KEY");
const durationMs = Number(process.env.HAMMER_DURATION_MS ?? 12_000);
const workers = Number(process.env.HAMMER_WORKERS ?? 8);

const waitForGo = () =>
  new Promise<void>((resolve) => {
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => {
      if (chunk.includes("go")) resolve();
    });
  });

const main = async () => {
  const handle = await openPostgres(databaseUrl, workers);
  const limiter = createGhlRateLimiter({ db: handle.db });
  const statuses: Record<string, number> = {};
  const url = new URL("/contacts/", apiUrl);
  url.searchParams.set("locationId", locationId);
  url.searchParams.set("limit", "1");

  process.stdout.write("ready\n");
  await waitForGo();
  const deadline = Date.now() + durationMs;
  const loop = async () => {
    while (Date.now() < deadline) {
      let slot;
      try {
        ({ slot } = await limiter.acquire(resourceKey, {
          maxWaitMs: Math.max(0, deadline - Date.now()),
        }));
      } catch {
        return;
      }
      const response = await fetch(url, {
        headers: {
          authorization: `Bearer ${token}`,
          version: "2021-07-28",
          accept: "application/json",
        },
      }).finally(() => {
        // As the HTTP core does: the restamp is written with others later, not waited for.
        void limiter.release(slot).catch(() => undefined);
      });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
  await handle.close();
  process.stdout.write(`${JSON.stringify({ statuses })}\n`);
  process.exit(0);
};

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
