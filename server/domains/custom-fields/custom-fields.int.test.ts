import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditLog, canonicalFields, locations } from "../../db/schema";
import { type TestDb, createTestDb } from "../../testing/db";
import { type AgencyFixture, callerFor, createAgencyFixture } from "../../testing/factories";
import { type GhlTestbed, connectThroughOAuth, startGhlTestbed } from "../../testing/ghl";
import { resolveCustomFieldValues } from "./resolve-values";

let t: TestDb;
let bed: GhlTestbed;
let a: AgencyFixture;
let b: AgencyFixture;
/** Our database ids of the Summit locations, by GHL location id. */
const loc: Record<string, string> = {};
let theirCanonicalId: string;

const AUSTIN = "AustinDentalStudio01";
const BRIGHTSIDE = "BrightsideRoofing001";
const COASTAL = "CoastalYogaCollectv1";

const owner = () => callerFor(t.db, a.owner.id, bed.ghl);

const failure = async (run: Promise<unknown>) => {
  try {
    await run;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected the call to fail");
};

/** The sandbox's own record of a location's contact field, to change it behind the app's back. */
const sandboxField = (ghlLocationId: string, name: string) => {
  const field = [...bed.sandbox.sandbox.state.customFields.values()].find(
    (f) => f.locationId === ghlLocationId && f.name === name && f.model === "contact",
  );
  if (!field) throw new Error(`no sandbox field ${name} at ${ghlLocationId}`);
  return field;
};

const fieldsOf = async (ghlLocationId: string) =>
  (await owner().customFields.list({ locationId: loc[ghlLocationId]! })).fields;

const ghlIdOf = async (ghlLocationId: string, name: string) => {
  const field = (await fieldsOf(ghlLocationId)).find((f) => f.name === name);
  if (!field) throw new Error(`no field ${name} at ${ghlLocationId}`);
  return field.ghlId;
};

beforeAll(async () => {
  t = await createTestDb();
  bed = await startGhlTestbed(t.db);
  a = await createAgencyFixture(t.db, "Summit");
  b = await createAgencyFixture(t.db, "Rival");
  await connectThroughOAuth(
    bed,
    { agencyId: a.agency.id, userId: a.owner.id },
    { companyId: "SmmtGrwthPrtnrs00001", agency: true },
  );
  const rows = await t.db
    .select({ id: locations.id, ghlLocationId: locations.ghlLocationId })
    .from(locations)
    .where(eq(locations.agencyId, a.agency.id));
  for (const row of rows) if (row.ghlLocationId) loc[row.ghlLocationId] = row.id;
  const [theirs] = await t.db
    .insert(canonicalFields)
    .values({ agencyId: b.agency.id, key: "secret", name: "Secret", dataType: "text" })
    .returning({ id: canonicalFields.id });
  theirCanonicalId = theirs!.id;
});
afterAll(async () => {
  await bed?.close();
  await t?.close();
});

describe("custom field definitions from GHL", () => {
  it("reads a location's contact fields with types and options on first look, then serves them from the mirror", async () => {
    const first = await owner().customFields.list({ locationId: loc[AUSTIN]! });
    expect(first.refreshError).toBeNull();
    expect(first.lastSyncedAt).toBeInstanceOf(Date);
    expect(first.fields.map((f) => [f.name, f.dataType])).toEqual([
      ["Lead Score", "NUMERICAL"],
      ["Preferred Contact Method", "SINGLE_OPTIONS"],
      ["Referral Source", "TEXT"],
      ["Interests", "MULTIPLE_OPTIONS"],
      ["Last Visit", "DATE"],
    ]);
    expect(first.fields[1]).toMatchObject({
      fieldKey: "contact.preferred_contact_method",
      typeLabel: "Dropdown (single)",
      options: ["Phone", "Email", "SMS"],
    });
    // Opportunity fields ("Expected Close") are not contact fields.
    expect(first.fields.map((f) => f.name)).not.toContain("Expected Close");

    const again = await owner().customFields.list({ locationId: loc[AUSTIN]! });
    expect(again.lastSyncedAt).toEqual(first.lastSyncedAt);
  });

  it("refresh makes the mirror GHL's list: updates, removals, and drops mappings that no longer fit", async () => {
    const api = owner().customFields;
    const first = await api.refresh({ locationId: loc[BRIGHTSIDE]! });
    expect(first).toMatchObject({ created: 5, updated: 0, removed: 0, droppedMappings: 0 });
    const score = await api.canonical.create({ name: "Score", dataType: "number" });
    const source = await api.canonical.create({ name: "Source", dataType: "text" });
    const interests = await api.canonical.create({ name: "Topics", dataType: "multiple_options" });
    for (const [canonical, name] of [
      [score, "Lead Score"],
      [source, "Referral Source"],
      [interests, "Interests"],
    ] as const) {
      await api.canonical.map({
        canonicalFieldId: canonical.id,
        locationId: loc[BRIGHTSIDE]!,
        customFieldGhlId: await ghlIdOf(BRIGHTSIDE, name),
      });
    }

    const state = bed.sandbox.sandbox.state.customFields;
    state.delete(sandboxField(BRIGHTSIDE, "Lead Score").id);
    sandboxField(BRIGHTSIDE, "Referral Source").dataType = "NUMERICAL";
    sandboxField(BRIGHTSIDE, "Interests").picklistOptions = ["Pricing", "Warranty"];

    const second = await api.refresh({ locationId: loc[BRIGHTSIDE]! });
    expect(second).toMatchObject({
      created: 0,
      updated: 2,
      unchanged: 2,
      removed: 1,
      droppedMappings: 2,
    });
    const fields = await fieldsOf(BRIGHTSIDE);
    expect(fields.map((f) => f.name)).not.toContain("Lead Score");
    expect(fields.find((f) => f.name === "Interests")?.options).toEqual(["Pricing", "Warranty"]);
    const canonical = await api.canonical.list();
    const mapped = (id: string) =>
      canonical.find((c) => c.id === id)?.mappings.map((m) => m.locationId);
    expect(mapped(score.id)).toEqual([]);
    expect(mapped(source.id)).toEqual([]);
    expect(mapped(interests.id)).toEqual([loc[BRIGHTSIDE]]);
    const [dropped] = await t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.agencyId, a.agency.id),
          eq(auditLog.action, "custom_fields.mappings_dropped"),
        ),
      );
    expect(JSON.stringify(dropped?.details)).toContain("deleted in GHL");
    for (const id of [score.id, source.id, interests.id])
      await api.canonical.delete({ canonicalFieldId: id });
  });

  it("lists every location side by side and leaves unconnected ones alone", async () => {
    const across = await owner().customFields.listAcrossLocations();
    const byName = new Map(across.locations.map((l) => [l.locationId, l]));
    expect(byName.get(loc[COASTAL]!)?.fields.map((f) => f.name)).toContain("Lead Score");
    // The fixture's own locations have no GHL connection: never synced, no error, no fields.
    expect(byName.get(a.locations[0].id)).toMatchObject({
      connectionStatus: "not_connected",
      lastSyncedAt: null,
      refreshError: null,
      fields: [],
    });
    expect(across.deferred).toBe(0);
  });

  it("says why a refresh fails, naming what to do", async () => {
    const error = await failure(owner().customFields.refresh({ locationId: a.locations[0].id }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toMatch(/not connected to GoHighLevel/);
  });
});

