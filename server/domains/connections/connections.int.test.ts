import { TRPCError } from "@trpc/server";
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { agencies, auditLog, ghlConnections, ghlOauthStates, locations } from "../../db/schema";
import {
  type AgencyFixture,
  addMembership,
  callerFor,
  createAgencyFixture,
  createUser,
} from "../../testing/factories";
import { type TestDb, createTestDb } from "../../testing/db";
import { type GhlTestbed, consentInSandbox, startGhlTestbed } from "../../testing/ghl";

const SUMMIT = "SmmtGrwthPrtnrs00001";
const NORTHWIND = "NrthwndMarketing0001";
const AUSTIN = "AustinDentalStudio01";

let t: TestDb;
let bed: GhlTestbed;
beforeAll(async () => {
  t = await createTestDb();
  bed = await startGhlTestbed(t.db);
});
afterAll(async () => {
  await bed?.close();
  await t?.close();
});

const codeOf = async (run: Promise<unknown>) => {
  try {
    await run;
    return { code: "OK", message: "" };
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
};

/** Each test agency connects the sandbox's agencies afresh: release them from earlier tests. */
const freeCompanies = () =>
  t.asOwner((db) =>
    db.update(agencies).set({ ghlCompanyId: null }).where(isNotNull(agencies.ghlCompanyId)),
  );

/** Runs the whole browser dance for `fixture`'s owner and returns the callback's result. */
const connect = async (
  fixture: AgencyFixture,
  choice: Parameters<typeof consentInSandbox>[1],
  returnTo?: string,
) => {
  const owner = callerFor(t.db, fixture.owner.id, bed.ghl);
  const { url } = await owner.connections.start({
    optionalScopes: ["workflows.readonly", "not.a.scope"],
    returnTo,
  });
  const { code, state } = await consentInSandbox(url, choice);
  return { owner, code, state, url, result: await owner.connections.complete({ code, state }) };
};

describe("connecting GoHighLevel over OAuth", () => {
  it("asks for the scopes, with a single-use state and PKCE", async () => {
    const a = await createAgencyFixture(t.db);
    const { url } = await callerFor(t.db, a.owner.id, bed.ghl).connections.start({
      optionalScopes: ["workflows.readonly", "not.a.scope"],
    });
    const params = new URL(url).searchParams;
    expect(new URL(url).pathname).toBe("/v2/oauth/chooselocation");
    expect(params.get("scope")?.split(" ")).toEqual(
      expect.arrayContaining(["contacts.readonly", "oauth.write", "workflows.readonly"]),
    );
    expect(params.get("scope")).not.toContain("not.a.scope");
    expect(params.get("state")).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("redirect_uri")).toBe("http://localhost:3000/api/oauth/ghl/callback");
    const [stored] = await t.db
      .select()
      .from(ghlOauthStates)
      .where(eq(ghlOauthStates.agencyId, a.agency.id));
    expect(stored?.stateHash).not.toBe(params.get("state"));
    expect(stored?.codeVerifierEnc).toMatch(/^v1\./);
  });

  it("connects an agency, stores tokens encrypted, and brings in its sub-accounts", async () => {
    await freeCompanies();
    const a = await createAgencyFixture(t.db);
    const { result } = await connect(a, { companyId: SUMMIT, agency: true });
    expect(result).toEqual({ redirectTo: "/settings/connections?connected=5", connected: 5 });
    const [company] = await t.db
      .select()
      .from(ghlConnections)
      .where(eq(ghlConnections.agencyId, a.agency.id));
    expect(company).toMatchObject({ kind: "company", ghlCompanyId: SUMMIT, status: "active" });
    const tokens = [...bed.sandbox.sandbox.state.accessTokens.keys()];
    expect(tokens.some((token) => JSON.stringify(company).includes(token))).toBe(false);
    const rows = await t.db
      .select()
      .from(locations)
      .where(and(eq(locations.agencyId, a.agency.id), eq(locations.connectionStatus, "connected")));
    expect(rows.map((r) => r.name).sort()).toEqual([
      "Austin Dental Studio",
      "Brightside Roofing",
      "Coastal Yoga Collective",
      "Harbor Legal Group",
      "Maple Leaf Realty",
    ]);
    expect(rows.find((r) => r.ghlLocationId === AUSTIN)?.timezone).toBe("America/Chicago");
    const [agency] = await t.db.select().from(agencies).where(eq(agencies.id, a.agency.id));
    expect(agency?.ghlCompanyId).toBe(SUMMIT);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.agencyId, a.agency.id), eq(auditLog.action, "ghl.connected")));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toMatch(/eyJ|pit-/);

    const overview = await callerFor(t.db, a.owner.id, bed.ghl).connections.overview();
    expect(overview.company).toMatchObject({ status: "connected", credentialType: "oauth" });
    expect(overview.locations.filter((l) => l.via === "agency")).toHaveLength(5);
    expect(JSON.stringify(overview)).not.toContain("eyJ");
  });

  it("refuses forged, reused, expired and other people's states", async () => {
    await freeCompanies();
    const a = await createAgencyFixture(t.db);
    const owner = callerFor(t.db, a.owner.id, bed.ghl);
    expect(
      (await codeOf(owner.connections.complete({ code: "x", state: "forged-state-value-123" })))
        .message,
    ).toContain("not one GHL Hub started");

    const { state, code } = await consentInSandbox((await owner.connections.start({})).url, {
      companyId: SUMMIT,
      locations: [AUSTIN],
    });
    const other = await createUser(t.db);
    await addMembership(t.db, a.agency.id, other.id, "admin");
    expect(
      (await codeOf(callerFor(t.db, other.id, bed.ghl).connections.complete({ code, state })))
        .message,
    ).toContain("started by someone else");
    await owner.connections.complete({ code, state });
    expect((await codeOf(owner.connections.complete({ code, state }))).message).toContain(
      "already used",
    );

    const late = await consentInSandbox((await owner.connections.start({})).url, {
      companyId: SUMMIT,
      locations: [AUSTIN],
    });
    await t.asOwner((db) =>
      db
        .update(ghlOauthStates)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(ghlOauthStates.agencyId, a.agency.id)),
    );
    expect(
      (await codeOf(owner.connections.complete({ code: late.code, state: late.state }))).message,
    ).toContain("expired");
    const refused = await t.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.agencyId, a.agency.id), eq(auditLog.action, "ghl.oauth_state_refused")),
      );
    expect(refused.length).toBeGreaterThanOrEqual(3);
  });

  it("refuses a replayed authorization code", async () => {
    await freeCompanies();
    const a = await createAgencyFixture(t.db);
    const first = await connect(a, { companyId: SUMMIT, locations: [AUSTIN] });
    const { state } = await consentInSandbox((await first.owner.connections.start({})).url, {
      companyId: SUMMIT,
      locations: [AUSTIN],
    });
    const replay = await codeOf(first.owner.connections.complete({ code: first.code, state }));
    expect(replay.code).toBe("BAD_REQUEST");
    expect(replay.message).toContain("single-use");
  });

  it("refuses a GHL company that belongs to another agency, or is not this agency's", async () => {
    await freeCompanies();
    const bound = await createAgencyFixture(t.db);
    await t.asOwner((db) =>
      db.update(agencies).set({ ghlCompanyId: NORTHWIND }).where(eq(agencies.id, bound.agency.id)),
    );
    const mismatch = await codeOf(connect(bound, { companyId: SUMMIT, agency: true }));
    expect(mismatch.code).toBe("FORBIDDEN");
    expect(mismatch.message).toContain("not the one");

    const intruder = await createAgencyFixture(t.db);
    const taken = await codeOf(connect(intruder, { companyId: NORTHWIND, agency: true }));
    expect(taken.code).toBe("FORBIDDEN");
    expect(taken.message).toContain("already connected to another");
    expect(
      await t.db
        .select()
        .from(ghlConnections)
        .where(eq(ghlConnections.agencyId, intruder.agency.id)),
    ).toEqual([]);
  });

  it("never redirects off-site after the callback", async () => {
    for (const returnTo of [
      "https://evil.tld/x",
      "//evil.tld",
      "/\\evil.tld",
      "javascript:alert(1)",
    ]) {
      await freeCompanies();
      const a = await createAgencyFixture(t.db);
      const { result } = await connect(a, { companyId: SUMMIT, locations: [AUSTIN] }, returnTo);
      expect(result.redirectTo).toMatch(/^\/\?connected=1$/);
    }
  });
});

