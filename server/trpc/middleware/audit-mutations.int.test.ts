import { and, eq } from "drizzle-orm";
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

const rowsFor = (action: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.agencyId, a.agency.id)));

describe("auditMutations", () => {
  it("scopes each call on its own, even when calls share one context", async () => {
    // One caller = one context, as a server component rendering several calls.
    const caller = callerFor(t.db, a.owner.id);
    await caller.locations.get({ locationId: a.locations[0].id });
    await caller.agency.rename({ name: "Renamed Agency" });
    const [row] = await rowsFor("agency.rename");
    expect(row).toMatchObject({
      agencyId: a.agency.id,
      locationId: null,
      outcome: "success",
      actorId: a.owner.id,
    });
  });

  it("records a refused mutation with its error code", async () => {
    await expect(
      callerFor(t.db, a.member.id).members.remove({ userId: a.owner.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const rows = await rowsFor("members.remove");
    expect(rows).toEqual([
      expect.objectContaining({
        outcome: "denied",
        errorCode: "FORBIDDEN",
        targetType: "user",
        targetId: a.owner.id,
      }),
    ]);
  });

  it("records nothing for queries", async () => {
    await callerFor(t.db, a.owner.id).locations.list();
    expect(await rowsFor("locations.list")).toEqual([]);
  });
});
