import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { WebhookPipeline } from "../background/webhook-pipeline";
import {
  auditLog,
  contacts,
  locations,
  opportunities,
  appointments,
  webhookEvents,
} from "../db/schema";
import { type AgencyFixture, createAgencyFixture } from "../testing/factories";
import { type TestDb, createTestDb } from "../testing/db";
import { handleGhlWebhook } from "./intake";
import { createTestPipeline } from "./testing/pipeline";
import { type TestSigner, ghlBody, signedRequest } from "./testing/signer";

let t: TestDb;
let fx: AgencyFixture;
let ghlLocationId: string;
let otherGhlLocationId: string;
let pipeline: WebhookPipeline;
let signer: TestSigner;

beforeAll(async () => {
  t = await createTestDb();
  fx = await createAgencyFixture(t.db);
  const [first, second] = await t.db
    .update(locations)
    .set({ connectionStatus: "connected" })
    .where(eq(locations.agencyId, fx.agency.id))
    .returning({ id: locations.id, ghlLocationId: locations.ghlLocationId });
  const byId = new Map([first, second].map((l) => [l!.id, l!.ghlLocationId!]));
  ghlLocationId = byId.get(fx.locations[0].id)!;
  otherGhlLocationId = byId.get(fx.locations[1].id)!;
  ({ pipeline, signer } = createTestPipeline(t.db));
});
afterAll(async () => {
  await pipeline?.stop();
  await t?.close();
});

const deliver = (body: string, headers?: Record<string, string>) =>
  handleGhlWebhook(signedRequest(signer, body, { headers }), pipeline.intake);

const rowOf = async (id: string) =>
  (await t.db.select().from(webhookEvents).where(eq(webhookEvents.id, id)))[0]!;

const contactFields = (id: string, extra: Record<string, unknown> = {}) => ({
  locationId: ghlLocationId,
  id,
  firstName: "Ada",
  lastName: "Lovelace",
  email: "Ada@Example.test",
  tags: ["vip"],
  ...extra,
});

describe("intake", () => {
  it("stores the exact bytes, answers 200, and the worker mirrors the contact", async () => {
    const body = ghlBody("ContactCreate", contactFields("ctc00000000000000001"));
    const signature = signer.ed25519(body);
    const response = await deliver(body, { "x-ghl-signature": signature });
    expect(response.status).toBe(200);
    const { id, duplicate } = (await response.json()) as { id: string; duplicate: boolean };
    expect(duplicate).toBe(false);
    const stored = await rowOf(id);
    expect(Buffer.from(stored.rawBody).toString()).toBe(body);
    expect(stored.status).toBe("received");
    expect(stored.signatureScheme).toBe("ed25519");
    expect(stored.headers["x-ghl-signature"]).toBe(signature);

    await pipeline.worker!.drain();
    const done = await rowOf(id);
    expect(done).toMatchObject({
      status: "processed",
      agencyId: fx.agency.id,
      locationId: fx.locations[0].id,
      eventType: "contact.created",
      processedCount: 1,
    });
    const [contact] = await t.db
      .select()
      .from(contacts)
      .where(eq(contacts.ghlId, "ctc00000000000000001"));
    expect(contact).toMatchObject({
      agencyId: fx.agency.id,
      locationId: fx.locations[0].id,
      name: "Ada Lovelace",
      email: "ada@example.test",
      tags: ["vip"],
      deletedAt: null,
    });
  });

  it("answers a repeated delivery 200 without a second row or a second processing", async () => {
    const body = ghlBody("ContactUpdate", contactFields("ctc00000000000000002"));
    const first = (await (await deliver(body)).json()) as { id: string };
    const again = await deliver(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: first.id, duplicate: true });
    await pipeline.worker!.drain();
    expect(await rowOf(first.id)).toMatchObject({ duplicates: 1, processedCount: 1 });
  });

  it("deduplicates deliveries without webhookId by type, location, object and timestamp", async () => {
    const timestamp = new Date();
    const body = ghlBody("ContactUpdate", contactFields("ctc00000000000000003"), {
      timestamp,
      webhookId: null,
    });
    // Same event, re-serialised differently (GHL retry through another path): same dedup key.
    const reordered = JSON.stringify({ ...JSON.parse(body), firstName: "Ada" });
    const a = (await (await deliver(body)).json()) as { id: string };
    const b = (await (await deliver(reordered)).json()) as { id: string; duplicate: boolean };
    expect(b).toMatchObject({ id: a.id, duplicate: true });
  });

  it("accepts RSA signatures only before the cutoff", async () => {
    const { createTestSigner } = await import("./testing/signer");
    const rsaSigner = createTestSigner({ rsa: true });
    const body = ghlBody("ContactUpdate", contactFields("ctc00000000000000004"));
    const request = (now: Date) =>
      handleGhlWebhook(
        new Request("http://hub.test/api/webhooks/ghl", {
          method: "POST",
          headers: { "x-wh-signature": rsaSigner.rsa(body) },
          body,
        }),
        {
          ...pipeline.intake,
          keys: () => ({ ...rsaSigner.keys, rsaCutoff: new Date("2026-07-01T00:00:00Z") }),
          now: () => now,
          config: { ...pipeline.intake.config, toleranceMs: 10 * 365 * 86_400_000 },
        },
      );
    expect((await request(new Date("2026-06-30T23:59:59Z"))).status).toBe(200);
    const after = await request(new Date("2026-07-01T00:00:00Z"));
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ reason: "rsa_retired" });
  });
});

