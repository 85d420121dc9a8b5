import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contacts, syncRuns, syncState } from "../../db/schema";
import { findLocationByGhlId } from "../../domains/locations/locations.repo";
import { type TestDb, createTestDb } from "../../testing/db";
import { createAgencyFixture } from "../../testing/factories";
import { type GhlTestbed, connectThroughOAuth, startGhlTestbed } from "../../testing/ghl";
import { ZGhlContactRecord, toMirrorContact } from "./contact-record";
import { sweepContacts } from "./sweep-contacts";
import { type LocationKey, acquireSweep } from "./sync-runs.repo";
import { upsertMirrorContacts } from "./upsert-contacts";

const AUSTIN = "AustinDentalStudio01";
const BRIGHTSIDE = "BrightsideRoofing001";
const HARBOR = "HarborLegalGroup0001";

let t: TestDb;
let bed: GhlTestbed;
const keys: Record<string, LocationKey> = {};

const sandboxCount = (ghlLocationId: string) =>
  bed.sandbox.control
    .info()
    .companies.flatMap((c) => c.locations)
    .find((l) => l.id === ghlLocationId)!.contacts;

const mirrorCount = async (key: LocationKey) => {
  const [row] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(and(eq(contacts.locationId, key.locationId), isNull(contacts.deletedAt)));
  return row!.n;
};

const runRow = async (id: string) =>
  (await t.db.select().from(syncRuns).where(eq(syncRuns.id, id)))[0]!;

const stateRow = async (key: LocationKey) =>
  (await t.db.select().from(syncState).where(eq(syncState.locationId, key.locationId)))[0]!;

const deps = () => ({ db: t.db, ghl: bed.ghl });

beforeAll(async () => {
  t = await createTestDb();
  bed = await startGhlTestbed(t.db);
  const a = await createAgencyFixture(t.db);
  await connectThroughOAuth(
    bed,
    { agencyId: a.agency.id, userId: a.owner.id },
    { companyId: "SmmtGrwthPrtnrs00001", locations: [AUSTIN, BRIGHTSIDE, HARBOR] },
  );
  for (const ghlId of [AUSTIN, BRIGHTSIDE, HARBOR]) {
    const location = await findLocationByGhlId(t.db, a.agency.id, ghlId);
    keys[ghlId] = { agencyId: a.agency.id, locationId: location!.id };
  }
});
afterAll(async () => {
  await bed?.close();
  await t?.close();
});

