import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { agencies, locationAccess, locations, memberships, users } from "../schema";
import { type TestDb, createTestDb } from "../../testing/db";
import { DEMO_AGENCIES } from "./demo-data";
import { hasAnyAgency, seedDemo } from "./seed-demo";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.close());

const counts = async () => ({
  agencies: (await t.db.select().from(agencies)).length,
  users: (await t.db.select().from(users)).length,
  memberships: (await t.db.select().from(memberships)).length,
  locations: (await t.db.select().from(locations)).length,
  grants: (await t.db.select().from(locationAccess)).length,
});

describe("seedDemo", () => {
  it("creates the demo agencies and can run again without duplicating anything", async () => {
    expect(await hasAnyAgency(t.db)).toBe(false);
    await seedDemo(t.db);
    const first = await counts();
    expect(first).toEqual({
      agencies: DEMO_AGENCIES.length,
      users: DEMO_AGENCIES.flatMap((a) => a.users).length,
      memberships: DEMO_AGENCIES.flatMap((a) => a.users).length,
      locations: DEMO_AGENCIES.flatMap((a) => a.locations).length,
      grants: DEMO_AGENCIES.flatMap((a) => a.access).length,
    });
    await seedDemo(t.db);
    expect(await counts()).toEqual(first);
    expect(await hasAnyAgency(t.db)).toBe(true);
  });
});
