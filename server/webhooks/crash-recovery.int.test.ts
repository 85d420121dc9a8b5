import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contacts, locations, webhookEvents } from "../db/schema";
import { createAgencyFixture } from "../testing/factories";
import { type TestDb, createTestDb } from "../testing/db";
import { createTestSigner, ghlBody } from "./testing/signer";

const EVENTS = 5_000;
const SENDERS = 32;

type Receiver = { child: ChildProcessWithoutNullStreams; port: number };

const startReceiver = async (databaseUrl: string, pem: string): Promise<Receiver> => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "server/webhooks/testing/webhook-server-cli.ts"],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        TEST_WEBHOOK_ED25519_PEM: pem,
        LOG_LEVEL: "silent",
      },
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = String((await lines.next()).value ?? "");
  const port = Number(/^listening (\d+)$/.exec(first)?.[1]);
  if (!port) throw new Error(`receiver did not start: ${first} ${stderr}`);
  return { child, port };
};

// A killed process and a second one on the same data need PostgreSQL: PGlite belongs to one process.
describe.runIf(process.env.DATABASE_URL)("kill -9 in the middle of a burst", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });

  it(`loses nothing: ${EVENTS} webhooks from a sender that resends anything unacknowledged are stored once and processed once`, async () => {
    const fx = await createAgencyFixture(t.db);
    const [location] = await t.db
      .update(locations)
      .set({ connectionStatus: "connected" })
      .where(eq(locations.id, fx.locations[0].id))
      .returning({ ghlLocationId: locations.ghlLocationId });
    const signer = createTestSigner();
    const bodies = Array.from({ length: EVENTS }, (_, i) =>
      ghlBody("ContactCreate", {
        locationId: location!.ghlLocationId,
        id: `crash${String(i).padStart(15, "0")}`,
        firstName: `Contact ${i}`,
      }),
    );
    const signatures = bodies.map((body) => signer.ed25519(body));

    let receiver = await startReceiver(t.url!, signer.publicKeyPem);
    let acknowledged = 0;
    let refused = 0;
    let unanswered = 0;
    let killed = false;
    let restarted: Promise<void> | null = null;

    // At-least-once sender: anything not answered 2xx (error, 429, dropped connection) is sent again.
    const sendUntilAcknowledged = async (i: number) => {
      for (;;) {
        try {
          const response = await fetch(`http://127.0.0.1:${receiver.port}/api/webhooks/ghl`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-ghl-signature": signatures[i]! },
            body: bodies[i],
            signal: AbortSignal.timeout(10_000),
          });
          await response.arrayBuffer();
          if (response.status >= 500) throw new Error(`receiver answered ${response.status}`);
          if (response.ok) {
            acknowledged++;
            return;
          }
          refused++;
        } catch (error) {
          if (error instanceof Error && error.message.startsWith("receiver answered")) throw error;
          unanswered++;
        }
        await (restarted ?? new Promise((resolve) => setTimeout(resolve, 50)));
      }
    };

    let next = 0;
    const sender = async () => {
      while (next < EVENTS) {
        const i = next++;
        await sendUntilAcknowledged(i);
        if (!killed && acknowledged >= EVENTS / 3) {
          killed = true;
          receiver.child.kill("SIGKILL");
          restarted = (async () => {
            await new Promise((resolve) => receiver.child.once("exit", resolve));
            receiver = await startReceiver(t.url!, signer.publicKeyPem);
            restarted = null;
          })();
        }
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    expect(killed).toBe(true);
    // The kill really cut deliveries off mid-flight.
    expect(unanswered).toBeGreaterThan(0);
    expect(acknowledged).toBe(EVENTS);

    // The restarted worker finishes everything, including events the killed one had claimed.
    const deadline = Date.now() + 60_000;
    for (let processed = 0; processed < EVENTS && Date.now() < deadline;) {
      const [row] = await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(webhookEvents)
        .where(eq(webhookEvents.status, "processed"));
      processed = row?.n ?? 0;
      if (processed < EVENTS) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    receiver.child.kill("SIGKILL");

    const [summary] = await t.db
      .select({
        rows: sql<number>`count(*)::int`,
        distinctKeys: sql<number>`count(distinct ${webhookEvents.dedupKey})::int`,
        processed: sql<number>`count(*) filter (where ${webhookEvents.status} = 'processed')::int`,
        processedOnce: sql<number>`count(*) filter (where ${webhookEvents.processedCount} = 1)::int`,
      })
      .from(webhookEvents);
    expect(summary).toEqual({
      rows: EVENTS,
      distinctKeys: EVENTS,
      processed: EVENTS,
      processedOnce: EVENTS,
    });
    const [mirror] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(contacts)
      .where(eq(contacts.locationId, fx.locations[0].id));
    expect(mirror?.n).toBe(EVENTS);
    console.log(
      `crash test: ${unanswered} deliveries cut off and ${refused} refused, all resent; ${EVENTS} stored and processed once`,
    );
  }, 180_000);
});
