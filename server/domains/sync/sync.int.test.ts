import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  type LocalSweepRunner,
  createLocalSweepRunner,
  setLocalSweepRunner,
} from "../../background/contacts-sweeps";
import { auditLog, locationAccess, syncRuns } from "../../db/schema";
import { acquireSweep, finishSweep } from "../../sync/contacts/sync-runs.repo";
import { type AgencyFixture, callerFor, createAgencyFixture } from "../../testing/factories";
import { type TestDb, createTestDb } from "../../testing/db";
import { type GhlTestbed, connectThroughOAuth, startGhlTestbed } from "../../testing/ghl";
import { findLocationByGhlId } from "../locations/locations.repo";

const MAPLE = "MapleLeafRealty00001";

let t: TestDb;
let bed: GhlTestbed;
let us: AgencyFixture;
let them: AgencyFixture;
let runner: LocalSweepRunner;
let maple: string;

const as = (userId: string) => callerFor(t.db, userId, bed.ghl);

const codeOf = async (run: Promise<unknown>) => {
  try {
    await run;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
};

beforeAll(async () => {
  t = await createTestDb();
  bed = await startGhlTestbed(t.db);
  us = await createAgencyFixture(t.db);
  them = await createAgencyFixture(t.db);
  await connectThroughOAuth(
    bed,
    { agencyId: us.agency.id, userId: us.owner.id },
    { companyId: "SmmtGrwthPrtnrs00001", locations: [MAPLE] },
  );
  maple = (await findLocationByGhlId(t.db, us.agency.id, MAPLE))!.id;
  // The member may open Maple as a plain user.
  await t.db
    .insert(locationAccess)
    .values({ agencyId: us.agency.id, userId: us.member.id, locationId: maple, role: "user" });
  // The local driver, as the app server runs it (this process has no other).
  runner = createLocalSweepRunner({ ghl: bed.ghl, sweep: { graceMs: 0 } });
  setLocalSweepRunner(runner);
});
afterAll(async () => {
  setLocalSweepRunner(null);
  await runner?.stop();
  await bed?.close();
  await t?.close();
});

describe("sync router", () => {
  it("shows a connected location that was never swept as due, with no history", async () => {
    const status = await as(us.owner.id).sync.status({ locationId: maple });
    expect(status).toMatchObject({
      connectionStatus: "connected",
      frequency: "realtime",
      backfilledAt: null,
      current: null,
      lastFinished: null,
      canSyncNow: true,
      missed: { last24h: 0, last7d: 0, total: 0 },
    });
    expect(status.nextDueAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const member = await as(us.member.id).sync.status({ locationId: maple });
    expect(member.canSyncNow).toBe(false);
    expect(await as(us.member.id).sync.runs({ locationId: maple })).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it("sync now: location admins only, audited, run by the background driver", async () => {
    expect(await codeOf(as(us.member.id).sync.syncNow({ locationId: maple }))).toBe("FORBIDDEN");
    const before = new Date(Date.now() - 1000);
    const requested = await as(us.admin.id).sync.syncNow({ locationId: maple });
    expect(requested.queued).toBe(true);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, us.admin.id), eq(auditLog.outcome, "success")));
    expect(audit.some((row) => row.occurredAt > before && row.action.includes("sync"))).toBe(true);

    await runner.idle();
    const status = await as(us.owner.id).sync.status({ locationId: maple });
    expect(status.current).toBeNull();
    expect(status.queued).toBe(false);
    expect(status.backfilledAt).not.toBeNull();
    expect(status.lastFinished).toMatchObject({
      kind: "backfill",
      trigger: "manual",
      status: "succeeded",
      stalled: false,
    });
    expect(status.lastFinished!.scanned).toBe(status.lastFinished!.expected);
    // Real-time locations are reconciled every 15 minutes.
    expect(status.nextDueAt!.getTime() - status.lastFinished!.finishedAt!.getTime()).toBe(
      15 * 60_000,
    );
  });

  it("refuses sync now while a sweep runs, and shows that sweep's progress", async () => {
    const lease = await acquireSweep(
      t.db,
      { agencyId: us.agency.id, locationId: maple },
      "schedule",
    );
    if (!lease.acquired) throw new Error("expected the lease");
    const refused = as(us.owner.id).sync.syncNow({ locationId: maple });
    await expect(refused).rejects.toThrow(/already running/);
    expect(await codeOf(as(us.owner.id).sync.syncNow({ locationId: maple }))).toBe("CONFLICT");
    const status = await as(us.owner.id).sync.status({ locationId: maple });
    expect(status.current).toMatchObject({
      id: lease.run.id,
      kind: "reconcile",
      status: "running",
    });
    expect(status.canSyncNow).toBe(false);
    await finishSweep(t.db, { agencyId: us.agency.id, locationId: maple }, lease.run, {
      status: "failed",
      error: "GHL-006: GoHighLevel had an internal error. Try again in a moment.",
      retryAt: new Date(Date.now() + 60_000),
    });
  });

  it("pages the history newest first without gaps", async () => {
    const first = await as(us.owner.id).sync.runs({ locationId: maple, limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.items[0]!.status).toBe("failed");
    expect(first.items[0]!.error).toMatch(/^GHL-006/);
    const second = await as(us.owner.id).sync.runs({
      locationId: maple,
      limit: 1,
      cursor: first.nextCursor!,
    });
    expect(second.items[0]!.kind).toBe("backfill");
    expect(second.nextCursor).toBeNull();
    const all = await t.db.select().from(syncRuns).where(eq(syncRuns.locationId, maple));
    expect(all).toHaveLength(2);
  });

  it("refuses sync now for a location that is not connected", async () => {
    expect(await codeOf(as(us.owner.id).sync.syncNow({ locationId: us.locations[0].id }))).toBe(
      "PRECONDITION_FAILED",
    );
  });

  it("counts missed changes per location agency-wide, only where the caller may look", async () => {
    bed.sandbox.control.faults.set({ webhooks: { dropRate: 1 } });
    bed.sandbox.control.contacts.upsert(MAPLE, { firstName: "Dropped", email: "d@x.test" });
    bed.sandbox.control.faults.clear();
    await as(us.owner.id).sync.syncNow({ locationId: maple });
    await runner.idle();

    const overview = await as(us.owner.id).sync.missedOverview({ days: 7 });
    expect(overview.total).toBe(1);
    const row = overview.locations.find((l) => l.locationId === maple);
    expect(row).toMatchObject({ missed: 1, lastStatus: "succeeded" });
    expect(overview.locations).toHaveLength(3);
    expect(overview.daily.reduce((sum, d) => sum + d.missed, 0)).toBe(1);
    const status = await as(us.owner.id).sync.status({ locationId: maple });
    expect(status.missed).toEqual({ last24h: 1, last7d: 1, total: 1 });

    // The member sees Maple and the location granted by the fixture, nothing else.
    const mine = await as(us.member.id).sync.missedOverview({ days: 7 });
    expect(mine.locations.map((l) => l.locationId).sort()).toEqual(
      [maple, us.locations[0].id].sort(),
    );
  });

  it("answers NOT_FOUND for another agency's location", async () => {
    const locationId = them.locations[0].id;
    const caller = as(us.owner.id);
    expect(await codeOf(caller.sync.status({ locationId }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.sync.runs({ locationId }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.sync.syncNow({ locationId }))).toBe("NOT_FOUND");
  });
});
