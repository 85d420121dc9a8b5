import { InngestTestEngine } from "@inngest/test";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contactImportRows, contactImports } from "../../../db/schema";
import { createAgencyFixture } from "../../../testing/factories";
import { type TestDb, createTestDb } from "../../../testing/db";
import { contactsImportRequested } from "../../events";
import { createRunImport, createSweepImports } from "./run-import";

let t: TestDb;
let fx: Awaited<ReturnType<typeof createAgencyFixture>>;

beforeAll(async () => {
  t = await createTestDb();
  fx = await createAgencyFixture(t.db);
});
afterAll(() => t?.close());

const deps = () => ({
  db: () => Promise.resolve(t.db),
  ghl: () => Promise.reject(new Error("no GHL call is needed here")),
});

/** A running import whose only row is already written (the state a crash can leave behind). */
const runningImport = async (heartbeatAt: Date) => {
  const locationId = fx.locations[0].id;
  const [row] = await t.db
    .insert(contactImports)
    .values({
      agencyId: fx.agency.id,
      fileName: "inngest.csv",
      status: "running",
      mapping: {},
      options: {},
      planned: { create: 1, update: 0, skip: 0, invalid: 0 },
      locationIds: [locationId],
      heartbeatAt,
      updatedAt: heartbeatAt,
    })
    .returning({ id: contactImports.id });
  await t.db.insert(contactImportRows).values({
    importId: row!.id,
    line: 2,
    agencyId: fx.agency.id,
    locationId,
    raw: { email: "x@y.test" },
    plan: "create",
    status: "done",
    outcome: "created",
    ghlContactId: "ghl-1",
  });
  return { importId: row!.id, locationId };
};

describe("the Inngest import functions (thin wrappers over the same job)", () => {
  it("contacts-import-run: one job per location at a time, runs the job to its end", async () => {
    const job = await runningImport(new Date());
    const fn = createRunImport(deps());
    expect(fn.opts.concurrency).toEqual([{ key: "event.data.locationId", limit: 1 }]);
    const { result } = await new InngestTestEngine({
      function: fn,
      events: [contactsImportRequested.create({ ...job, mode: "run" })],
    }).execute();
    expect(result).toEqual({ finished: true, status: "done" });
    const [row] = await t.db
      .select()
      .from(contactImports)
      .where(eq(contactImports.id, job.importId));
    expect(row).toMatchObject({ status: "completed", done: 1, created: 1 });
  });

  it("contacts-import-sweep: finishes a stalled import that has nothing left", async () => {
    const job = await runningImport(new Date(Date.now() - 60 * 60_000));
    await t.db
      .update(contactImports)
      .set({ heartbeatAt: sql`now() - interval '1 hour'` })
      .where(eq(contactImports.id, job.importId));
    const { result } = await new InngestTestEngine({
      function: createSweepImports(deps()),
    }).execute();
    expect(result).toBe(0);
    const [row] = await t.db
      .select()
      .from(contactImports)
      .where(eq(contactImports.id, job.importId));
    expect(row?.status).toBe("completed");
  });
});
