import { randomUUID } from "node:crypto";

import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { WebhookPipeline } from "../background/webhook-pipeline";
import { contacts, locations, opportunities, webhookEvents } from "../db/schema";
import type { Db } from "../db/types";
import { type AgencyFixture, createAgencyFixture } from "../testing/factories";
import { type TestDb, createTestDb } from "../testing/db";
import { claimDueEvents } from "./inbox.repo";
import { handleGhlWebhook } from "./intake";
import { createLocalWorker } from "./local-worker";
import { processClaimedBatch } from "./process-batch";
import type { ProcessResult } from "./process-event";
import { createTestPipeline } from "./testing/pipeline";
import { type TestSigner, ghlBody, signedRequest } from "./testing/signer";

let t: TestDb;
let fx: AgencyFixture;
let ghlLocationId: string;
let pipeline: WebhookPipeline;
let signer: TestSigner;

beforeAll(async () => {
  t = await createTestDb();
  fx = await createAgencyFixture(t.db);
  const [location] = await t.db
    .update(locations)
    .set({ connectionStatus: "connected" })
    .where(eq(locations.id, fx.locations[0].id))
    .returning({ ghlLocationId: locations.ghlLocationId });
  ghlLocationId = location!.ghlLocationId!;
  // Intake only: these tests drive their own workers.
  ({ pipeline, signer } = createTestPipeline(t.db));
});
afterAll(async () => {
  await pipeline?.stop();
  await t?.close();
});

const deliver = async (body: string) => {
  const response = await handleGhlWebhook(signedRequest(signer, body), pipeline.intake);
  expect(response.status).toBe(200);
};

/** The database, counting transactions open at once (each is one unit of the worker's work). */
const countingTransactions = (db: Db) => {
  const seen = { open: 0, most: 0 };
  const counted = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "transaction") return Reflect.get(target, property, receiver) as unknown;
      return async (...args: Parameters<Db["transaction"]>) => {
        seen.open++;
        seen.most = Math.max(seen.most, seen.open);
        try {
          return await target.transaction(...args);
        } finally {
          seen.open--;
        }
      };
    },
  });
  return { db: counted, seen };
};

const worker = (db: Db, options: Partial<Parameters<typeof createLocalWorker>[0]> = {}) =>
  createLocalWorker({
    db,
    ghl: () => Promise.reject(new Error("no GHL in this test")),
    publish: () => undefined,
    leaseMs: 5_000,
    ...options,
  });

describe("the local worker", () => {
  it("works on several events of one location at once, and the newest version wins whatever order they finish in", async () => {
    const opportunityId = `opp${randomUUID().slice(0, 17)}`;
    const base = Date.now() - 60 * 60_000;
    // Twelve versions of one opportunity, received in shuffled order (the newest neither first nor
    // last), and twelve contacts: all one location's.
    const versions = [4, 11, 0, 7, 2, 9, 12, 5, 1, 10, 3, 6, 8].slice(0, 12);
    for (const v of versions) {
      await deliver(
        ghlBody("OpportunityUpdate", {
          locationId: ghlLocationId,
          id: opportunityId,
          name: "Implant consult",
          pipelineStageId: `stage-${v}`,
          status: "open",
          dateUpdated: new Date(base + v * 60_000).toISOString(),
        }),
      );
    }
    for (let i = 0; i < 12; i++) {
      await deliver(
        ghlBody("ContactUpdate", {
          locationId: ghlLocationId,
          id: `wkr${String(i).padStart(17, "0")}`,
          firstName: `Contact ${i}`,
        }),
      );
    }

    const { db, seen } = countingTransactions(t.db);
    // Batches of two: the location's 24 events become twelve units, three in flight at a time.
    await worker(db, { batchSize: 2, concurrency: 3 }).drain();

    expect(seen.most).toBeGreaterThanOrEqual(2);
    const [opportunity] = await t.db
      .select()
      .from(opportunities)
      .where(eq(opportunities.ghlId, opportunityId));
    expect(opportunity?.pipelineStageId).toBe("stage-12");
    const rows = await t.db
      .select({ status: webhookEvents.status, processedCount: webhookEvents.processedCount })
      .from(webhookEvents)
      .where(eq(webhookEvents.ghlLocationId, ghlLocationId));
    expect(rows).toHaveLength(24);
    expect(rows.every((r) => r.status === "processed" && r.processedCount === 1)).toBe(true);
    const mirrored = await t.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(like(contacts.ghlId, "wkr%"));
    expect(mirrored).toHaveLength(12);
  });

  it("processes each event once when a crashed worker's claims are taken over: the late batch rolls back", async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `tko${String(i).padStart(17, "0")}`);
    for (const id of ids) {
      await deliver(
        ghlBody("ContactUpdate", { locationId: ghlLocationId, id, firstName: "From GHL" }),
      );
    }
    // Worker A claims them and stalls past its lease (a crash, a long pause).
    const stale = await claimDueEvents(t.db, { limit: 100, leaseMs: 500, token: randomUUID() });
    expect(stale.map((e) => e.ghlType)).toEqual(Array(5).fill("ContactUpdate"));
    await new Promise((resolve) => setTimeout(resolve, 700));

    // Worker B takes the rows over and processes them.
    await worker(t.db).drain();
    const processed = await t.db
      .select({ processedCount: webhookEvents.processedCount })
      .from(webhookEvents)
      .where(eq(webhookEvents.status, "processed"));
    expect(processed.filter((r) => r.processedCount !== 1)).toEqual([]);

    // Someone edits the mirror meanwhile; A's late writes, if they committed, would undo that.
    await t.db.update(contacts).set({ firstName: "Edited" }).where(like(contacts.ghlId, "tko%"));
    const results: ProcessResult["status"][] = [];
    await processClaimedBatch(
      { db: t.db, ghl: () => Promise.reject(new Error("no GHL")), retryAt: () => new Date() },
      stale,
      (_event, result) => {
        results.push(result.status);
        return Promise.resolve();
      },
    );

    expect(results).toEqual(Array(5).fill("lost"));
    const rows = await t.db
      .select({ processedCount: webhookEvents.processedCount, status: webhookEvents.status })
      .from(webhookEvents)
      .where(like(webhookEvents.ghlObjectId, "tko%"));
    expect(rows).toEqual(Array(5).fill({ processedCount: 1, status: "processed" }));
    const names = await t.db
      .select({ firstName: contacts.firstName })
      .from(contacts)
      .where(like(contacts.ghlId, "tko%"));
    expect(names).toEqual(Array(5).fill({ firstName: "Edited" }));
  });
});
