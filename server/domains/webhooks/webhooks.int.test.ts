import { randomUUID } from "node:crypto";

import { and, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { WebhookPipeline } from "../../background/webhook-pipeline";
import {
  auditLog,
  contacts,
  locationAccess,
  locations,
  webhookEvents,
  webhookIntakeDaily,
} from "../../db/schema";
import { type AgencyFixture, callerFor, createAgencyFixture } from "../../testing/factories";
import { type TestDb, createTestDb } from "../../testing/db";
import { handleGhlWebhook } from "../../webhooks/intake";
import { createTestPipeline } from "../../webhooks/testing/pipeline";
import { type TestSigner, ghlBody, signedRequest } from "../../webhooks/testing/signer";

let t: TestDb;
let pipeline: WebhookPipeline;
let signer: TestSigner;

beforeAll(async () => {
  t = await createTestDb();
  ({ pipeline, signer } = createTestPipeline(t.db));
});
afterAll(async () => {
  await pipeline?.stop();
  await t?.close();
});

const as = (userId: string) => callerFor(t.db, userId, undefined, () => Promise.resolve(pipeline));

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms);

type Seed = Partial<typeof webhookEvents.$inferInsert>;

/** A stored event, written straight into the inbox; never due, so the worker leaves it alone. */
const seedEvent = async (values: Seed = {}) => {
  const body = JSON.stringify({ type: values.ghlType ?? "ContactUpdate", id: "c1" });
  const [row] = await t.db
    .insert(webhookEvents)
    .values({
      dedupKey: randomUUID(),
      ghlType: "ContactUpdate",
      eventType: "contact.updated",
      rawBody: new TextEncoder().encode(body),
      headers: { "x-ghl-signature": "sig" },
      signatureScheme: "ed25519",
      status: "processed",
      nextAttemptAt: new Date(Date.now() + 86_400_000),
      ...values,
    })
    .returning({ id: webhookEvents.id, seq: webhookEvents.seq });
  return row!;
};

const rowOf = async (id: string) =>
  (await t.db.select().from(webhookEvents).where(eq(webhookEvents.id, id)))[0]!;

const auditRows = (agencyId: string, action: string, since: Date) =>
  t.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.agencyId, agencyId),
        eq(auditLog.action, action),
        gt(auditLog.occurredAt, since),
      ),
    );

/** An agency whose locations are connected, so deliveries to them are processed. */
const connectedAgency = async () => {
  const fx = await createAgencyFixture(t.db);
  const rows = await t.db
    .update(locations)
    .set({ connectionStatus: "connected" })
    .where(eq(locations.agencyId, fx.agency.id))
    .returning({ id: locations.id, ghlLocationId: locations.ghlLocationId });
  const ghlIdOf = (locationId: string) => rows.find((r) => r.id === locationId)!.ghlLocationId!;
  return { ...fx, ghlIdOf };
};

const deliver = async (body: string) => {
  const response = await handleGhlWebhook(signedRequest(signer, body), pipeline.intake);
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
};

