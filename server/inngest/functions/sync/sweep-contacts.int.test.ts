import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { syncRuns } from "../../../db/schema";
import { findLocationByGhlId } from "../../../domains/locations/locations.repo";
import type { LocationKey } from "../../../sync/contacts/sync-runs.repo";
import { type TestDb, createTestDb } from "../../../testing/db";
import { createAgencyFixture } from "../../../testing/factories";
import { type GhlTestbed, connectThroughOAuth, startGhlTestbed } from "../../../testing/ghl";
import { contactsSweepRequested } from "../../events";
import { createSweepLocation, createSweepScan } from "./sweep-contacts";

const COASTAL = "CoastalYogaCollectv1";

let t: TestDb;
let bed: GhlTestbed;
let key: LocationKey;

beforeAll(async () => {
  t = await createTestDb();
  bed = await startGhlTestbed(t.db);
  const a = await createAgencyFixture(t.db);
  await connectThroughOAuth(
    bed,
    { agencyId: a.agency.id, userId: a.owner.id },
    { companyId: "SmmtGrwthPrtnrs00001", locations: [COASTAL] },
  );
  const location = await findLocationByGhlId(t.db, a.agency.id, COASTAL);
  key = { agencyId: a.agency.id, locationId: location!.id };
});
afterAll(async () => {
  await bed?.close();
  await t?.close();
});

const db = () => Promise.resolve(t.db);
// No Inngest server here: the fan-out step is answered as Inngest would, and inspected.
const sent = { id: "request-sweeps", handler: () => ({ ids: ["evt"] }) };

describe("contacts sweep functions", () => {
  it("the scan requests a sweep for each connected location that is due, and only those", async () => {
    const { result, ctx } = await new InngestTestEngine({
      function: createSweepScan({ db }),
      steps: [sent],
    }).execute();
    // The fixture's own locations are not connected; only the GHL one is due (never swept).
    expect(result).toMatchObject({ requested: 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("request-sweeps", [
      expect.objectContaining({
        name: "ghl/contacts.sweep.requested",
        data: { ...key, trigger: "schedule" },
      }),
    ]);
    const payload = vi.mocked(ctx.step.sendEvent).mock.calls[0]?.[1];
    expect(Array.isArray(payload) && payload[0]?.id).toMatch(/^contacts-sweep:/);
  });

  it("the location function runs a sweep across several steps as one run, one location at a time", async () => {
    const fn = createSweepLocation({ db, ghl: bed.ghl, pagesPerStep: 1, pageLimit: 100 });
    expect(fn.opts.concurrency).toEqual([{ key: "event.data.locationId", limit: 1 }]);
    const { result } = await new InngestTestEngine({
      function: fn,
      events: [contactsSweepRequested.create({ ...key, trigger: "connect" })],
    }).execute();
    expect(result).toMatchObject({ status: "succeeded", kind: "backfill" });

    const runs = await t.db.select().from(syncRuns).where(eq(syncRuns.locationId, key.locationId));
    const total = bed.sandbox.control
      .info()
      .companies.flatMap((c) => c.locations)
      .find((l) => l.id === COASTAL)!.contacts;
    expect(total).toBeGreaterThan(200);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "succeeded", trigger: "connect", scanned: total });

    // Just swept: nothing is due any more.
    const later = await new InngestTestEngine({
      function: createSweepScan({ db }),
      steps: [sent],
    }).execute();
    expect(later.result).toMatchObject({ requested: 0 });
    // A scheduled request that waited behind that sweep finds nothing to do.
    const queued = await new InngestTestEngine({
      function: fn,
      events: [contactsSweepRequested.create({ ...key, trigger: "schedule" })],
    }).execute();
    expect(queued.result).toMatchObject({ status: "skipped" });
  });
});