describe("after connecting", () => {
  it("disconnects: uninstalls at GHL, deletes the tokens, marks the locations", async () => {
    await freeCompanies();
    const a = await createAgencyFixture(t.db);
    await connect(a, { companyId: SUMMIT, agency: true });
    const owner = callerFor(t.db, a.owner.id, bed.ghl);
    const { company } = await owner.connections.overview();
    expect(company).not.toBeNull();
    const { disconnected } = await owner.connections.disconnect({ connectionId: company!.id });
    expect(disconnected).toBeGreaterThanOrEqual(1);
    const [row] = await t.db
      .select()
      .from(ghlConnections)
      .where(eq(ghlConnections.id, company!.id));
    expect(row).toMatchObject({
      status: "disconnected",
      accessTokenEnc: "",
      refreshTokenEnc: null,
    });
    expect(
      bed.sandbox.sandbox.state.installations.some(
        (i) => i.companyId === SUMMIT && i.locationId === null,
      ),
    ).toBe(false);
    const connected = await t.db
      .select()
      .from(locations)
      .where(and(eq(locations.agencyId, a.agency.id), eq(locations.connectionStatus, "connected")));
    expect(connected).toEqual([]);
  });

  it("checks a Private Integration Token live and explains what is wrong", async () => {
    await freeCompanies();
    const a = await createAgencyFixture(t.db);
    const owner = callerFor(t.db, a.owner.id, bed.ghl);
    const good = bed.sandbox.control.createPit({ locationId: AUSTIN });
    expect(
      await owner.connections.addPrivateToken({ token: good, kind: "location", ghlId: AUSTIN }),
    ).toMatchObject({ name: "Austin Dental Studio" });

    const wrong = await codeOf(
      owner.connections.addPrivateToken({
        token: "pit-00000000-0000-4000-8000-000000000000",
        kind: "location",
        ghlId: AUSTIN,
      }),
    );
    expect(wrong.message).toContain("does not accept this token");
    const narrow = bed.sandbox.control.createPit({
      locationId: AUSTIN,
      scopes: ["contacts.readonly"],
    });
    expect(
      (
        await codeOf(
          owner.connections.addPrivateToken({ token: narrow, kind: "location", ghlId: AUSTIN }),
        )
      ).message,
    ).toContain("lacks a permission");
    bed.sandbox.control.setLocationActive(AUSTIN, false);
    const inactive = await codeOf(
      owner.connections.addPrivateToken({ token: good, kind: "location", ghlId: AUSTIN }),
    );
    bed.sandbox.control.setLocationActive(AUSTIN, true);
    expect(inactive.message).toContain("not active");
    const health = await owner.connections.overview();
    expect(health.locations.find((l) => l.ghlLocationId === AUSTIN)).toMatchObject({
      via: "location_pit",
      status: "connected",
    });
  });
});