describe("canonical fields", () => {
  it("are created, mapped, refused when incompatible, renamed, unmapped and deleted", async () => {
    const api = owner().customFields.canonical;
    const created = await api.create({ name: "Lead score", dataType: "number" });
    expect(created).toMatchObject({ key: "lead_score", name: "Lead score", mappings: [] });
    expect(await failure(api.create({ name: "Lead Score", dataType: "text" }))).toEqual({
      code: "CONFLICT",
      message: 'A canonical field with the key "lead_score" already exists. Choose another key.',
    });

    const leadScore = await ghlIdOf(AUSTIN, "Lead Score");
    const mapped = await api.map({
      canonicalFieldId: created.id,
      locationId: loc[AUSTIN]!,
      customFieldGhlId: leadScore,
    });
    expect(mapped.previous).toBeNull();

    expect(
      await failure(
        api.map({
          canonicalFieldId: created.id,
          locationId: loc[COASTAL]!,
          customFieldGhlId: await ghlIdOf(COASTAL, "Referral Source"),
        }),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      message:
        '"Referral Source" at Coastal Yoga Collective is a Single line field; "Lead score" (Number) can only map to Number, Monetary fields.',
    });
    const missing = await failure(
      api.map({
        canonicalFieldId: created.id,
        locationId: loc[COASTAL]!,
        customFieldGhlId: "NoSuchField000000000",
      }),
    );
    expect(missing.message).toMatch(/Coastal Yoga Collective has no contact custom field/);

    const other = await api.create({ key: "score_copy", name: "Score copy", dataType: "number" });
    expect(
      (
        await failure(
          api.map({
            canonicalFieldId: other.id,
            locationId: loc[AUSTIN]!,
            customFieldGhlId: leadScore,
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    await api.delete({ canonicalFieldId: other.id });

    const retype = await failure(api.update({ canonicalFieldId: created.id, dataType: "text" }));
    expect(retype.message).toMatch(/cannot become Text: it is mapped to "Lead Score" \(Number\)/);

    const renamed = await api.update({ canonicalFieldId: created.id, name: "Score" });
    expect(renamed).toMatchObject({ key: "lead_score", name: "Score" });
    expect(renamed.mappings).toEqual([{ locationId: loc[AUSTIN], customFieldGhlId: leadScore }]);

    const unmapped = await api.unmap({ canonicalFieldId: created.id, locationId: loc[AUSTIN]! });
    expect(unmapped.previous).toBe(leadScore);
    expect(await api.delete({ canonicalFieldId: created.id })).toEqual({
      id: created.id,
      removedMappings: 0,
    });
    const audited = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.agencyId, a.agency.id), eq(auditLog.targetId, created.id)));
    expect(audited.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        "canonical_field.mapped",
        "canonical_field.updated",
        "canonical_field.unmapped",
        "canonical_field.deleted",
      ]),
    );
  });

  it("suggests mappings by name across locations, and creates a field with them in one step", async () => {
    const api = owner().customFields;
    await api.listAcrossLocations();
    const suggested = await api.suggestMappings();
    const shared = suggested.newCanonical.find((s) => s.key === "preferred_contact_method");
    expect(shared).toMatchObject({ name: "Preferred Contact Method", dataType: "single_option" });
    expect(shared!.fields.length).toBe(5);

    const created = await api.canonical.create({
      key: shared!.key,
      name: shared!.name,
      dataType: shared!.dataType,
      mappings: shared!.fields
        .slice(0, 2)
        .map(({ locationId, customFieldGhlId }) => ({ locationId, customFieldGhlId })),
    });
    expect(created.mappings).toHaveLength(2);
    const next = await api.suggestMappings();
    expect(next.newCanonical.map((s) => s.key)).not.toContain("preferred_contact_method");
    expect(next.mappings.filter((m) => m.canonicalFieldId === created.id)).toHaveLength(3);
    await api.canonical.delete({ canonicalFieldId: created.id });
  });

  it("are managed by owners and admins only; members list what they can open", async () => {
    const member = callerFor(t.db, a.member.id, bed.ghl).customFields;
    expect((await failure(member.canonical.create({ name: "X", dataType: "text" }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await failure(member.suggestMappings())).code).toBe("FORBIDDEN");
    const across = await member.listAcrossLocations();
    expect(across.locations.map((l) => l.locationId)).toEqual([a.locations[0].id]);
    expect((await failure(member.list({ locationId: loc[AUSTIN]! }))).code).toBe("NOT_FOUND");
  });
});

describe("values for a write", () => {
  it("resolve canonical keys through the mapping and coerce each value to its field's type", async () => {
    const api = owner().customFields;
    const score = await api.canonical.create({ name: "Lead score", dataType: "number" });
    const method = await api.canonical.create({ name: "Contact by", dataType: "single_option" });
    const unmapped = await api.canonical.create({ name: "Budget", dataType: "number" });
    const where = { agencyId: a.agency.id, locationId: loc[AUSTIN]! };
    const ids = {
      score: await ghlIdOf(AUSTIN, "Lead Score"),
      method: await ghlIdOf(AUSTIN, "Preferred Contact Method"),
      visit: await ghlIdOf(AUSTIN, "Last Visit"),
    };
    await api.canonical.map({
      canonicalFieldId: score.id,
      locationId: where.locationId,
      customFieldGhlId: ids.score,
    });
    await api.canonical.map({
      canonicalFieldId: method.id,
      locationId: where.locationId,
      customFieldGhlId: ids.method,
    });

    expect(
      await resolveCustomFieldValues(t.db, where, {
        "canonical:lead_score": "1,200",
        "canonical:contact_by": "sms",
        [ids.visit]: "2/8/2026",
        "canonical:budget": "",
      }),
    ).toEqual({
      ok: true,
      customFields: [
        { id: ids.score, field_value: "1200" },
        { id: ids.method, field_value: "SMS" },
        { id: ids.visit, field_value: "2026-02-08" },
      ],
    });

    const bad = await resolveCustomFieldValues(t.db, where, {
      "canonical:lead_score": "12abc",
      "canonical:contact_by": "Fax",
      "canonical:budget": "100",
      "canonical:nope": "x",
      NoSuchField000000000: "x",
    });
    expect(bad).toEqual({
      ok: false,
      errors: [
        'Lead Score: "12abc" is not a number',
        'Preferred Contact Method: "Fax" is not one of "Phone", "Email", "SMS"',
        "Budget (canonical:budget): not mapped to a field of this location; map it in Settings → Custom fields",
        "canonical:nope: the agency has no canonical field with this key",
        'NoSuchField000000000: this location has no custom field with id "NoSuchField000000000"; refresh its fields from GoHighLevel',
      ],
    });
    expect(
      await resolveCustomFieldValues(t.db, where, {
        "canonical:lead_score": "1",
        [ids.score]: "2",
      }),
    ).toEqual({
      ok: false,
      errors: [`Lead Score: set twice, by "canonical:lead_score" and by "${ids.score}"`],
    });

    // The same check over tRPC, for forms that validate before saving.
    expect(
      await api.validate({ locationId: where.locationId, values: { "canonical:lead_score": "x" } }),
    ).toEqual({ ok: false, errors: ['Lead Score: "x" is not a number'] });
    // Another agency's canonical keys mean nothing here.
    expect(await resolveCustomFieldValues(t.db, where, { "canonical:secret": "x" })).toMatchObject({
      ok: false,
    });
    for (const c of [score, method, unmapped])
      await api.canonical.delete({ canonicalFieldId: c.id });
  });
});

describe("tenancy", () => {
  it("answers NOT_FOUND for another agency's canonical fields and locations, and audits the probe", async () => {
    const api = owner().customFields;
    const ours = await api.canonical.create({ name: "Ours", dataType: "text" });
    const probes = [
      () => api.canonical.update({ canonicalFieldId: theirCanonicalId, name: "Mine now" }),
      () => api.canonical.delete({ canonicalFieldId: theirCanonicalId }),
      () =>
        api.canonical.map({
          canonicalFieldId: theirCanonicalId,
          locationId: loc[AUSTIN]!,
          customFieldGhlId: "x",
        }),
      () =>
        api.canonical.map({
          canonicalFieldId: ours.id,
          locationId: b.locations[0].id,
          customFieldGhlId: "x",
        }),
      () => api.canonical.unmap({ canonicalFieldId: ours.id, locationId: b.locations[0].id }),
      () => api.list({ locationId: b.locations[0].id }),
      () => api.refresh({ locationId: b.locations[0].id }),
    ];
    for (const probe of probes) expect((await failure(probe())).code).toBe("NOT_FOUND");
    const attempts = await t.db
      .select({ targetId: auditLog.targetId })
      .from(auditLog)
      .where(and(eq(auditLog.agencyId, a.agency.id), eq(auditLog.action, "cross_tenant_attempt")));
    expect(attempts.map((r) => r.targetId)).toEqual(
      expect.arrayContaining([theirCanonicalId, b.locations[0].id]),
    );
    const [theirs] = await t.db
      .select({ name: canonicalFields.name })
      .from(canonicalFields)
      .where(eq(canonicalFields.id, theirCanonicalId));
    expect(theirs?.name).toBe("Secret");
    const list = JSON.stringify(await api.canonical.list());
    expect(list).not.toContain(theirCanonicalId);
    await api.canonical.delete({ canonicalFieldId: ours.id });
  });
});
