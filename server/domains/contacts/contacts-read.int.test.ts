import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contacts } from "../../db/schema";
import { TOTAL_CAP } from "./contacts-relevance.repo";
import {
  type AgencyFixture,
  callerFor,
  createAgencyFixture,
  createLocation,
  grantLocation,
} from "../../testing/factories";
import { type TestDb, createTestDb } from "../../testing/db";

let t: TestDb;
let us: AgencyFixture;
let them: AgencyFixture;
/** A third location of ours, granted to the member (the fixture's first is too). */
let shop: { id: string; name: string };

type Seed = Partial<typeof contacts.$inferInsert> & { name: string | null };

const seed = async (fixture: AgencyFixture, locationId: string, rows: Seed[]) => {
  let minute = 0;
  await t.db.insert(contacts).values(
    rows.map((row) => {
      const at = new Date(Date.UTC(2026, 0, 1, 12, minute++));
      return {
        agencyId: fixture.agency.id,
        locationId,
        ghlId: `g${Math.random().toString(36).slice(2, 12)}`,
        sourceVersion: at,
        dateUpdated: at,
        dateAdded: at,
        ...row,
      };
    }),
  );
};

beforeAll(async () => {
  t = await createTestDb();
  [us, them] = await Promise.all([createAgencyFixture(t.db), createAgencyFixture(t.db)]);
  shop = await createLocation(t.db, us.agency.id, { name: "Shop" });
  await grantLocation(t.db, {
    agencyId: us.agency.id,
    userId: us.member.id,
    locationId: shop.id,
    role: "user",
  });
  await seed(us, shop.id, [
    {
      name: "Ada Lovelace",
      email: "ada@example.test",
      phone: "+15125550101",
      tags: ["vip", "math"],
      customFields: [{ id: "cf_tier", value: "Gold" }],
    },
    { name: "Grace Hopper", email: "grace@navy.test", tags: ["navy"] },
    { name: "Promo 100%_off", email: "promo@example.test" },
    { name: "Back\\slash", email: "slash@example.test" },
    { name: "Ada Deleted", email: "gone@example.test", deletedAt: new Date() },
    ...Array.from({ length: 6 }, (_, i) => ({
      name: `Person ${i + 1}`,
      email: `person${i + 1}@example.test`,
    })),
  ]);
  // The second location of ours is not granted to the member.
  await seed(us, us.locations[1].id, [{ name: "Ada Elsewhere", email: "ada@elsewhere.test" }]);
  await seed(them, them.locations[0].id, [{ name: "Ada Theirs", email: "ada@theirs.test" }]);
});
afterAll(() => t?.close());

const names = (page: { items: { name: string | null }[] }) => page.items.map((c) => c.name);

