import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ghlConnections } from "../../../db/schema";
import { findLocationConnection } from "../../../ghl/connections/connections.repo";
import { createTokenManager } from "../../../ghl/token-manager";
import { createAgencyFixture } from "../../../testing/factories";
import { type TestDb, createTestDb } from "../../../testing/db";
import { type GhlTestbed, connectThroughOAuth, startGhlTestbed } from "../../../testing/ghl";
import { tokenRefreshRequested } from "../../events";
import { createPreRefreshScan, createRefreshToken } from "./pre-refresh-tokens";

let t: TestDb;
let bed: GhlTestbed;
let connectionId: string;

beforeAll(async () => {
  t = await createTestDb();
  bed = await startGhlTestbed(t.db);
  const a = await createAgencyFixture(t.db);
  await connectThroughOAuth(
    bed,
    { agencyId: a.agency.id, userId: a.owner.id },
    { companyId: "SmmtGrwthPrtnrs00001", locations: ["AustinDentalStudio01"] },
  );
  connectionId = (await findLocationConnection(t.db, a.agency.id, "AustinDentalStudio01"))!.id;
});
afterAll(async () => {
  await bed?.close();
  await t?.close();
});

describe("token pre-refresh functions", () => {
  it("the scan requests a refresh for each connection expiring within 15 minutes, and only those", async () => {
    await t.db
      .update(ghlConnections)
      .set({ expiresAt: new Date(Date.now() + 10 * 60_000) })
      .where(eq(ghlConnections.id, connectionId));
    // No Inngest server here: the fan-out step is answered as Inngest would, and inspected below.
    const sent = { id: "request-refreshes", handler: () => ({ ids: ["evt"] }) };
    const engine = new InngestTestEngine({
      function: createPreRefreshScan({ ghl: bed.ghl }),
      steps: [sent],
    });
    const { result, ctx } = await engine.execute();
    expect(result).toEqual({ requested: 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("request-refreshes", [
      expect.objectContaining({ name: "ghl/token.refresh.requested", data: { connectionId } }),
    ]);

    await t.db
      .update(ghlConnections)
      .set({ expiresAt: new Date(Date.now() + 60 * 60_000) })
      .where(eq(ghlConnections.id, connectionId));
    const later = await new InngestTestEngine({
      function: createPreRefreshScan({ ghl: bed.ghl }),
      steps: [sent],
    }).execute();
    expect(later.result).toEqual({ requested: 0 });
  });

  it("the refresh function renews a token 10 minutes before expiry, one at a time per connection", async () => {
    await t.db
      .update(ghlConnections)
      .set({ expiresAt: new Date(Date.now() + 10 * 60_000) })
      .where(eq(ghlConnections.id, connectionId));
    bed.sandbox.control.resetStats();
    // A worker with its own token cache, as a separate Inngest worker process would have.
    const worker = {
      ...bed.runtime,
      tokens: createTokenManager({
        db: t.db,
        cipher: bed.runtime.cipher,
        oauth: bed.runtime.oauth,
      }),
    };
    const fn = createRefreshToken({ ghl: () => Promise.resolve(worker) });
    const { result } = await new InngestTestEngine({
      function: fn,
      events: [tokenRefreshRequested.create({ connectionId })],
    }).execute();
    expect(result).toEqual({ refreshed: true });
    expect(bed.sandbox.control.stats().tokenEndpoint.refresh_token).toBe(1);
    const [row] = await t.db
      .select()
      .from(ghlConnections)
      .where(eq(ghlConnections.id, connectionId));
    expect(row!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(fn.opts.concurrency).toEqual({ key: "event.data.connectionId", limit: 1 });
  });
});
