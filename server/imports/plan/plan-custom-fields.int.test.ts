import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { canonicalFieldMappings, canonicalFields, customFields } from "../../db/schema";
import { type ImportBed, startImportBed } from "../../testing/import-bed";

const AUSTIN = "AustinDentalStudio01";
let bed: ImportBed;

beforeAll(async () => {
  bed = await startImportBed({ ghlLocationIds: [AUSTIN] });
  const where = { agencyId: bed.fx.agency.id, locationId: bed.locationOf(AUSTIN).id };
  await bed.db.insert(customFields).values([
    { ...where, ghlId: "scoreField0001", name: "Lead Score", dataType: "NUMERICAL" },
    { ...where, ghlId: "visitField0001", name: "Last Visit", dataType: "DATE" },
  ]);
  const [score] = await bed.db
    .insert(canonicalFields)
    .values({ agencyId: where.agencyId, key: "lead_score", name: "Score", dataType: "number" })
    .returning({ id: canonicalFields.id });
  await bed.db
    .insert(canonicalFieldMappings)
    .values({ ...where, canonicalFieldId: score!.id, customFieldGhlId: "scoreField0001" });
});
afterAll(() => bed?.close());

describe("custom field columns in an import plan", () => {
  it("resolves each row with the location's fields and stores the field's error on its row", async () => {
    const csv = [
      "Email,Score,Visit",
      'one@plan.test,"1,200",2/8/2026',
      "two@plan.test,lots,2026-02-30",
      "three@plan.test,,",
    ].join("\n");
    const plan = await bed.plan(
      csv,
      { "0": "email", "1": "canonical:lead_score", "2": "customField:visitField0001" },
      { location: { mode: "fixed", locationId: bed.locationOf(AUSTIN).id } },
    );
    expect(plan.planned).toEqual({ create: 2, update: 0, skip: 0, invalid: 1 });
    const rows = (await bed.rowsOf(plan.importId)).sort((a, b) => a.line - b.line);
    expect(rows.map((r) => [r.line, r.plan])).toEqual([
      [2, "create"],
      [3, "invalid"],
      [4, "create"],
    ]);
    expect(rows[0]?.payload).toMatchObject({
      customFields: [
        { id: "scoreField0001", field_value: "1200" },
        { id: "visitField0001", field_value: "2026-02-08" },
      ],
    });
    expect(rows[1]?.error).toBe(
      'Lead Score: "lots" is not a number; Last Visit: "2026-02-30" is not a date (use YYYY-MM-DD or MM/DD/YYYY)',
    );
    expect(rows[2]?.payload).not.toHaveProperty("customFields");
  });
});
