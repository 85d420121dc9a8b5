import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contactImportRows, contactImports } from "../../db/schema";
import { type ImportBed, startImportBed } from "../../testing/import-bed";
import { addCounts, finishIfDone } from "./import-counters";

const AUSTIN = "AustinDentalStudio01";
let bed: ImportBed;

beforeAll(async () => {
  bed = await startImportBed({ ghlLocationIds: [AUSTIN] });
});
afterAll(() => bed?.close());

const totals = async (importId: string) =>
  (await bed.db.select().from(contactImports).where(eq(contactImports.id, importId)))[0]!;

describe("import totals", () => {
  it("are exact when the import closes, and a late heartbeat cannot add to them", async () => {
    const csv = `Email\n${Array.from({ length: 30 }, (_, i) => `t${i}@totals.test`).join("\n")}\n`;
    const locationId = bed.locationOf(AUSTIN).id;
    const plan = await bed.plan(csv, { "0": "email" }, { location: { mode: "fixed", locationId } });
    await bed.start(plan.importId);
    // Every row finished, but the running totals lag (another location's job recounted before
    // these rows committed): closing must not freeze the lagging figures.
    await bed.db
      .update(contactImportRows)
      .set({ status: "done", outcome: "created" })
      .where(eq(contactImportRows.importId, plan.importId));
    await bed.db
      .update(contactImports)
      .set({ done: 12, created: 12 })
      .where(eq(contactImports.id, plan.importId));

    expect(await finishIfDone(bed.db, plan.importId, "run")).toBe(true);
    expect(await totals(plan.importId)).toMatchObject({
      status: "completed",
      done: 30,
      created: 30,
    });

    // A heartbeat that took its tally before the close lands after it.
    await addCounts(bed.db, plan.importId, {
      done: 5,
      created: 5,
      updated: 0,
      failed: 0,
      undone: 0,
    });
    expect(await totals(plan.importId)).toMatchObject({ done: 30, created: 30 });
  });
});
