import { eq } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ghlApiCalls } from "../db/schema";
import { createAgencyFixture } from "../testing/factories";
import { type TestDb, createTestDb } from "../testing/db";
import { type GhlTestbed, connectThroughOAuth, startGhlTestbed } from "../testing/ghl";
import { findLocationConnection } from "./connections/connections.repo";
import { targetOf } from "./connections/targets";
import { GhlError } from "./errors";
import type { GhlTarget } from "./http";
import { breakerFor, breakerState, resetBreakers } from "./resilience";

const AUSTIN = "AustinDentalStudio01";

let t: TestDb;
let bed: GhlTestbed;
let target: GhlTarget;

beforeAll(async () => {
  t = await createTestDb();
  // A 1 s rate window keeps 429 pauses (and so Retry-After waits) short.
  bed = await startGhlTestbed(t.db, { rateLimit: { burst: 100, windowMs: 1000, daily: 200_000 } });
  const a = await createAgencyFixture(t.db);
  await connectThroughOAuth(
    bed,
    { agencyId: a.agency.id, userId: a.owner.id },
    { companyId: "SmmtGrwthPrtnrs00001", locations: [AUSTIN] },
  );
  const connection = await findLocationConnection(t.db, a.agency.id, AUSTIN);
  target = targetOf(bed.runtime, connection!, null);
});
afterAll(async () => {
  await bed?.close();
  await t?.close();
});
beforeEach(() => {
  bed.sandbox.control.faults.clear();
  resetBreakers();
});

const ZList = z.object({ contacts: z.array(z.object({ id: z.string() })) });

const list = () =>
  bed.runtime.http.request({
    target,
    operation: "contacts.list",
    method: "GET",
    path: "/contacts/",
    query: { locationId: AUSTIN, limit: 1 },
    version: "2021-07-28",
    schema: ZList,
  });

const failure = async (run: Promise<unknown>) => {
  try {
    await run;
  } catch (error) {
    if (error instanceof GhlError) return error;
    throw error;
  }
  throw new Error("expected a GhlError");
};

describe("GHL HTTP core", () => {
  it("calls GHL with the token, the Version header and the zod schema", async () => {
    const result = await list();
    expect(result.contacts).toHaveLength(1);
  });

  it("retries a GET through 5xx and answers when GHL recovers", async () => {
    bed.sandbox.control.faults.set({ seed: 1, errors: { rate: 0.5, statuses: [502] } });
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        list().then(
          () => "ok",
          (e: unknown) => (e as GhlError).code,
        ),
      ),
    );
    expect(results.filter((r) => r === "ok").length).toBeGreaterThanOrEqual(4);
  });

  it("never retries a POST after a 5xx (GHL honours no idempotency key)", async () => {
    bed.sandbox.control.faults.set({ errors: { rate: 1, statuses: [500] } });
    const before = bed.sandbox.control.stats().requests;
    const error = await failure(
      bed.runtime.http.request({
        target,
        operation: "contacts.create",
        method: "POST",
        path: "/contacts/",
        body: { locationId: AUSTIN, firstName: "Once" },
        version: "2021-07-28",
        schema: z.unknown(),
      }),
    );
    expect(error.code).toBe("GHL-006");
    expect(bed.sandbox.control.stats().requests - before).toBe(1);
  });

  it("opens the breaker under repeated 5xx, fails fast while open, and closes after recovery", async () => {
    breakerFor(target.resourceKey, 400);
    bed.sandbox.control.faults.set({ errors: { rate: 1, statuses: [503] } });
    for (let i = 0; i < 3; i++) await failure(list());
    expect(breakerState(target.resourceKey)).toBe("open");
    const before = bed.sandbox.control.stats().requests;
    expect((await failure(list())).code).toBe("GHL-009");
    expect(bed.sandbox.control.stats().requests).toBe(before);

    bed.sandbox.control.faults.clear();
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await list()).contacts).toHaveLength(1);
    expect(breakerState(target.resourceKey)).toBe("closed");
  });

  it("waits out a 429 storm as GHL's headers say, and the pause holds for every caller", async () => {
    bed.sandbox.control.faults.set({ rateLimitStormMs: 600 });
    const started = Date.now();
    const result = await list();
    expect(result.contacts).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    const status = await bed.runtime.limiter.status(target.resourceKey);
    expect(status.dailyLimit).toBe(200_000);
  });

  it("gets one fresh token after a 401 and carries on", async () => {
    const current = await bed.runtime.tokens.getAccessToken(target.connectionId);
    bed.sandbox.control.revokeTokens({ token: current, refreshTokens: false });
    expect((await list()).contacts).toHaveLength(1);
    expect(await bed.runtime.tokens.getAccessToken(target.connectionId)).not.toBe(current);
  });

  it("treats an answer that does not match the schema as GHL-010", async () => {
    const error = await failure(
      bed.runtime.http.request({
        target,
        operation: "contacts.list",
        method: "GET",
        path: "/contacts/",
        query: { locationId: AUSTIN, limit: 1 },
        version: "2021-07-28",
        schema: z.object({ nothingLikeThis: z.string() }),
      }),
    );
    expect(error.code).toBe("GHL-010");
  });

  it("maps GHL's refusals to codes people can act on", async () => {
    const unknown = await failure(
      bed.runtime.http.request({
        target,
        operation: "contacts.get",
        method: "GET",
        path: "/contacts/doesNotExist00000000",
        version: "2021-07-28",
        schema: z.unknown(),
      }),
    );
    expect(unknown.code).toBe("GHL-004");
    const foreign = await failure(
      bed.runtime.http.request({
        target,
        operation: "contacts.list",
        method: "GET",
        path: "/contacts/",
        query: { locationId: "HarborLegalGroup0001" },
        version: "2021-07-28",
        schema: z.unknown(),
      }),
    );
    expect(foreign.code).toBe("GHL-002");
  });

  it("logs every call with its outcome and the rate budget left", async () => {
    await list();
    await bed.runtime.callLog.flush();
    const rows = await t.db
      .select()
      .from(ghlApiCalls)
      .where(eq(ghlApiCalls.operation, "contacts.list"));
    expect(
      rows.some((r) => r.status === 200 && r.rateRemaining !== null && r.dailyRemaining !== null),
    ).toBe(true);
    expect(rows.some((r) => r.errorCode === "GHL-010")).toBe(true);
  });
});