describe("contacts sweeps", () => {
  it("backfills a seeded location: every contact mirrored, nothing counted as missed", async () => {
    const key = keys[AUSTIN]!;
    const total = sandboxCount(AUSTIN);
    expect(total).toBeGreaterThan(100);
    const outcome = await sweepContacts(deps(), key, { trigger: "connect" });
    expect(outcome).toMatchObject({ status: "succeeded", kind: "backfill" });
    const run = await runRow(outcome.status === "succeeded" ? outcome.runId : "");
    expect(run).toMatchObject({
      status: "succeeded",
      trigger: "connect",
      scanned: total,
      created: total,
      missed: 0,
      expected: total,
      ghlCalls: Math.ceil((total + 1) / 100),
    });
    expect(await mirrorCount(key)).toBe(total);
    const state = await stateRow(key);
    expect(state.backfilledAt).not.toBeNull();
    expect(state.cursorId).not.toBeNull();
  });

  it("reconciliation finds and repairs contacts whose webhooks the sandbox dropped", async () => {
    const key = keys[AUSTIN]!;
    bed.sandbox.control.faults.set({ webhooks: { dropRate: 1 } });
    const [first, second, third] = (
      await t.db
        .select({ ghlId: contacts.ghlId })
        .from(contacts)
        .where(eq(contacts.locationId, key.locationId))
        .limit(3)
    ).map((c) => c.ghlId);
    const edit = (id: string | undefined, body: Record<string, unknown>) =>
      ZGhlContactRecord.parse(bed.sandbox.control.contacts.upsert(AUSTIN, { id, ...body }));
    // Three edits and two new contacts in "GHL's UI"; every webhook is dropped...
    const changed = [
      edit(first, { firstName: "Repaired" }),
      edit(second, { tags: ["vip"] }),
      edit(third, { email: "third.changed@example.test" }),
      edit(undefined, { firstName: "Newcomer", email: "new.one@example.test" }),
      edit(undefined, { firstName: "Another", email: "new.two@example.test" }),
    ];
    // ...except one, which the webhook handler applied (same upsert): it is not "missed".
    const delivered = edit(undefined, { firstName: "Delivered", email: "delivered@example.test" });
    await upsertMirrorContacts(t.db, [toMirrorContact(key, delivered, new Date())]);

    const outcome = await sweepContacts(deps(), key, { trigger: "schedule", graceMs: 0 });
    expect(outcome).toMatchObject({
      status: "succeeded",
      kind: "reconcile",
      counts: { missed: 5, created: 2, updated: 3 },
    });
    for (const contact of changed) {
      const [row] = await t.db
        .select()
        .from(contacts)
        .where(and(eq(contacts.locationId, key.locationId), eq(contacts.ghlId, contact.id)));
      expect(row).toMatchObject({
        firstName: contact.firstName,
        email: contact.email,
        tags: contact.tags,
        sourceVersion: contact.dateUpdated,
      });
    }
    expect(await mirrorCount(key)).toBe(sandboxCount(AUSTIN));

    // Nothing changed since: the next sweep reads only the overlap and finds nothing missed.
    const again = await sweepContacts(deps(), key, { trigger: "schedule", graceMs: 0 });
    expect(again).toMatchObject({
      status: "succeeded",
      counts: { missed: 0, created: 0, updated: 0 },
    });
    expect(again.status === "succeeded" && again.counts.scanned).toBeLessThan(
      sandboxCount(AUSTIN) / 2,
    );
    bed.sandbox.control.faults.clear();
  });

  it("finds contacts deleted in GHL whose delete webhooks were dropped, and nothing else", async () => {
    const key = keys[AUSTIN]!;
    bed.sandbox.control.faults.set({ webhooks: { dropRate: 1 } });
    const live = await t.db
      .select({ ghlId: contacts.ghlId })
      .from(contacts)
      .where(and(eq(contacts.locationId, key.locationId), isNull(contacts.deletedAt)))
      .orderBy(contacts.ghlId)
      .limit(5);
    const [gone1, gone2, gone3, edited, kept] = live.map((c) => c.ghlId);
    for (const id of [gone1, gone2, gone3])
      expect(bed.sandbox.control.contacts.remove(id!)).toBe(true);
    // The mirror has held these for an hour...
    await t.db
      .update(contacts)
      .set({ syncedAt: sql`now() - interval '1 hour'` })
      .where(eq(contacts.locationId, key.locationId));
    // ...but a contact the mirror took in a moment ago (GHL's search may not show it yet) is not judged.
    const justArrived = ZGhlContactRecord.parse(
      bed.sandbox.control.contacts.upsert(AUSTIN, { firstName: "Just", email: "just@x.test" }),
    );
    await upsertMirrorContacts(t.db, [toMirrorContact(key, justArrived, new Date())]);
    bed.sandbox.control.contacts.remove(justArrived.id);

    // A reconcile cannot see deletions, but the mirror now holds more than GHL: a verify is due.
    const reconcile = await sweepContacts(deps(), key, { trigger: "schedule", graceMs: 0 });
    expect(reconcile).toMatchObject({
      status: "succeeded",
      kind: "reconcile",
      counts: { removed: 0 },
    });
    const state = await stateRow(key);
    expect(state.verifyDueAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await mirrorCount(key)).toBe(sandboxCount(AUSTIN) + 4);

    // While the verify pass reads, a contact is edited (it moves to the end of the order).
    let editedDuringPass = false;
    const verify = await sweepContacts(deps(), key, {
      trigger: "schedule",
      pageLimit: 50,
      onPage: ({ pages }) => {
        if (pages === 1 && !editedDuringPass) {
          editedDuringPass = true;
          bed.sandbox.control.contacts.upsert(AUSTIN, { id: edited, firstName: "Moved" });
        }
      },
    });
    expect(verify).toMatchObject({ status: "succeeded", kind: "verify", counts: { removed: 3 } });
    const rows = await t.db
      .select({ ghlId: contacts.ghlId, deletedAt: contacts.deletedAt })
      .from(contacts)
      .where(eq(contacts.locationId, key.locationId));
    const deleted = new Set(rows.filter((r) => r.deletedAt).map((r) => r.ghlId));
    for (const id of [gone1, gone2, gone3]) expect(deleted.has(id!)).toBe(true);
    for (const id of [edited, kept, justArrived.id]) expect(deleted.has(id!)).toBe(false);
    expect(await mirrorCount(key)).toBe(sandboxCount(AUSTIN) + 1);
    const after = await stateRow(key);
    expect(after.verifiedAt).not.toBeNull();
    expect(after.verifyDueAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3_600_000);
    // The verify pass left the reconcile checkpoint alone.
    expect(after.cursorId).toBe(state.cursorId);

    // Missed: the three deletes, and the edit made during the pass (its webhook was dropped too).
    const run = await runRow(verify.status === "succeeded" ? verify.runId : "");
    expect(run).toMatchObject({ kind: "verify", removed: 3, missed: 4 });
    bed.sandbox.control.faults.clear();
  });

  it("leaves changes younger than the webhook grace period for the next sweep", async () => {
    const key = keys[AUSTIN]!;
    bed.sandbox.control.faults.set({ webhooks: { dropRate: 1 } });
    bed.sandbox.control.contacts.upsert(AUSTIN, { firstName: "Fresh", email: "fresh@x.test" });
    const outcome = await sweepContacts(deps(), key, { trigger: "schedule" });
    expect(outcome).toMatchObject({ status: "succeeded", counts: { missed: 0, created: 0 } });
    const later = await sweepContacts(deps(), key, { trigger: "schedule", graceMs: 0 });
    expect(later).toMatchObject({ status: "succeeded", counts: { missed: 1, created: 1 } });
    bed.sandbox.control.faults.clear();
  });

  it("resumes a failed backfill from its checkpoint instead of starting over", async () => {
    const key = keys[BRIGHTSIDE]!;
    const total = sandboxCount(BRIGHTSIDE);
    const failed = await sweepContacts(deps(), key, {
      trigger: "connect",
      pageLimit: 50,
      onPage: ({ pages }) => {
        // GHL starts failing for this location after the second page.
        if (pages === 2)
          bed.sandbox.control.faults.set({
            errors: { rate: 1, statuses: [500] },
            locationIds: [BRIGHTSIDE],
          });
      },
    });
    bed.sandbox.control.faults.clear();
    expect(failed).toMatchObject({ status: "failed", counts: { scanned: 100 } });
    expect(failed.status === "failed" && failed.error).toMatch(/^GHL-006/);
    const state = await stateRow(key);
    expect(state.backfilledAt).toBeNull();
    expect(state.cursorId).not.toBeNull();
    expect(state.nextDueAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await mirrorCount(key)).toBe(100);

    const resumed = await sweepContacts(deps(), key, { trigger: "schedule", pageLimit: 50 });
    expect(resumed).toMatchObject({ status: "succeeded", kind: "backfill" });
    const scanned = resumed.status === "succeeded" ? resumed.counts.scanned : 0;
    // Only the rest, plus the few contacts inside the one-minute overlap.
    expect(scanned).toBeLessThan(total - 90);
    expect(scanned).toBeGreaterThanOrEqual(total - 100);
    expect(await mirrorCount(key)).toBe(total);
    expect((await stateRow(key)).backfilledAt).not.toBeNull();
  });

  it("runs one sweep per location, and takes over a sweep whose worker died", async () => {
    const key = keys[HARBOR]!;
    const held = await acquireSweep(t.db, key, "manual");
    expect(held.acquired).toBe(true);
    const blocked = await sweepContacts(deps(), key, { trigger: "schedule" });
    expect(blocked).toEqual({
      status: "busy",
      runId: held.acquired ? held.run.id : "",
    });

    // The holder stops writing pages (a killed process): its heartbeat goes stale.
    await t.db
      .update(syncRuns)
      .set({ heartbeatAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(syncRuns.id, held.acquired ? held.run.id : ""));
    const taken = await sweepContacts(deps(), key, { trigger: "schedule" });
    expect(taken).toMatchObject({ status: "succeeded", kind: "backfill" });
    const dead = await runRow(held.acquired ? held.run.id : "");
    expect(dead.status).toBe("failed");
    expect(dead.error).toMatch(/Stopped responding/);
  });
});
