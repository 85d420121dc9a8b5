import type { AnyProcedure } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { and, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  agencies,
  auditLog,
  canonicalFields,
  contactImports,
  contacts,
  ghlConnections,
  locationAccess,
  locations,
  memberships,
  webhookEvents,
} from "../db/schema";
import { findCompanyConnection } from "../ghl/connections/connections.repo";
import { startAuthorization } from "../ghl/oauth/authorize";
import { type AgencyFixture, callerFor, createAgencyFixture } from "../testing/factories";
import { type TestDb, createTestDb } from "../testing/db";
import { type GhlTestbed, connectThroughOAuth, startGhlTestbed } from "../testing/ghl";
import type { ProcedureMeta } from "./init";
import { appRouter } from "./root";

/**
 * Walks the whole router. Every procedure must be listed here, so a new endpoint cannot ship
 * without deciding how it is attacked:
 * - `ids`: called by agency A with agency B's ids → NOT_FOUND and a `cross_tenant_attempt` row.
 * - `own`: takes no ids; called by A, must not return anything of B's.
 * - `unscoped`: not tenant data at all, with the reason.
 * `ownInput` is a valid call on A's own data, used for the role checks and the strict-input check.
 */
type Ctx = {
  us: AgencyFixture;
  them: AgencyFixture;
  /** Their GHL connection, their pending OAuth state, and tokens for GHL sub-accounts. */
  theirConnectionId: string;
  theirState: string;
  pitForTheirCompany: string;
  pitForAnotherCompany: string;
  /** A dead webhook event of each agency. */
  theirEventId: string;
  ourEventId: string;
  /** A mirrored contact in each agency's first location. */
  theirContactId: string;
  ourContactId: string;
  /** A canonical custom field of each agency. */
  theirCanonicalFieldId: string;
  ourCanonicalFieldId: string;
  /** A planned CSV import of each agency. */
  theirImportId: string;
  ourImportId: string;
};
/**
 * - `refused`: a secret of B's (an OAuth state, a GHL company bound to B) used by A: refused with
 *   `code` and audited as `action` in A's log. These carry no id that could be NOT_FOUND.
 */
type Case =
  | { kind: "ids"; inputs: (c: Ctx) => unknown[]; ownInput: (c: Ctx) => unknown }
  | { kind: "own"; ownInput: (c: Ctx) => unknown }
  | {
      kind: "refused";
      input: (c: Ctx) => unknown;
      code: string;
      action: string;
      ownInput: (c: Ctx) => unknown;
    }
  | { kind: "unscoped"; why: string; ownInput: (c: Ctx) => unknown };

/** Contacts: their location, or our location with their contact's id. */
const contactCase = (extra: Record<string, unknown>): Case => ({
  kind: "ids",
  inputs: ({ us, them, theirContactId }) => [
    { locationId: them.locations[0].id, contactId: theirContactId, ...extra },
    { locationId: us.locations[0].id, contactId: theirContactId, ...extra },
  ],
  ownInput: ({ us, ourContactId }) => ({
    locationId: us.locations[0].id,
    contactId: ourContactId,
    ...extra,
  }),
});
const locationCase = (extra: Record<string, unknown>): Case => ({
  kind: "ids",
  inputs: ({ them }) => [{ locationId: them.locations[0].id, ...extra }],
  ownInput: ({ us }) => ({ locationId: us.locations[0].id, ...extra }),
});
const mergeCase: Case = {
  kind: "ids",
  inputs: ({ us, them, ourContactId, theirContactId }) => [
    { locationId: them.locations[0].id, primaryId: theirContactId, duplicateId: ourContactId },
    { locationId: us.locations[0].id, primaryId: ourContactId, duplicateId: theirContactId },
  ],
  ownInput: ({ us, ourContactId }) => ({
    locationId: us.locations[0].id,
    primaryId: ourContactId,
    duplicateId: "00000000-0000-4000-8000-000000000000",
  }),
};

/** Imports: another agency's import id. */
const importCase: Case = {
  kind: "ids",
  inputs: ({ theirImportId }) => [{ importId: theirImportId }],
  ownInput: ({ ourImportId }) => ({ importId: ourImportId }),
};