describe("processing", () => {
  beforeEach(async () => {
    await pipeline.worker!.drain();
  });

  it("keeps the newest version whatever order the events arrive in", async () => {
    const id = "opp00000000000000001";
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const opp = (stage: string) => ({
      locationId: ghlLocationId,
      id,
      name: "Big deal",
      pipelineId: "pipe1",
      pipelineStageId: stage,
      status: "open",
      monetaryValue: 500,
    });
    // Newest first, then two older ones, each processed before the next arrives.
    for (const [stage, minutes] of [
      ["won-stage", 1],
      ["stage-2", 3],
      ["stage-1", 5],
    ] as const) {
      await deliver(ghlBody("OpportunityStageUpdate", opp(stage), { timestamp: at(minutes) }));
      await pipeline.worker!.drain();
    }
    const [row] = await t.db.select().from(opportunities).where(eq(opportunities.ghlId, id));
    expect(row?.pipelineStageId).toBe("won-stage");
  });

  it("applies deletes, and a late older update does not bring the record back", async () => {
    const id = "ctc00000000000000010";
    const now = Date.now();
    await deliver(
      ghlBody("ContactCreate", contactFields(id), { timestamp: new Date(now - 120_000) }),
    );
    await pipeline.worker!.drain();
    await deliver(
      ghlBody("ContactDelete", contactFields(id), { timestamp: new Date(now - 30_000) }),
    );
    await deliver(
      ghlBody("ContactUpdate", contactFields(id, { firstName: "Late" }), {
        timestamp: new Date(now - 60_000),
      }),
    );
    await pipeline.worker!.drain();
    const [row] = await t.db.select().from(contacts).where(eq(contacts.ghlId, id));
    expect(row?.deletedAt).not.toBeNull();
    expect(row?.firstName).toBe("Ada");
  });

  it("mirrors appointments from their nested payload", async () => {
    await deliver(
      ghlBody("AppointmentCreate", {
        locationId: ghlLocationId,
        appointment: {
          id: "apt00000000000000001",
          calendarId: "cal1",
          contactId: "ctc00000000000000001",
          title: "Intro call",
          appointmentStatus: "confirmed",
          startTime: "2026-12-01T15:00:00.000Z",
          endTime: "2026-12-01T15:30:00.000Z",
          dateUpdated: new Date().toISOString(),
        },
      }),
    );
    await pipeline.worker!.drain();
    const [row] = await t.db
      .select()
      .from(appointments)
      .where(eq(appointments.ghlId, "apt00000000000000001"));
    expect(row).toMatchObject({
      title: "Intro call",
      status: "confirmed",
      locationId: fx.locations[0].id,
    });
    expect(row?.startTime?.toISOString()).toBe("2026-12-01T15:00:00.000Z");
  });

  it("stores odd bytes as sent and processes them (NUL, lone surrogates, BOM)", async () => {
    const body = `\uFEFF${ghlBody("ContactUpdate", contactFields("ctc00000000000000011", { firstName: "Nul\u0000Byte\ud800" }))}`;
    const raw = new TextEncoder().encode(body);
    const response = await deliver(body);
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    expect(Buffer.from((await rowOf(id)).rawBody).equals(Buffer.from(raw))).toBe(true);
    await pipeline.worker!.drain();
    expect((await rowOf(id)).status).toBe("processed");
    const [row] = await t.db
      .select()
      .from(contacts)
      .where(eq(contacts.ghlId, "ctc00000000000000011"));
    expect(row?.firstName).toBe("NulByte\uFFFD");
  });

  it("ignores and audits unknown types and events for unknown or disconnected locations", async () => {
    await t.db
      .update(locations)
      .set({ connectionStatus: "disconnected" })
      .where(eq(locations.id, fx.locations[1].id));
    const unknownType = (await (
      await deliver(ghlBody("SomethingNew", { locationId: ghlLocationId, id: "x1" }))
    ).json()) as { id: string };
    const unknownLocation = (await (
      await deliver(ghlBody("ContactCreate", { locationId: "NoSuchLocation000001", id: "x2" }))
    ).json()) as { id: string };
    const disconnected = (await (
      await deliver(ghlBody("ContactCreate", { locationId: otherGhlLocationId, id: "x3" }))
    ).json()) as { id: string };
    await pipeline.worker!.drain();
    expect(await rowOf(unknownType.id)).toMatchObject({
      status: "ignored",
      agencyId: fx.agency.id,
      ignoredReason: 'unknown event type "SomethingNew"',
    });
    expect(await rowOf(unknownLocation.id)).toMatchObject({
      status: "ignored",
      agencyId: null,
      ignoredReason: "unknown location",
    });
    expect(await rowOf(disconnected.id)).toMatchObject({
      status: "ignored",
      agencyId: fx.agency.id,
      locationId: fx.locations[1].id,
      ignoredReason: "the location is not connected",
    });
    const audits = await t.db
      .select({ targetId: auditLog.targetId, agencyId: auditLog.agencyId })
      .from(auditLog)
      .where(eq(auditLog.action, "webhook.ignored"));
    expect(audits).toEqual(
      expect.arrayContaining([
        { targetId: unknownType.id, agencyId: fx.agency.id },
        { targetId: unknownLocation.id, agencyId: null },
        { targetId: disconnected.id, agencyId: fx.agency.id },
      ]),
    );
    const [mirrored] = await t.db.select().from(contacts).where(eq(contacts.ghlId, "x3"));
    expect(mirrored).toBeUndefined();
  });

  it("retries a failing event, then marks it dead, without holding back the location's other events", async () => {
    // INSTALL needs GHL, which this pipeline cannot reach: every attempt fails.
    await t.db
      .update(locations)
      .set({ connectionStatus: "connected" })
      .where(eq(locations.id, fx.locations[1].id));
    const { agencies, ghlConnections } = await import("../db/schema");
    await t.db
      .update(agencies)
      .set({ ghlCompanyId: "Company0000000000001" })
      .where(eq(agencies.id, fx.agency.id));
    await t.db.insert(ghlConnections).values({
      agencyId: fx.agency.id,
      kind: "company",
      ghlCompanyId: "Company0000000000001",
      accessTokenEnc: "x",
    });
    const poison = (await (
      await deliver(
        ghlBody("INSTALL", {
          appId: "app1",
          companyId: "Company0000000000001",
          locationId: ghlLocationId,
        }),
      )
    ).json()) as { id: string };
    const healthy = (await (
      await deliver(ghlBody("ContactCreate", contactFields("ctc00000000000000020")))
    ).json()) as { id: string };
    await pipeline.worker!.drain();
    expect((await rowOf(healthy.id)).status).toBe("processed");
    // Backoff starts at 10 ms here, so a slow first attempt may already have been followed by more.
    const retrying = await rowOf(poison.id);
    expect(retrying.status).toBe("failed");
    expect(retrying.attempts).toBeGreaterThanOrEqual(1);
    expect(retrying.attempts).toBeLessThan(6);
    for (let i = 0; i < 200 && (await rowOf(poison.id)).status !== "dead"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await pipeline.worker!.drain();
    }
    const dead = await rowOf(poison.id);
    expect(dead).toMatchObject({ status: "dead", attempts: 6, processedCount: 0 });
    expect(dead.lastError).toContain("no GHL in this test");
  });

  it("marks a payload that can never be processed dead at once", async () => {
    const { id } = (await (
      await deliver(ghlBody("ContactUpdate", { locationId: ghlLocationId }))
    ).json()) as { id: string };
    await pipeline.worker!.drain();
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "dead", attempts: 1 });
    expect(row.lastError).toContain("PermanentEventError");
  });
});