describe("contacts.list (from the mirror)", () => {
  const list = (input: Record<string, unknown>) =>
    callerFor(t.db, us.member.id).contacts.list({ locationId: shop.id, ...input });

  it("searches by name, email and phone, tolerates a typo, and skips deleted rows", async () => {
    expect(names(await list({ search: "ada" }))).toEqual(["Ada Lovelace"]);
    expect(names(await list({ search: "NAVY.test" }))).toEqual(["Grace Hopper"]);
    expect(names(await list({ search: "(512) 555-0101" }))).toEqual(["Ada Lovelace"]);
    expect(names(await list({ search: "lovelase", sort: "relevance" }))).toEqual(["Ada Lovelace"]);
  });

  it("treats SQL and LIKE syntax in the search as plain text", async () => {
    expect(names(await list({ search: "' OR 1=1 --" }))).toEqual([]);
    // As wildcards these would match every row.
    expect(names(await list({ search: "%_%" }))).toEqual([]);
    expect(names(await list({ search: "%_" }))).toEqual(["Promo 100%_off"]);
    expect(names(await list({ search: "%" }))).toEqual(["Promo 100%_off"]);
    expect(names(await list({ search: "_" }))).toEqual(["Promo 100%_off"]);
    expect(names(await list({ search: "\\" }))).toEqual(["Back\\slash"]);
    expect(names(await list({ search: "k\\s" }))).toEqual(["Back\\slash"]);
  });

  it("filters by tags (any or all), email/phone presence and a custom field value", async () => {
    const tagged = await list({
      filters: { tags: ["VIP", "navy"], tagMode: "any" },
      sort: "name",
      direction: "asc",
    });
    expect(names(tagged)).toEqual(["Ada Lovelace", "Grace Hopper"]);
    expect(names(await list({ filters: { tags: ["vip", "navy"], tagMode: "all" } }))).toEqual([]);
    expect(names(await list({ filters: { tags: ["vip", "math"], tagMode: "all" } }))).toEqual([
      "Ada Lovelace",
    ]);
    expect(names(await list({ filters: { hasPhone: true } }))).toEqual(["Ada Lovelace"]);
    expect((await list({ filters: { hasPhone: false } })).total).toBe(9);
    expect(
      names(await list({ filters: { customField: { id: "cf_tier", value: "Gold" } } })),
    ).toEqual(["Ada Lovelace"]);
    expect(
      names(await list({ filters: { customField: { id: "cf_tier", value: "Silver" } } })),
    ).toEqual([]);
  });

  it("sorts and pages with a total", async () => {
    const byName = await list({ sort: "name", direction: "asc", pageSize: 100 });
    expect(byName.total).toBe(10);
    expect(byName.totalCapped).toBe(false);
    expect(names(byName).slice(0, 3)).toEqual(["Ada Lovelace", "Back\\slash", "Grace Hopper"]);
    const byEmail = await list({ sort: "email", direction: "desc", pageSize: 100 });
    expect(byEmail.items[0]?.email).toBe("slash@example.test");

    const first = await list({ sort: "dateAdded", direction: "asc", pageSize: 5 });
    const second = await list({ sort: "dateAdded", direction: "asc", pageSize: 5, page: 2 });
    expect(names(first)).toEqual([
      "Ada Lovelace",
      "Grace Hopper",
      "Promo 100%_off",
      "Back\\slash",
      "Person 1",
    ]);
    expect(second.items).toHaveLength(5);
    expect(second.total).toBe(10);
    expect(names(second)).not.toContain("Ada Lovelace");
    expect((await list({ pageSize: 5, page: 3 })).items).toEqual([]);
  });

  it("is NOT_FOUND for a location the caller cannot open", async () => {
    await expect(
      callerFor(t.db, us.member.id).contacts.list({ locationId: us.locations[1].id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      callerFor(t.db, us.owner.id).contacts.list({ locationId: them.locations[0].id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("contacts.list on a larger location", () => {
  let ranked: { id: string };
  let big: { id: string };
  const list = (locationId: string, input: Record<string, unknown>) =>
    callerFor(t.db, us.owner.id).contacts.list({ locationId, ...input });

  beforeAll(async () => {
    [ranked, big] = await Promise.all([
      createLocation(t.db, us.agency.id, { name: "Ranked" }),
      createLocation(t.db, us.agency.id, { name: "Big" }),
    ]);
    // Oldest first: newest-first would list them backwards.
    await seed(us, ranked.id, [
      { name: "Stone Cold", email: "r1@example.test" },
      { name: "Stoneman Bo", email: "r2@example.test" },
      { name: "Bo Stone", email: "r3@example.test" },
      { name: "Bo Flintstone", email: "r4@example.test" },
      { name: "Bo Ston", email: "r5@example.test" },
      { name: null, email: "r6@example.test" },
    ]);
    await seed(
      us,
      big.id,
      Array.from({ length: TOTAL_CAP + 1 }, (_, i) => ({
        name: `Many ${i}`,
        email: `m${i}@x.test`,
      })),
    );
  });

  it("ranks first word, name prefix, later word, infix, then typos, before recency", async () => {
    expect(names(await list(ranked.id, { search: "stone", sort: "relevance" }))).toEqual([
      "Stone Cold",
      "Stoneman Bo",
      "Bo Stone",
      "Bo Flintstone",
      "Bo Ston",
    ]);
  });

  it("reads Z→A as A→Z backwards: contacts without a name come first", async () => {
    const az = names(await list(ranked.id, { sort: "name", direction: "asc" }));
    const za = names(await list(ranked.id, { sort: "name", direction: "desc" }));
    expect(az.at(-1)).toBeNull();
    expect(za).toEqual([...az].reverse());
  });

  it("stops counting at the cap, searching or not", async () => {
    for (const input of [{}, { search: "many", sort: "relevance" }, { search: "many" }]) {
      const page = await list(big.id, input);
      expect(page).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
      expect(page.items).toHaveLength(25);
    }
    const last = await list(big.id, { search: "many 1000", sort: "relevance" });
    expect(names(last)).toEqual(["Many 1000"]);
    expect(last).toMatchObject({ total: 1, totalCapped: false });
  });

  it("answers past the last page with the total", async () => {
    const beyond = await list(ranked.id, { search: "stone", sort: "relevance", page: 3 });
    expect(beyond).toMatchObject({ items: [], total: 5, totalCapped: false });
  });
});

describe("contacts.searchAll", () => {
  it("searches every location for owners, granted ones for members, never another agency", async () => {
    const owner = await callerFor(t.db, us.owner.id).contacts.searchAll({ search: "ada" });
    expect(owner.items.map((c) => [c.name, c.locationName]).sort()).toEqual([
      ["Ada Elsewhere", us.locations[1].name],
      ["Ada Lovelace", "Shop"],
    ]);
    const member = await callerFor(t.db, us.member.id).contacts.searchAll({ search: "ada" });
    expect(names(member)).toEqual(["Ada Lovelace"]);
    const literal = await callerFor(t.db, us.owner.id).contacts.searchAll({ search: "%" });
    expect(names(literal)).toEqual(["Promo 100%_off"]);
  });
});

describe("contacts.filterOptions", () => {
  it("lists the tags in use with counts", async () => {
    const options = await callerFor(t.db, us.member.id).contacts.filterOptions({
      locationId: shop.id,
    });
    expect(options.tags).toEqual(
      expect.arrayContaining([
        { tag: "vip", count: 1 },
        { tag: "navy", count: 1 },
      ]),
    );
    expect(options.customFields).toEqual([]);
  });
});
