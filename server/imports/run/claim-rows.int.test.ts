import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type ImportBed, startImportBed } from "../../testing/import-bed";
import { claimRows } from "./import-rows.repo";

const AUSTIN = "AustinDentalStudio01";
let bed: ImportBed;

beforeAll(async () => {
  bed = await startImportBed({ ghlLocationIds: [AUSTIN] });
});
afterAll(() => bed?.close());

describe("claiming import rows", () => {
  it("takes at most `limit` rows, in line order, and the next claim takes the next ones", async () => {
    const csv = `Email\n${Array.from({ length: 500 }, (_, i) => `c${i}@claim.test`).join("\n")}\n`;
    const locationId = bed.locationOf(AUSTIN).id;
    const plan = await bed.plan(csv, { "0": "email" }, { location: { mode: "fixed", locationId } });
    await bed.start(plan.importId);
    const job = { importId: plan.importId, locationId, mode: "run" as const, leaseMs: 60_000 };

    const first = await claimRows(bed.db, { ...job, limit: 10 });
    expect(first.map((r) => r.line)).toEqual(Array.from({ length: 10 }, (_, i) => 2 + i));
    expect(first.every((r) => r.attempts === 1)).toBe(true);
    const second = await claimRows(bed.db, { ...job, limit: 10 });
    expect(second.map((r) => r.line)).toEqual(Array.from({ length: 10 }, (_, i) => 12 + i));
    // The rest is still free for other workers: nothing beyond the two claims was leased.
    const rows = await bed.rowsOf(plan.importId);
    expect(rows.filter((r) => r.attempts > 0)).toHaveLength(20);
  });
});