describe("metrics", () => {
  it("exposes intake outcomes, processing results, latency and queue depth in Prometheus text", async () => {
    const { getMetrics } = await import("../metrics/registry");
    const text = await getMetrics().registry.metrics();
    expect(text).toMatch(/ghlhub_webhooks_received_total\{outcome="accepted"\} [1-9]/);
    expect(text).toMatch(/ghlhub_webhooks_received_total\{outcome="duplicate"\} [1-9]/);
    expect(text).toMatch(/ghlhub_webhooks_processed_total\{status="processed"\} [1-9]/);
    expect(text).toMatch(/ghlhub_webhooks_processed_total\{status="dead"\} [1-9]/);
    expect(text).toMatch(/ghlhub_webhook_receipt_to_processed_seconds_count [1-9]/);
    expect(text).toMatch(/ghlhub_webhook_queue_depth\{status="received"\} \d+/);
  });
});

describe("5,000 concurrent deliveries of one webhookId", () => {
  it("make one row and one processing; every answer is 200", async () => {
    const body = ghlBody("ContactUpdate", contactFields("ctc00000000000000030"));
    const responses = await Promise.all(Array.from({ length: 5_000 }, () => deliver(body)));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    const ids = new Set(
      await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)),
    );
    expect(ids.size).toBe(1);
    await pipeline.worker!.drain();
    const rows = await t.db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.ghlObjectId, "ctc00000000000000030")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ duplicates: 4_999, processedCount: 1, status: "processed" });
  }, 60_000);
});
