import { type Server, type Socket, createServer, connect } from "node:net";
import type { AddressInfo } from "node:net";

import { drizzle } from "drizzle-orm/postgres-js";
import { inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as schema from "../db/schema";
import { webhookEvents } from "../db/schema";
import { APP_DB_ROLE } from "../db/types";
import { type TestDb, createTestDb } from "../testing/db";
import { handleGhlWebhook } from "./intake";
import { createTestPipeline } from "./testing/pipeline";
import { ghlBody, signedRequest } from "./testing/signer";

type Mode = "up" | "blackhole" | "refuse";

/** A TCP hop between the app and PostgreSQL that can hang or refuse, like a failing database. */
const startFlakyProxy = async (target: { host: string; port: number }) => {
  let mode: Mode = "up";
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    if (mode === "refuse") return client.destroy();
    if (mode === "blackhole") return; // accepted, never answered
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    set(next: Mode) {
      mode = next;
      // Cut every open connection: the pool must reconnect through the new behaviour.
      for (const socket of sockets) socket.destroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe.runIf(process.env.DATABASE_URL)("the database fails during a burst", () => {
  let t: TestDb;
  let proxy: Awaited<ReturnType<typeof startFlakyProxy>>;
  let sqlClient: postgres.Sql;
  beforeAll(async () => {
    t = await createTestDb();
    const url = new URL(t.url!);
    proxy = await startFlakyProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    sqlClient = postgres(url.toString(), {
      max: 4,
      connect_timeout: 2,
      onnotice: () => {},
      connection: { role: APP_DB_ROLE },
    });
  });
  afterAll(async () => {
    await sqlClient?.end({ timeout: 1 });
    await proxy?.close();
    await t?.close();
  });

  it("answers every delivery 429 while it is down, never 2xx or 5xx, and stores each once after", async () => {
    const { pipeline, signer } = createTestPipeline(drizzle(sqlClient, { schema }));
    const bodies = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) =>
        ghlBody("ContactUpdate", { locationId: "OutageLocation000001", id: `${tag}-${i}` }),
      );
    const deliver = async (body: string) => {
      const started = Date.now();
      const response = await handleGhlWebhook(signedRequest(signer, body), pipeline.intake);
      const json = (await response.json()) as { id?: string };
      return {
        status: response.status,
        id: json.id,
        ms: Date.now() - started,
        body,
        retryAfter: response.headers.get("retry-after"),
      };
    };

    const before = await Promise.all(bodies(100, "before").map(deliver));
    expect(new Set(before.map((r) => r.status))).toEqual(new Set([200]));

    proxy.set("blackhole");
    const hung = await Promise.all(bodies(150, "hung").map(deliver));
    proxy.set("refuse");
    const refused = await Promise.all(bodies(150, "refused").map(deliver));
    const during = [...hung, ...refused];
    expect(new Set(during.map((r) => r.status))).toEqual(new Set([429]));
    expect(new Set(during.map((r) => r.retryAfter))).toEqual(new Set(["60"]));
    // GHL waits at most seconds for an answer; a hung database must not hold the request.
    expect(Math.max(...hung.map((r) => r.ms))).toBeLessThan(5_000);

    proxy.set("up");
    // GHL retries every 429: all of them are stored now, once each.
    const resent = await Promise.all(during.map((r) => deliver(r.body)));
    expect(new Set(resent.map((r) => r.status))).toEqual(new Set([200]));

    const acknowledged = [...before, ...resent].map((r) => r.id!);
    const [counts] = await t.db
      .select({
        rows: sql<number>`count(*)::int`,
        keys: sql<number>`count(distinct ${webhookEvents.dedupKey})::int`,
      })
      .from(webhookEvents);
    expect(counts).toEqual({ rows: 400, keys: 400 });
    // Every 200 names a committed row.
    const found = await t.db
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(inArray(webhookEvents.id, acknowledged));
    expect(found).toHaveLength(new Set(acknowledged).size);
    await pipeline.stop();
  }, 60_000);
});
