import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { auditLog, ghlConnections } from "../db/schema";
import { createAgencyFixture } from "../testing/factories";
import { type TestDb, createTestDb } from "../testing/db";
import { type GhlTestbed, connectThroughOAuth, startGhlTestbed } from "../testing/ghl";
import { findLocationConnection } from "./connections/connections.repo";
import { createOAuthClient } from "./oauth/token-client";
import { createTokenManager } from "./token-manager";

const SUMMIT = "SmmtGrwthPrtnrs00001";
const AUSTIN = "AustinDentalStudio01";

let t: TestDb;
let bed: GhlTestbed;
let agencyId: string;
let connectionId: string;

beforeAll(async () => {
  t = await createTestDb();
  bed = await startGhlTestbed(t.db);
});
afterAll(async () => {
  await bed?.close();
  await t?.close();
});

/** A fresh agency with a location grant for Austin; its token made to expire in one minute. */
beforeEach(async () => {
  const a = await createAgencyFixture(t.db);
  await t.asOwner((db) => db.execute(`update agencies set ghl_company_id = null`));
  await connectThroughOAuth(
    bed,
    { agencyId: a.agency.id, userId: a.owner.id },
    { companyId: SUMMIT, locations: [AUSTIN] },
  );
  const row = await findLocationConnection(t.db, a.agency.id, AUSTIN);
  agencyId = a.agency.id;
  connectionId = row!.id;
  await expire(60_000);
  bed.sandbox.control.resetStats();
});

const expire = (inMs: number) =>
  t.db
    .update(ghlConnections)
    .set({ expiresAt: new Date(Date.now() + inMs) })
    .where(eq(ghlConnections.id, connectionId));

const row = async () =>
  (await t.db.select().from(ghlConnections).where(eq(ghlConnections.id, connectionId)))[0]!;

/**
 * Another "process": its own token manager (own in-memory cache) on the same database. Tests move
 * expiry in the database, which the runtime's cache (filled while connecting) would not see.
 */
const otherProcess = () =>
  createTokenManager({ db: t.db, cipher: bed.runtime.cipher, oauth: bed.runtime.oauth });

describe("token manager", () => {
  it("refreshes when less than five minutes remain, once, and stores the rotated pair", async () => {
    const before = await row();
    const manager = otherProcess();
    const tokens = await Promise.all(
      Array.from({ length: 10 }, () => manager.getAccessToken(connectionId)),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(bed.sandbox.control.stats().tokenEndpoint.refresh_token).toBe(1);
    const after = await row();
    expect(after.version).toBe(before.version + 1);
    expect(after.refreshTokenEnc).not.toBe(before.refreshTokenEnc);
    expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.agencyId, agencyId), eq(auditLog.action, "ghl.token.refreshed")));
    expect(audits).toHaveLength(1);
  });

  it("refreshes once across ten concurrent processes, and every waiter gets the new token", async () => {
    const managers = Array.from({ length: 10 }, otherProcess);
    const tokens = await Promise.all(
      managers.flatMap((m) => [m.getAccessToken(connectionId), m.getAccessToken(connectionId)]),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(bed.sandbox.control.stats().tokenEndpoint).toMatchObject({
      refresh_token: 1,
      failed: 0,
    });
  });

  it("keeps the grant on a transient failure and hands out the current token while it lasts", async () => {
    const current = await otherProcess().getAccessToken(connectionId);
    await expire(60_000);
    const offline = createTokenManager({
      db: t.db,
      cipher: bed.runtime.cipher,
      oauth: createOAuthClient({
        apiBaseUrl: "http://127.0.0.1:9",
        clientId: bed.runtime.config.clientId,
        clientSecret: "x",
        timeoutMs: 500,
      }),
    });
    expect(await offline.getAccessToken(connectionId)).toBe(current);
    const after = await row();
    expect(after).toMatchObject({ status: "active", refreshFailures: 1 });
    expect(after.lastError).toBeTruthy();
    expect(after.retryAfter!.getTime()).toBeGreaterThan(Date.now());
  });

  it("re-mints from the agency grant when the location's refresh token is dead", async () => {
    const a = await createAgencyFixture(t.db);
    await t.asOwner((db) => db.execute(`update agencies set ghl_company_id = null`));
    await connectThroughOAuth(
      bed,
      { agencyId: a.agency.id, userId: a.owner.id },
      { companyId: SUMMIT, agency: true },
    );
    await connectThroughOAuth(
      bed,
      { agencyId: a.agency.id, userId: a.owner.id },
      { companyId: SUMMIT, locations: [AUSTIN] },
    );
    const location = await findLocationConnection(t.db, a.agency.id, AUSTIN);
    await t.db
      .update(ghlConnections)
      .set({ expiresAt: new Date(Date.now() + 1000) })
      .where(eq(ghlConnections.id, location!.id));
    const revoked = [...bed.sandbox.sandbox.state.refreshTokens.values()].filter(
      (r) => r.locationId === AUSTIN && !r.spent,
    );
    for (const token of revoked) token.revoked = true;
    const token = await otherProcess().getAccessToken(location!.id);
    expect(bed.sandbox.sandbox.state.accessTokens.get(token)).toMatchObject({
      locationId: AUSTIN,
      revoked: false,
    });
    const recovered = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.agencyId, a.agency.id), eq(auditLog.action, "ghl.token.recovered")));
    expect(recovered).toHaveLength(1);
  });

  it("marks needs_reauth on invalid_grant with nothing to fall back on, and never loops", async () => {
    for (const token of bed.sandbox.sandbox.state.refreshTokens.values())
      if (token.locationId === AUSTIN) token.revoked = true;
    await expect(otherProcess().getAccessToken(connectionId)).rejects.toMatchObject({
      code: "GHL-001",
    });
    expect(await row()).toMatchObject({ status: "needs_reauth" });
    const calls = bed.sandbox.control.stats().tokenEndpoint.refresh_token;
    await expect(otherProcess().getAccessToken(connectionId)).rejects.toMatchObject({
      code: "GHL-001",
    });
    expect(bed.sandbox.control.stats().tokenEndpoint.refresh_token).toBe(calls);
  });
});
