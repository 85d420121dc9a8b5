import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contactImportRows, contactImports } from "../../db/schema";
import { type ImportBed, startImportBed } from "../../testing/import-bed";
import { finishIfDone } from "./import-counters";
import { heartbeat } from "./import-rows.repo";

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
    await heartbeat(bed.db, plan.importId, [], {
      done: 5,
      created: 5,
      updated: 0,
      failed: 0,
      undone: 0,
    });
    expect(await totals(plan.importId)).toMatchObject({ done: 30, created: 30 });
  });

  it("beat in one statement: renew the rows in flight, add the tally, say the status", async () => {
    const csv = `Email\n${Array.from({ length: 5 }, (_, i) => `b${i}@beat.test`).join("\n")}\n`;
    const locationId = bed.locationOf(AUSTIN).id;
    const plan = await bed.plan(csv, { "0": "email" }, { location: { mode: "fixed", locationId } });
    await bed.start(plan.importId);
    const old = new Date(Date.now() - 3_600_000);
    await bed.db
      .update(contactImportRows)
      .set({ updatedAt: old })
      .where(eq(contactImportRows.importId, plan.importId));
    const rows = await bed.db
      .select({ line: contactImportRows.line })
      .from(contactImportRows)
      .where(eq(contactImportRows.importId, plan.importId));
    const held = rows.slice(0, 2).map((r) => r.line);
    const tally = { done: 3, created: 2, updated: 1, failed: 0, undone: 0 };

    expect(await heartbeat(bed.db, plan.importId, held, tally)).toBe("running");
    expect(await totals(plan.importId)).toMatchObject({ done: 3, created: 2, updated: 1 });
    expect((await totals(plan.importId)).heartbeatAt).not.toBeNull();
    const renewed = await bed.db
      .select({ line: contactImportRows.line, updatedAt: contactImportRows.updatedAt })
      .from(contactImportRows)
      .where(eq(contactImportRows.importId, plan.importId));
    for (const row of renewed)
      expect(row.updatedAt > old, `line ${row.line}`).toBe(held.includes(row.line));

    // Nothing in flight and nothing to add still beats, and reports a cancel.
    await bed.db
      .update(contactImports)
      .set({ status: "cancelled" })
      .where(eq(contactImports.id, plan.importId));
    expect(
      await heartbeat(bed.db, plan.importId, [], { ...tally, done: 0, created: 0, updated: 0 }),
    ).toBe("cancelled");

    // A closed import keeps its exact totals however late the beat.
    await bed.db
      .update(contactImports)
      .set({ status: "completed" })
      .where(
        and(eq(contactImports.id, plan.importId), inArray(contactImports.status, ["cancelled"])),
      );
    expect(await heartbeat(bed.db, plan.importId, held, tally)).toBe("completed");
    expect(await totals(plan.importId)).toMatchObject({ done: 3, created: 2, updated: 1 });
    expect(await heartbeat(bed.db, "00000000-0000-0000-0000-000000000000", [], tally)).toBeNull();
  });
});