const CASES: Record<string, Case> = {
  "imports.inspect": {
    kind: "ids",
    inputs: ({ them }) => [
      { uploadId: "00000000-0000-4000-8000-000000000000", locationId: them.locations[0].id },
    ],
    ownInput: ({ us }) => ({
      uploadId: "00000000-0000-4000-8000-000000000000",
      locationId: us.locations[0].id,
    }),
  },
  "imports.plan": {
    kind: "refused",
    input: ({ them }) => ({
      uploadId: "00000000-0000-4000-8000-000000000000",
      mapping: { "0": "email" },
      options: { location: { mode: "fixed", locationId: them.locations[0].id } },
    }),
    code: "NOT_FOUND",
    action: "cross_tenant_attempt",
    ownInput: ({ us }) => ({
      uploadId: "00000000-0000-4000-8000-000000000000",
      mapping: { "0": "email" },
      options: { location: { mode: "fixed", locationId: us.locations[0].id } },
    }),
  },
  "imports.list": { kind: "own", ownInput: () => undefined },
  "imports.progress": importCase,
  "imports.problems": importCase,
  "imports.start": importCase,
  "imports.cancel": importCase,
  "imports.undo": importCase,
  "contacts.list": locationCase({ search: "isolation" }),
  "contacts.searchAll": { kind: "own", ownInput: () => ({ search: "Isolation" }) },
  "contacts.filterOptions": locationCase({}),
  "contacts.get": contactCase({}),
  "contacts.create": locationCase({ fields: { firstName: "Mallory" } }),
  "contacts.update": contactCase({ fields: { city: "Elsewhere" } }),
  "contacts.upsert": locationCase({ fields: { email: "mallory@example.test" } }),
  "contacts.delete": contactCase({}),
  "contacts.addTags": contactCase({ tags: ["stolen"] }),
  "contacts.removeTags": contactCase({ tags: ["stolen"] }),
  "contacts.bulkTag": {
    kind: "ids",
    inputs: ({ us, them, theirContactId }) => [
      {
        locationId: them.locations[0].id,
        contactIds: [theirContactId],
        action: "add",
        tags: ["x"],
      },
      { locationId: us.locations[0].id, contactIds: [theirContactId], action: "add", tags: ["x"] },
    ],
    ownInput: ({ us, ourContactId }) => ({
      locationId: us.locations[0].id,
      contactIds: [ourContactId],
      action: "add",
      tags: ["x"],
    }),
  },
  "contacts.listNotes": contactCase({}),
  "contacts.createNote": contactCase({ body: "Hello" }),
  "contacts.listTasks": contactCase({}),
  "contacts.createTask": contactCase({ title: "Call", dueDate: "2030-01-01T10:00:00.000Z" }),
  "contacts.completeTask": contactCase({ taskId: "task1", completed: true }),
  "contacts.timeline": contactCase({}),
  "contacts.mergePreview": mergeCase,
  "contacts.merge": mergeCase,
  "viewer.get": {
    kind: "unscoped",
    why: "the caller's own user and memberships",
    ownInput: () => undefined,
  },
  "agency.create": {
    kind: "unscoped",
    why: "creates a new agency owned by the caller; takes no ids",
    ownInput: () => ({ name: "Another agency" }),
  },
  "agency.get": { kind: "own", ownInput: () => undefined },
  "agency.rename": { kind: "own", ownInput: () => ({ name: "Renamed" }) },
  "locations.list": { kind: "own", ownInput: () => undefined },
  "locations.get": {
    kind: "ids",
    inputs: ({ them }) => [{ locationId: them.locations[0].id }],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id }),
  },
  "locations.updateSettings": {
    kind: "ids",
    inputs: ({ them }) => [{ locationId: them.locations[0].id, syncFrequency: "daily" }],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id, syncFrequency: "hourly" }),
  },
  "members.list": { kind: "own", ownInput: () => undefined },
  "members.add": {
    kind: "own",
    ownInput: () => ({ email: "new.person@example.test", role: "member" }),
  },
  "members.updateRole": {
    kind: "ids",
    inputs: ({ them }) => [{ userId: them.member.id, role: "admin" }],
    ownInput: ({ us }) => ({ userId: us.member.id, role: "member" }),
  },
  "members.remove": {
    kind: "ids",
    inputs: ({ them }) => [{ userId: them.member.id }],
    ownInput: ({ us }) => ({ userId: us.member.id }),
  },
  "members.setLocationAccess": {
    kind: "ids",
    inputs: ({ us, them }) => [
      { userId: them.member.id, locationId: us.locations[1].id, role: "user" },
      { userId: us.member.id, locationId: them.locations[1].id, role: "admin" },
    ],
    ownInput: ({ us }) => ({ userId: us.member.id, locationId: us.locations[1].id, role: null }),
  },
  "audit.list": {
    kind: "ids",
    inputs: ({ them }) => [{ locationId: them.locations[0].id }],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id }),
  },
  "audit.verify": { kind: "own", ownInput: () => undefined },
  "connections.overview": { kind: "own", ownInput: () => undefined },
  "connections.start": { kind: "own", ownInput: () => ({ optionalScopes: [] }) },
  "connections.complete": {
    kind: "refused",
    input: ({ theirState }) => ({ code: "stolen-code", state: theirState }),
    code: "BAD_REQUEST",
    action: "ghl.oauth_state_refused",
    ownInput: () => ({ code: "some-code", state: "some-state-value-0000" }),
  },
  "connections.disconnect": {
    kind: "ids",
    inputs: ({ theirConnectionId }) => [{ connectionId: theirConnectionId }],
    ownInput: () => ({ connectionId: "00000000-0000-4000-8000-000000000000" }),
  },
  "connections.addPrivateToken": {
    kind: "refused",
    input: ({ pitForTheirCompany }) => ({
      token: pitForTheirCompany,
      kind: "location",
      ghlId: "AustinDentalStudio01",
    }),
    code: "FORBIDDEN",
    action: "ghl.connect_refused",
    ownInput: ({ pitForAnotherCompany }) => ({
      token: pitForAnotherCompany,
      kind: "location",
      ghlId: "NorthwindHvacPhoenx1",
    }),
  },
  "connections.locationHealth": {
    kind: "ids",
    inputs: ({ them }) => [{ locationId: them.locations[0].id }],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id }),
  },
  "webhooks.list": {
    kind: "ids",
    inputs: ({ them }) => [{ locationId: them.locations[0].id }],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id }),
  },
  "webhooks.get": {
    kind: "ids",
    inputs: ({ theirEventId }) => [{ eventId: theirEventId }],
    ownInput: ({ ourEventId }) => ({ eventId: ourEventId }),
  },
  "webhooks.stats": {
    kind: "ids",
    inputs: ({ them }) => [{ locationId: them.locations[0].id }],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id }),
  },
  "webhooks.retry": {
    kind: "ids",
    inputs: ({ theirEventId }) => [{ eventId: theirEventId }],
    ownInput: ({ ourEventId }) => ({ eventId: ourEventId }),
  },
  "webhooks.replay": {
    kind: "ids",
    inputs: ({ theirEventId }) => [{ eventId: theirEventId }],
    ownInput: ({ ourEventId }) => ({ eventId: ourEventId }),
  },
  "customFields.list": {
    kind: "ids",
    inputs: ({ them }) => [{ locationId: them.locations[0].id }],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id }),
  },
  "customFields.listAcrossLocations": { kind: "own", ownInput: () => undefined },
  "customFields.refresh": {
    kind: "ids",
    inputs: ({ them }) => [{ locationId: them.locations[0].id }],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id }),
  },
  "customFields.validate": {
    kind: "ids",
    inputs: ({ them }) => [
      { locationId: them.locations[0].id, values: { "canonical:treatment": "x" } },
    ],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id, values: {} }),
  },
  "customFields.suggestMappings": { kind: "own", ownInput: () => undefined },
  "customFields.canonical.list": { kind: "own", ownInput: () => undefined },
  "customFields.canonical.create": {
    kind: "own",
    ownInput: () => ({ name: "Isolation field", dataType: "text" }),
  },
  "customFields.canonical.update": {
    kind: "ids",
    inputs: ({ theirCanonicalFieldId }) => [
      { canonicalFieldId: theirCanonicalFieldId, name: "Stolen" },
    ],
    ownInput: ({ ourCanonicalFieldId }) => ({
      canonicalFieldId: ourCanonicalFieldId,
      name: "Renamed",
    }),
  },
  "customFields.canonical.delete": {
    kind: "ids",
    inputs: ({ theirCanonicalFieldId }) => [{ canonicalFieldId: theirCanonicalFieldId }],
    ownInput: ({ ourCanonicalFieldId }) => ({ canonicalFieldId: ourCanonicalFieldId }),
  },
  "customFields.canonical.map": {
    kind: "ids",
    inputs: ({ us, them, ourCanonicalFieldId, theirCanonicalFieldId }) => [
      {
        canonicalFieldId: theirCanonicalFieldId,
        locationId: us.locations[0].id,
        customFieldGhlId: "x",
      },
      {
        canonicalFieldId: ourCanonicalFieldId,
        locationId: them.locations[0].id,
        customFieldGhlId: "x",
      },
    ],
    ownInput: ({ us, ourCanonicalFieldId }) => ({
      canonicalFieldId: ourCanonicalFieldId,
      locationId: us.locations[0].id,
      customFieldGhlId: "x",
    }),
  },
  "customFields.canonical.unmap": {
    kind: "ids",
    inputs: ({ us, them, ourCanonicalFieldId, theirCanonicalFieldId }) => [
      { canonicalFieldId: theirCanonicalFieldId, locationId: us.locations[0].id },
      { canonicalFieldId: ourCanonicalFieldId, locationId: them.locations[0].id },
    ],
    ownInput: ({ us, ourCanonicalFieldId }) => ({
      canonicalFieldId: ourCanonicalFieldId,
      locationId: us.locations[0].id,
    }),
  },
  "webhooks.retryAllDead": {
    kind: "ids",
    inputs: ({ them }) => [{ locationId: them.locations[0].id }],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id }),
  },
  "sync.status": {
    kind: "ids",
    inputs: ({ them }) => [{ locationId: them.locations[0].id }],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id }),
  },
  "sync.runs": {
    kind: "ids",
    inputs: ({ them }) => [{ locationId: them.locations[0].id, limit: 5 }],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id, limit: 5 }),
  },
  "sync.syncNow": {
    kind: "ids",
    inputs: ({ them }) => [{ locationId: them.locations[0].id }],
    ownInput: ({ us }) => ({ locationId: us.locations[0].id }),
  },
  "sync.missedOverview": { kind: "own", ownInput: () => ({ days: 7 }) },
};