describe("webhooks.list", () => {
  let a: AgencyFixture;
  let b: AgencyFixture;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    a = await createAgencyFixture(t.db);
    b = await createAgencyFixture(t.db);
    const [l0, l1] = a.locations;
    ids.agencyLevel = (await seedEvent({ agencyId: a.agency.id, ghlType: "INSTALL" })).id;
    ids.l0processed = (
      await seedEvent({
        agencyId: a.agency.id,
        locationId: l0.id,
        receivedAt: ago(90 * MINUTE),
        processedAt: new Date(Date.now() - 90 * MINUTE + 250),
      })
    ).id;
    ids.l0dead = (
      await seedEvent({
        agencyId: a.agency.id,
        locationId: l0.id,
        status: "dead",
        ghlType: "OpportunityCreate",
        eventType: "opportunity.created",
        lastError: "PermanentEventError: nope",
      })
    ).id;
    ids.l1ignored = (
      await seedEvent({
        agencyId: a.agency.id,
        locationId: l1.id,
        status: "ignored",
        ghlType: "SomethingNew",
        eventType: null,
        ignoredReason: 'unknown event type "SomethingNew"',
      })
    ).id;
    ids.theirs = (await seedEvent({ agencyId: b.agency.id, locationId: b.locations[0].id })).id;
    ids.nobodys = (
      await seedEvent({ ghlLocationId: "NoSuchLocation000001", status: "ignored" })
    ).id;
  });

  it("lists the agency's events newest first, with location names and latency", async () => {
    const page = await as(a.owner.id).webhooks.list({});
    expect(page.items.map((i) => i.id)).toEqual([
      ids.l1ignored,
      ids.l0dead,
      ids.l0processed,
      ids.agencyLevel,
    ]);
    const processed = page.items.find((i) => i.id === ids.l0processed)!;
    expect(processed).toMatchObject({
      locationName: a.locations[0].name,
      status: "processed",
      canManage: true,
    });
    expect(processed.latencyMs).toBeCloseTo(250, 0);
    expect(page.items.find((i) => i.id === ids.agencyLevel)?.latencyMs).toBeNull();
    expect(JSON.stringify(page)).not.toContain(ids.theirs);
    expect(JSON.stringify(page)).not.toContain(ids.nobodys);
  });

  it("filters by location, status, either type name and time, and pages by seq", async () => {
    const caller = as(a.admin.id);
    const idsOf = async (input: Parameters<typeof caller.webhooks.list>[0]) =>
      (await caller.webhooks.list(input)).items.map((i) => i.id);
    expect(await idsOf({ locationId: a.locations[0].id })).toEqual([ids.l0dead, ids.l0processed]);
    expect(await idsOf({ status: "dead" })).toEqual([ids.l0dead]);
    expect(await idsOf({ type: "OpportunityCreate" })).toEqual([ids.l0dead]);
    expect(await idsOf({ type: "opportunity.created" })).toEqual([ids.l0dead]);
    expect(await idsOf({ to: ago(60 * MINUTE) })).toEqual([ids.l0processed]);
    expect(await idsOf({ from: ago(60 * MINUTE), locationId: a.locations[0].id })).toEqual([
      ids.l0dead,
    ]);

    const first = await caller.webhooks.list({ limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBe(first.items[2]!.seq);
    const second = await caller.webhooks.list({ limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.id)).toEqual([ids.agencyLevel]);
    expect(second.nextCursor).toBeNull();
  });

  it("shows members only the locations granted to them, never agency-level events", async () => {
    const caller = as(a.member.id);
    const page = await caller.webhooks.list({});
    expect(page.items.map((i) => i.id)).toEqual([ids.l0dead, ids.l0processed]);
    expect(page.items.every((i) => !i.canManage)).toBe(true);
    await expect(caller.webhooks.list({ locationId: a.locations[1].id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("answers NOT_FOUND for events out of reach and audits the probe", async () => {
    const since = ago(1000);
    await expect(as(a.owner.id).webhooks.get({ eventId: ids.theirs! })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const probes = await auditRows(a.agency.id, "cross_tenant_attempt", since);
    expect(probes).toEqual([
      expect.objectContaining({ targetType: "webhook_event", targetId: ids.theirs }),
    ]);
    expect(JSON.stringify(probes)).not.toContain(b.agency.id);

    await expect(as(a.owner.id).webhooks.get({ eventId: ids.nobodys! })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(as(a.member.id).webhooks.get({ eventId: ids.l1ignored! })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(as(a.member.id).webhooks.get({ eventId: ids.agencyLevel! })).rejects.toMatchObject(
      { code: "NOT_FOUND" },
    );
    const denied = (await auditRows(a.agency.id, "access_denied", since)).filter(
      (r) => r.targetType === "webhook_event",
    );
    expect(denied.map((r) => r.targetId).sort()).toEqual([ids.l1ignored, ids.agencyLevel].sort());
  });

  it("gets one event with its payload, headers and signature scheme", async () => {
    const event = await as(a.member.id).webhooks.get({ eventId: ids.l0dead! });
    expect(event).toMatchObject({
      id: ids.l0dead,
      status: "dead",
      lastError: "PermanentEventError: nope",
      headers: { "x-ghl-signature": "sig" },
      signatureScheme: "ed25519",
      payloadIsJson: true,
    });
    expect(event.payload).toBe(JSON.stringify({ type: "OpportunityCreate", id: "c1" }, null, 2));
  });
});

describe("retry and replay", () => {
  let fx: Awaited<ReturnType<typeof connectedAgency>>;
  beforeAll(async () => {
    fx = await connectedAgency();
  });

  const contactBody = (id: string, extra: Record<string, unknown> = {}) =>
    ghlBody("ContactCreate", {
      locationId: fx.ghlIdOf(fx.locations[0].id),
      id,
      firstName: "Grace",
      lastName: "Hopper",
      ...extra,
    });

  it("retries a dead event: it runs again and is processed, and the audit names it", async () => {
    const id = await deliver(contactBody("ctcretry000000000001"));
    // As if every attempt had failed after the tenant was resolved (what markFailed records).
    await t.db
      .update(webhookEvents)
      .set({
        status: "dead",
        attempts: 6,
        lastError: "GhlError: timeout",
        agencyId: fx.agency.id,
        locationId: fx.locations[0].id,
      })
      .where(eq(webhookEvents.id, id));
    const since = ago(1000);
    await expect(as(fx.owner.id).webhooks.retry({ eventId: id })).resolves.toEqual({
      id,
      status: "received",
    });
    expect(await rowOf(id)).toMatchObject({ status: "received", attempts: 0, lastError: null });
    await pipeline.worker!.drain();
    expect(await rowOf(id)).toMatchObject({
      status: "processed",
      attempts: 1,
      processedCount: 1,
      locationId: fx.locations[0].id,
    });
    const [contact] = await t.db
      .select()
      .from(contacts)
      .where(eq(contacts.ghlId, "ctcretry000000000001"));
    expect(contact?.firstName).toBe("Grace");
    expect(await auditRows(fx.agency.id, "webhooks.retry", since)).toEqual([
      expect.objectContaining({
        outcome: "success",
        targetType: "webhook_event",
        targetId: id,
        locationId: fx.locations[0].id,
      }),
    ]);
  });

  it("replays a processed event: replays and processed_count go up by one", async () => {
    const id = await deliver(contactBody("ctcreplay00000000001"));
    await pipeline.worker!.drain();
    expect(await rowOf(id)).toMatchObject({ status: "processed", processedCount: 1, replays: 0 });
    await as(fx.admin.id).webhooks.replay({ eventId: id });
    expect(await rowOf(id)).toMatchObject({ status: "received", replays: 1, attempts: 0 });
    await pipeline.worker!.drain();
    expect(await rowOf(id)).toMatchObject({ status: "processed", processedCount: 2, replays: 1 });
  });

  it("refuses to replay an event that is still on its way, and to retry a processed one", async () => {
    const waiting = await seedEvent({
      agencyId: fx.agency.id,
      locationId: fx.locations[0].id,
      status: "received",
    });
    await expect(as(fx.owner.id).webhooks.replay({ eventId: waiting.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("replay it once it has finished") as unknown,
    });
    const done = await seedEvent({ agencyId: fx.agency.id, locationId: fx.locations[0].id });
    await expect(as(fx.owner.id).webhooks.retry({ eventId: done.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Replay it instead") as unknown,
    });
  });

  it("lets location admins requeue their location's events, and nobody else", async () => {
    const dead = await seedEvent({
      agencyId: fx.agency.id,
      locationId: fx.locations[0].id,
      status: "dead",
    });
    const agencyLevel = await seedEvent({ agencyId: fx.agency.id, status: "dead" });
    const member = as(fx.member.id);
    await expect(member.webhooks.retry({ eventId: dead.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await t.db
      .update(locationAccess)
      .set({ role: "admin" })
      .where(
        and(eq(locationAccess.userId, fx.member.id), eq(locationAccess.agencyId, fx.agency.id)),
      );
    expect((await member.webhooks.list({ status: "dead" })).items[0]?.canManage).toBe(true);
    await expect(member.webhooks.retry({ eventId: dead.id })).resolves.toMatchObject({
      status: "received",
    });
    await expect(member.webhooks.retry({ eventId: agencyLevel.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(member.webhooks.retryAllDead({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      member.webhooks.retryAllDead({ locationId: fx.locations[1].id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("retries every dead event in scope and reports how many", async () => {
    const other = await connectedAgency();
    const deadIds = await Promise.all(
      [fx.locations[0].id, fx.locations[1].id, null].map(
        async (locationId) =>
          (await seedEvent({ agencyId: fx.agency.id, locationId, status: "dead" })).id,
      ),
    );
    const theirs = await seedEvent({
      agencyId: other.agency.id,
      locationId: other.locations[0].id,
      status: "dead",
    });
    const one = await as(fx.owner.id).webhooks.retryAllDead({ locationId: fx.locations[1].id });
    expect(one).toEqual({ count: 1, capped: false });
    expect((await rowOf(deadIds[1]!)).status).toBe("received");
    const all = await as(fx.owner.id).webhooks.retryAllDead({});
    expect(all.count).toBeGreaterThanOrEqual(2);
    for (const id of deadIds) expect((await rowOf(id)).status).toBe("received");
    expect((await rowOf(theirs.id)).status).toBe("dead");
    // A real dead one: a ContactUpdate without an id dies again at once when retried.
    const poison = await deliver(
      ghlBody("ContactUpdate", { locationId: fx.ghlIdOf(fx.locations[0].id) }),
    );
    await pipeline.worker!.drain();
    expect(await rowOf(poison)).toMatchObject({ status: "dead", attempts: 1 });
    await as(fx.owner.id).webhooks.retryAllDead({ locationId: fx.locations[0].id });
    expect(await rowOf(poison)).toMatchObject({ status: "received", attempts: 0 });
    await pipeline.worker!.drain();
    expect(await rowOf(poison)).toMatchObject({ status: "dead", attempts: 1 });
  });
});

describe("webhooks.stats", () => {
  it("counts the window's events by status, with p50/p95 latency and an hourly series", async () => {
    const fx = await createAgencyFixture(t.db);
    const [l0, l1] = fx.locations;
    // 20 processed events, 100 ms … 2,000 ms from receipt to processed.
    for (let i = 1; i <= 20; i++) {
      const receivedAt = ago(30 * MINUTE + i * 1000);
      await seedEvent({
        agencyId: fx.agency.id,
        locationId: i % 2 ? l0.id : l1.id,
        receivedAt,
        processedAt: new Date(receivedAt.getTime() + i * 100),
        duplicates: i === 1 ? 3 : 0,
      });
    }
    // A replayed event is processed but says nothing about latency.
    await seedEvent({
      agencyId: fx.agency.id,
      locationId: l0.id,
      receivedAt: ago(3 * 3_600_000),
      processedAt: ago(MINUTE),
      replays: 1,
    });
    await seedEvent({ agencyId: fx.agency.id, locationId: l0.id, status: "dead" });
    await seedEvent({ agencyId: fx.agency.id, locationId: l1.id, status: "failed" });
    await seedEvent({ agencyId: fx.agency.id, locationId: l1.id, status: "received" });
    await seedEvent({ agencyId: fx.agency.id, status: "ignored" });
    // Outside the window: not counted, but still queued.
    await seedEvent({
      agencyId: fx.agency.id,
      locationId: l0.id,
      status: "received",
      receivedAt: ago(30 * 3_600_000),
    });
    const today = new Date().toISOString().slice(0, 10);
    await t.db
      .insert(webhookIntakeDaily)
      .values([
        { day: today, outcome: "rejected_signature", count: 7 },
        { day: "2000-01-01", outcome: "rejected_signature", count: 100 },
      ])
      .onConflictDoNothing();

    const stats = await as(fx.owner.id).webhooks.stats({});
    expect(stats).toMatchObject({
      windowHours: 24,
      received: 25,
      duplicates: 3,
      processed: 21,
      ignored: 1,
      failed: 1,
      dead: 1,
      queueDepth: 3,
    });
    // percentile_cont over 100, 200, … 2,000.
    expect(stats.p50Ms).toBeCloseTo(1050, 3);
    expect(stats.p95Ms).toBeCloseTo(1905, 3);
    expect(stats.hourly.length).toBeGreaterThanOrEqual(24);
    expect(stats.hourly.reduce((sum, h) => sum + h.received, 0)).toBe(25);
    expect(stats.hourly.reduce((sum, h) => sum + h.dead, 0)).toBe(1);
    expect(stats.rejected).toEqual({
      total: 7,
      byOutcome: [{ outcome: "rejected_signature", count: 7 }],
    });

    const one = await as(fx.owner.id).webhooks.stats({ locationId: l1.id, windowHours: 48 });
    expect(one).toMatchObject({ received: 12, processed: 10, failed: 1, queueDepth: 2 });
    expect(one.p50Ms).toBeCloseTo(1100, 3);

    const member = await as(fx.member.id).webhooks.stats({});
    expect(member).toMatchObject({ received: 12, processed: 11, dead: 1, rejected: null });
    expect(member.queueDepth).toBe(1);
  });
});
