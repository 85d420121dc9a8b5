import { and, eq } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditLog } from "../../db/schema";
import { type AgencyFixture, callerFor, createAgencyFixture } from "../../testing/factories";
import { type TestDb, createTestDb } from "../../testing/db";

let t: TestDb;
let a: AgencyFixture;
beforeAll(async () => {
  t = await createTestDb();
  a = await createAgencyFixture(t.db);
});
afterAll(() => t?.close());

const codeOf = async (run: Promise<unknown>) => {
  try {
    await run;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
};

describe("locations", () => {
  it("lists every location, sorted, for owners and admins, as admin", async () => {
    for (const userId of [a.owner.id, a.admin.id]) {
      const list = await callerFor(t.db, userId).locations.list();
      expect(list.map((l) => l.id).sort()).toEqual(a.locations.map((l) => l.id).sort());
      expect(list.map((l) => l.name)).toEqual([...list.map((l) => l.name)].sort());
      expect(list.every((l) => l.role === "admin")).toBe(true);
    }
  });

  it("lists only granted locations for members, with their role", async () => {
    const list = await callerFor(t.db, a.member.id).locations.list();
    expect(list).toEqual([expect.objectContaining({ id: a.locations[0].id, role: "user" })]);
  });

  it("lets a location user read but not change settings", async () => {
    const member = callerFor(t.db, a.member.id);
    expect((await member.locations.get({ locationId: a.locations[0].id })).name).toBe(
      a.locations[0].name,
    );
    expect(
      await codeOf(
        member.locations.updateSettings({ locationId: a.locations[0].id, syncFrequency: "daily" }),
      ),
    ).toBe("FORBIDDEN");
  });

  it("audits a member probing a location of their own agency as access_denied", async () => {
    const member = callerFor(t.db, a.member.id);
    expect(await codeOf(member.locations.get({ locationId: a.locations[1].id }))).toBe("NOT_FOUND");
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, a.member.id), eq(auditLog.action, "access_denied")));
    expect(rows).toEqual([
      expect.objectContaining({
        targetType: "location",
        targetId: a.locations[1].id,
        outcome: "denied",
      }),
    ]);
  });

  it("does not audit an id that exists nowhere, and still answers NOT_FOUND", async () => {
    const ghost = "00000000-0000-4000-8000-000000000000";
    expect(await codeOf(callerFor(t.db, a.owner.id).locations.get({ locationId: ghost }))).toBe(
      "NOT_FOUND",
    );
    expect(await t.db.select().from(auditLog).where(eq(auditLog.targetId, ghost))).toEqual([]);
  });

  it("records each successful mutation with actor, agency, location and input", async () => {
    await callerFor(t.db, a.owner.id).locations.updateSettings({
      locationId: a.locations[1].id,
      syncFrequency: "hourly",
    });
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "locations.updateSettings"), eq(auditLog.actorId, a.owner.id)),
      );
    expect(row).toMatchObject({
      agencyId: a.agency.id,
      locationId: a.locations[1].id,
      outcome: "success",
      targetType: "location",
      details: { input: { locationId: a.locations[1].id, syncFrequency: "hourly" } },
    });
  });
});