const isProcedure = (value: unknown): value is AnyProcedure =>
  typeof value === "function" &&
  "_def" in value &&
  typeof (value._def as { type?: unknown }).type === "string";

/** Every procedure of the router, by dotted path (tRPC keeps them in a flat map). */
const procedures = Object.entries(appRouter._def.procedures as object).filter(
  (entry): entry is [string, AnyProcedure] => isProcedure(entry[1]),
);
const scopeOf = (procedure: AnyProcedure) =>
  (procedure._def.meta as ProcedureMeta | undefined)?.scope;

/** A pipeline that accepts hand-offs and runs nothing: no call here may process an event. */
const noPipeline = () => Promise.resolve({ dispatch: () => Promise.resolve() });

/** A caller's procedure by its dotted path, nested routers included (`a.b.c`). */
const procedureAt = (caller: unknown, path: string) =>
  path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;

/** Calls a procedure by its dotted path, as the HTTP handler would. */
const call = async (db: TestDb["db"], userId: string, path: string, input: unknown) =>
  procedureAt(callerFor(db, userId, bed.ghl, noPipeline), path)(input);

const codeOf = async (run: Promise<unknown>) => {
  try {
    await run;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
};

let t: TestDb;
let bed: GhlTestbed;
let ctx: Ctx;
let theirSnapshot: string;

const snapshotOf = async (fixture: AgencyFixture) => {
  const [memberRows, locationRows, grantRows, connectionRows, agencyRows, eventRows] =
    await Promise.all([
      t.db.select().from(memberships).where(eq(memberships.agencyId, fixture.agency.id)),
      t.db.select().from(locations).where(eq(locations.agencyId, fixture.agency.id)),
      t.db.select().from(locationAccess).where(eq(locationAccess.agencyId, fixture.agency.id)),
      t.db.select().from(ghlConnections).where(eq(ghlConnections.agencyId, fixture.agency.id)),
      t.db.select().from(agencies).where(eq(agencies.id, fixture.agency.id)),
      t.db.select().from(webhookEvents).where(eq(webhookEvents.agencyId, fixture.agency.id)),
    ]);
  const sort = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
  return JSON.stringify([
    sort(memberRows),
    sort(locationRows),
    sort(grantRows),
    sort(connectionRows),
    sort(agencyRows),
    sort(eventRows),
  ]);
};

beforeAll(async () => {
  t = await createTestDb();
  bed = await startGhlTestbed(t.db);
  const us = await createAgencyFixture(t.db, "Attacker Agency");
  const them = await createAgencyFixture(t.db, "Victim Agency");
  // The victim is connected to the sandbox's Summit agency and has a connection half-way started.
  await connectThroughOAuth(
    bed,
    { agencyId: them.agency.id, userId: them.owner.id },
    { companyId: "SmmtGrwthPrtnrs00001", agency: true },
  );
  const theirConnection = await findCompanyConnection(t.db, them.agency.id);
  const pending = await startAuthorization(
    {
      db: t.db,
      cipher: bed.runtime.cipher,
      config: {
        oauthBaseUrl: bed.sandbox.url,
        clientId: bed.runtime.config.clientId,
        redirectUri: "http://localhost:3000/api/oauth/ghl/callback",
      },
    },
    { agencyId: them.agency.id, userId: them.owner.id, scopes: ["contacts.readonly"] },
  );
  const deadEvent = async (fixture: AgencyFixture) => {
    const [row] = await t.db
      .insert(webhookEvents)
      .values({
        dedupKey: `isolation-${fixture.agency.id}`,
        ghlType: "ContactUpdate",
        rawBody: new TextEncoder().encode("{}"),
        headers: {},
        signatureScheme: "ed25519",
        status: "dead",
        agencyId: fixture.agency.id,
        locationId: fixture.locations[0].id,
      })
      .returning({ id: webhookEvents.id });
    return row!.id;
  };
  const canonicalField = async (fixture: AgencyFixture) => {
    const [row] = await t.db
      .insert(canonicalFields)
      .values({
        agencyId: fixture.agency.id,
        key: "treatment",
        name: "Treatment",
        dataType: "text",
      })
      .returning({ id: canonicalFields.id });
    return row!.id;
  };
  const mirrorContact = async (fixture: AgencyFixture) => {
    const [row] = await t.db
      .insert(contacts)
      .values({
        agencyId: fixture.agency.id,
        locationId: fixture.locations[0].id,
        ghlId: `isolation${fixture.agency.id.slice(0, 8)}`,
        name: "Isolation Contact",
        sourceVersion: new Date(),
      })
      .returning({ id: contacts.id });
    return row!.id;
  };
  const plannedImport = async (fixture: AgencyFixture) => {
    const [row] = await t.db
      .insert(contactImports)
      .values({
        agencyId: fixture.agency.id,
        fileName: "isolation.csv",
        mapping: {},
        options: {},
        planned: { create: 0, update: 0, skip: 0, invalid: 0 },
        locationIds: [fixture.locations[0].id],
      })
      .returning({ id: contactImports.id });
    return row!.id;
  };
  ctx = {
    us,
    them,
    theirContactId: await mirrorContact(them),
    theirCanonicalFieldId: await canonicalField(them),
    ourCanonicalFieldId: await canonicalField(us),
    theirImportId: await plannedImport(them),
    ourImportId: await plannedImport(us),
    ourContactId: await mirrorContact(us),
    theirEventId: await deadEvent(them),
    ourEventId: await deadEvent(us),
    theirConnectionId: theirConnection!.id,
    theirState: new URL(pending).searchParams.get("state") ?? "",
    pitForTheirCompany: bed.sandbox.control.createPit({ locationId: "AustinDentalStudio01" }),
    pitForAnotherCompany: bed.sandbox.control.createPit({ locationId: "NorthwindHvacPhoenx1" }),
  };
  theirSnapshot = await snapshotOf(ctx.them);
});
afterAll(async () => {
  await bed?.close();
  await t?.close();
});

describe("tenant isolation across the whole router", () => {
  it("has a declared scope and a case for every procedure", () => {
    const missing = procedures
      .filter(([path, p]) => !scopeOf(p) || !CASES[path])
      .map(([path]) => path);
    expect(missing, "add these procedures to CASES in tenant-isolation.int.test.ts").toEqual([]);
    const stale = Object.keys(CASES).filter((path) => !procedures.some(([p]) => p === path));
    expect(stale, "these CASES no longer exist in the router").toEqual([]);
  });

  it("declares every procedure that reads or changes tenant data as agency- or location-scoped", () => {
    for (const [path, procedure] of procedures) {
      const testCase = CASES[path];
      if (testCase?.kind === "unscoped") continue;
      expect(["agency", "agencyAdmin", "location", "locationAdmin"], path).toContain(
        scopeOf(procedure),
      );
    }
  });

  for (const [path, testCase] of Object.entries(CASES)) {
    if (testCase.kind !== "ids") continue;
    it(`${path}: another agency's ids are NOT_FOUND and audited as cross_tenant_attempt`, async () => {
      for (const input of testCase.inputs(ctx)) {
        const before = new Date(Date.now() - 1000);
        expect(await codeOf(call(t.db, ctx.us.owner.id, path, input)), JSON.stringify(input)).toBe(
          "NOT_FOUND",
        );
        const rows = await t.db
          .select()
          .from(auditLog)
          .where(
            and(
              eq(auditLog.agencyId, ctx.us.agency.id),
              eq(auditLog.action, "cross_tenant_attempt"),
              eq(auditLog.actorId, ctx.us.owner.id),
              gt(auditLog.occurredAt, before),
            ),
          );
        const victimIds = Object.values(input as Record<string, unknown>)
          .flat()
          .filter((v) => typeof v === "string");
        expect(
          rows.some((r) => r.targetId !== null && victimIds.includes(r.targetId)),
          JSON.stringify(input),
        ).toBe(true);
        expect(JSON.stringify(rows)).not.toContain(ctx.them.agency.id);
      }
    });
  }

  for (const [path, testCase] of Object.entries(CASES)) {
    if (testCase.kind !== "own") continue;
    it(`${path}: returns and touches only the caller's agency`, async () => {
      const output = await call(t.db, ctx.us.owner.id, path, testCase.ownInput(ctx));
      const text = JSON.stringify(output ?? null);
      for (const secret of [
        ctx.them.agency.id,
        ctx.them.agency.name,
        ...ctx.them.locations.map((l) => l.id),
        ctx.them.owner.id,
      ]) {
        expect(text, `${path} leaked ${secret}`).not.toContain(secret);
      }
    });
  }

  for (const [path, testCase] of Object.entries(CASES)) {
    if (testCase.kind !== "refused") continue;
    it(`${path}: another agency's secret is refused with ${testCase.code} and audited as ${testCase.action}`, async () => {
      const before = new Date(Date.now() - 1000);
      expect(await codeOf(call(t.db, ctx.us.owner.id, path, testCase.input(ctx)))).toBe(
        testCase.code,
      );
      const rows = await t.db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.agencyId, ctx.us.agency.id),
            eq(auditLog.action, testCase.action),
            gt(auditLog.occurredAt, before),
          ),
        );
      expect(rows.length).toBeGreaterThan(0);
    });
  }

  it("webhooks: the agency-wide log and stats hold nothing of the other agency's", async () => {
    for (const path of ["webhooks.list", "webhooks.stats"]) {
      const text = JSON.stringify(await call(t.db, ctx.us.owner.id, path, {}));
      expect(text, path).not.toContain(ctx.theirEventId);
      expect(text, path).not.toContain(ctx.them.locations[0].id);
    }
  });

  it("refuses stray keys such as agencyId or role in every input (strict schemas)", async () => {
    for (const [path, testCase] of Object.entries(CASES)) {
      const base = testCase.ownInput(ctx);
      const input = { ...(base ?? {}), agencyId: ctx.them.agency.id };
      expect(await codeOf(call(t.db, ctx.us.owner.id, path, input)), path).toBe("BAD_REQUEST");
    }
  });

  it("answers FORBIDDEN to members on admin procedures, with an audit row each", async () => {
    const adminOnly = procedures.filter(([, p]) =>
      ["agencyAdmin", "locationAdmin"].includes(scopeOf(p) ?? ""),
    );
    expect(adminOnly.length).toBeGreaterThan(0);
    for (const [path] of adminOnly) {
      const before = new Date(Date.now() - 1000);
      const input = CASES[path]!.ownInput(ctx);
      expect(await codeOf(call(t.db, ctx.us.member.id, path, input)), path).toBe("FORBIDDEN");
      const rows = await t.db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.actorId, ctx.us.member.id),
            eq(auditLog.action, "access_forbidden"),
            gt(auditLog.occurredAt, before),
          ),
        );
      expect(
        rows.some((r) => (r.details as { procedure?: string } | null)?.procedure === path),
        path,
      ).toBe(true);
    }
  });

  it("answers UNAUTHORIZED without a session, everywhere", async () => {
    for (const [path, testCase] of Object.entries(CASES)) {
      const run = procedureAt(callerFor(t.db, null), path)(testCase.ownInput(ctx));
      expect(await codeOf(run), path).toBe("UNAUTHORIZED");
    }
  });

  it("left the other agency exactly as it was", async () => {
    expect(await snapshotOf(ctx.them)).toBe(theirSnapshot);
  });
});
