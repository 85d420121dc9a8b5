import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { memberships } from "../../db/schema";

import {
  type AgencyFixture,
  addMembership,
  callerFor,
  createAgencyFixture,
  createUser,
} from "../../testing/factories";
import { type TestDb, createTestDb } from "../../testing/db";

let t: TestDb;
let a: AgencyFixture;
beforeAll(async () => {
  t = await createTestDb();
  a = await createAgencyFixture(t.db);
});
afterAll(() => t?.close());

const failure = async (run: Promise<unknown>) => {
  try {
    await run;
  } catch (error) {
    if (error instanceof TRPCError) {
      return {
        code: error.code,
        message: error.message,
        appCode: (error.cause as { code?: string } | undefined)?.code,
      };
    }
    throw error;
  }
  throw new Error("expected the call to fail");
};

describe("members", () => {
  it("adds a member by email, lower-cased, once", async () => {
    const owner = callerFor(t.db, a.owner.id);
    await owner.members.add({ email: "Jo.New@Example.TEST", name: "Jo", role: "member" });
    const listed = await owner.members.list();
    expect(listed.find((m) => m.email === "jo.new@example.test")).toMatchObject({
      name: "Jo",
      role: "member",
      access: [],
    });
    expect(
      await failure(owner.members.add({ email: "jo.new@example.test", role: "member" })),
    ).toMatchObject({
      code: "CONFLICT",
      message: "jo.new@example.test is already a member of this agency",
    });
  });

  it("adds an existing user of another agency without changing their profile", async () => {
    const other = await createAgencyFixture(t.db);
    await callerFor(t.db, a.owner.id).members.add({
      email: other.owner.email,
      name: "Renamed By A",
      role: "member",
    });
    const viewer = await callerFor(t.db, other.owner.id).viewer.get();
    expect(viewer.user.name).toBe("Test User");
    // Their first agency stays the one they act in.
    expect(viewer.agencies[0]?.agencyId).toBe(other.agency.id);
  });

  it("refuses a bad email as BAD_REQUEST", async () => {
    const error = await failure(
      callerFor(t.db, a.owner.id).members.add({ email: "not-an-email", role: "member" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("Enter a valid email address");
  });

  it("lets admins manage members but not hand out admin or touch owners", async () => {
    const admin = callerFor(t.db, a.admin.id);
    expect(
      (await failure(admin.members.add({ email: "x@example.test", role: "admin" }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await failure(admin.members.updateRole({ userId: a.owner.id, role: "member" }))).code,
    ).toBe("FORBIDDEN");
    const extra = await createUser(t.db);
    await addMembership(t.db, a.agency.id, extra.id, "member");
    expect(await admin.members.updateRole({ userId: extra.id, role: "member" })).toEqual({
      userId: extra.id,
      role: "member",
    });
    expect(await admin.members.remove({ userId: extra.id })).toEqual({ userId: extra.id });
  });

  it("never removes or demotes the last owner", async () => {
    const owner = callerFor(t.db, a.owner.id);
    expect(
      await failure(owner.members.updateRole({ userId: a.owner.id, role: "admin" })),
    ).toMatchObject({
      code: "PRECONDITION_FAILED",
      appCode: "LAST_OWNER",
    });
    expect((await failure(owner.members.remove({ userId: a.owner.id }))).appCode).toBe(
      "LAST_OWNER",
    );
  });

  it("keeps one owner when two owners demote each other at the same time", async () => {
    const b = await createAgencyFixture(t.db);
    await callerFor(t.db, b.owner.id).members.updateRole({ userId: b.admin.id, role: "owner" });
    const results = await Promise.allSettled([
      callerFor(t.db, b.owner.id).members.updateRole({ userId: b.admin.id, role: "member" }),
      callerFor(t.db, b.admin.id).members.updateRole({ userId: b.owner.id, role: "member" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const owners = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.agencyId, b.agency.id), eq(memberships.role, "owner")));
    expect(owners).toHaveLength(1);
  });

  it("grants, changes and revokes a member's access to a location", async () => {
    const owner = callerFor(t.db, a.owner.id);
    const member = callerFor(t.db, a.member.id);
    const [, second] = a.locations;
    expect((await member.locations.list()).map((l) => l.id)).not.toContain(second.id);

    await owner.members.setLocationAccess({
      userId: a.member.id,
      locationId: second.id,
      role: "admin",
    });
    expect((await member.locations.list()).find((l) => l.id === second.id)?.role).toBe("admin");
    await member.locations.updateSettings({ locationId: second.id, syncFrequency: "daily" });

    await owner.members.setLocationAccess({
      userId: a.member.id,
      locationId: second.id,
      role: null,
    });
    expect((await failure(member.locations.get({ locationId: second.id }))).code).toBe("NOT_FOUND");
  });

  it("refuses per-location grants for owners and admins, who already reach everything", async () => {
    const error = await failure(
      callerFor(t.db, a.owner.id).members.setLocationAccess({
        userId: a.admin.id,
        locationId: a.locations[0].id,
        role: "user",
      }),
    );
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: "Owners and admins already reach every location",
    });
  });

  it("cuts a removed member off at once, despite their still-valid session", async () => {
    const c = await createAgencyFixture(t.db);
    const member = callerFor(t.db, c.member.id);
    expect(await member.locations.list()).toHaveLength(1);
    await callerFor(t.db, c.owner.id).members.remove({ userId: c.member.id });
    expect(await failure(member.locations.list())).toMatchObject({
      code: "UNAUTHORIZED",
      appCode: "NO_AGENCY",
    });
    expect((await failure(member.locations.get({ locationId: c.locations[0].id }))).code).toBe(
      "UNAUTHORIZED",
    );
  });
});
