import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_APP } from "~/sandbox/seed/demo-world";

import type { WebhookPipeline } from "../background/webhook-pipeline";
import { contacts, locations, webhookEvents } from "../db/schema";
import { createAgencyFixture } from "../testing/factories";
import { type TestDb, createTestDb } from "../testing/db";
import { type GhlTestbed, connectThroughOAuth, startGhlTestbed } from "../testing/ghl";
import { startWebhookServer } from "./testing/http-server";
import { createTestPipeline } from "./testing/pipeline";
import { parsePublicKeys } from "./signatures";

const SUMMIT = "SmmtGrwthPrtnrs00001";
const AUSTIN = "AustinDentalStudio01";

let t: TestDb;
let bed: GhlTestbed;
let pipeline: WebhookPipeline;
let server: Awaited<ReturnType<typeof startWebhookServer>>;

/** Waits until the sandbox has nothing left to send and the worker nothing left to process. */
const settle = async () => {
  await bed.sandbox.control.webhooks.idle();
  await pipeline.worker!.drain();
};

beforeAll(async () => {
  t = await createTestDb();
  bed = await startGhlTestbed(t.db);
  const { webhookPublicKeys } = bed.sandbox.control.info();
  ({ pipeline } = createTestPipeline(t.db, {
    ghl: bed.ghl,
    keys: {
      ed25519: parsePublicKeys(webhookPublicKeys.ed25519, "ed25519"),
      rsa: parsePublicKeys(webhookPublicKeys.rsa, "rsa"),
      rsaCutoff: new Date("2026-07-01T00:00:00Z"),
    },
  }));
  server = await startWebhookServer(pipeline.intake);
  bed.sandbox.control.updateApp(DEMO_APP.clientId, { webhookUrl: server.url });
});
afterAll(async () => {
  await server?.close();
  await pipeline?.stop();
  await bed?.close();
  await t?.close();
});

describe("webhooks from the GHL sandbox, end to end", () => {
  it("a contact changed in GHL shows up in the mirror, through a signed delivery", async () => {
    const fx = await createAgencyFixture(t.db);
    await connectThroughOAuth(
      bed,
      { agencyId: fx.agency.id, userId: fx.owner.id },
      { companyId: SUMMIT, locations: [AUSTIN] },
    );
    await settle();
    // The sandbox announced the install; the app processed it under the right agency.
    const [install] = await t.db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.ghlType, "INSTALL"), eq(webhookEvents.ghlLocationId, AUSTIN)));
    expect(install).toMatchObject({ status: "processed", agencyId: fx.agency.id });

    const created = bed.sandbox.control.contacts.upsert(AUSTIN, {
      firstName: "Grace",
      lastName: "Hopper",
      email: "grace@navy.test",
    }) as { id: string };
    bed.sandbox.control.clock.advance(1_000);
    bed.sandbox.control.contacts.upsert(AUSTIN, { id: created.id, firstName: "Admiral" });
    await settle();

    const [austin] = await t.db
      .select({ id: locations.id })
      .from(locations)
      .where(and(eq(locations.agencyId, fx.agency.id), eq(locations.ghlLocationId, AUSTIN)));
    const [mirrored] = await t.db.select().from(contacts).where(eq(contacts.ghlId, created.id));
    expect(mirrored).toMatchObject({
      agencyId: fx.agency.id,
      locationId: austin!.id,
      firstName: "Admiral",
      lastName: "Hopper",
      email: "grace@navy.test",
    });
    const deliveries = await t.db
      .select({ type: webhookEvents.ghlType, scheme: webhookEvents.signatureScheme })
      .from(webhookEvents)
      .where(eq(webhookEvents.ghlObjectId, created.id));
    expect(deliveries.map((d) => d.type).sort()).toEqual(["ContactCreate", "ContactUpdate"]);
    expect(new Set(deliveries.map((d) => d.scheme))).toEqual(new Set(["ed25519"]));
  });

  it("converges on the newest state when GHL duplicates and reorders deliveries", async () => {
    bed.sandbox.control.faults.set({
      webhooks: { duplicateRate: 0.5, reorder: true, reorderWindowMs: 200 },
    });
    try {
      const contact = bed.sandbox.control.contacts.upsert(AUSTIN, { firstName: "v0" }) as {
        id: string;
      };
      for (let version = 1; version <= 8; version++) {
        bed.sandbox.control.clock.advance(1_000);
        bed.sandbox.control.contacts.upsert(AUSTIN, { id: contact.id, firstName: `v${version}` });
      }
      await settle();
      const [mirrored] = await t.db.select().from(contacts).where(eq(contacts.ghlId, contact.id));
      expect(mirrored?.firstName).toBe("v8");
      const rows = await t.db
        .select({
          duplicates: webhookEvents.duplicates,
          processedCount: webhookEvents.processedCount,
        })
        .from(webhookEvents)
        .where(eq(webhookEvents.ghlObjectId, contact.id));
      // One row per event however often it was delivered, each processed once.
      expect(rows).toHaveLength(9);
      expect(rows.every((r) => r.processedCount === 1)).toBe(true);
      expect(rows.reduce((sum, r) => sum + r.duplicates, 0)).toBeGreaterThan(0);
    } finally {
      bed.sandbox.control.faults.clear();
    }
  });
});
