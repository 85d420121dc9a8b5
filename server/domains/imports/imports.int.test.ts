import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLocalImportJobs, setImportJobs } from "../../background/import-jobs";
import { contacts } from "../../db/schema";
import { importErrorReport } from "../../imports/export/error-report";
import { exportContactsCsv } from "../../imports/export/export-contacts";
import { sourceOf } from "../../testing/byte-source";
import { type ImportBed, startImportBed } from "../../testing/import-bed";
import { setUploadDir } from "../../imports/uploads/upload-dir";
import { saveUpload } from "../../imports/uploads/upload-store";
import { callerFor, createAgencyFixture } from "../../testing/factories";

const AUSTIN = "AustinDentalStudio01";
const DENVER = "BrightsideRoofing001";
let bed: ImportBed;
let dir: string;
let jobs: ReturnType<typeof createLocalImportJobs>;

beforeAll(async () => {
  bed = await startImportBed({ ghlLocationIds: [AUSTIN, DENVER] });
  dir = await mkdtemp(path.join(os.tmpdir(), "imports-"));
  setUploadDir(dir);
  jobs = createLocalImportJobs({
    db: bed.db,
    ghl: bed.ghl,
    sweep: false,
    runner: { leaseMs: 5_000 },
  });
  setImportJobs(jobs);
});
afterAll(async () => {
  setImportJobs(undefined);
  setUploadDir(undefined);
  await rm(dir, { recursive: true, force: true });
  await bed?.close();
});

const upload = async (text: string, agencyId = bed.fx.agency.id) =>
  (
    await saveUpload({
      dir,
      agencyId,
      userId: bed.fx.owner.id,
      fileName: "people.csv",
      body: sourceOf(text)(),
      maxBytes: 1_000_000,
    })
  ).id;

const owner = () => callerFor(bed.db, bed.fx.owner.id, bed.ghl);

const readAll = async (lines: AsyncGenerator<string>) => {
  let text = "";
  for await (const chunk of lines) text += chunk;
  return text;
};

describe("imports through the API", () => {
  it("inspects, plans, runs in several locations at once, reports and undoes", async () => {
    const austin = bed.locationOf(AUSTIN);
    const csv = [
      "Email;Name;Location;Tags",
      `api-1@import.test;Ann One;${austin.name};a`,
      `api-2@import.test;Bo Two;${DENVER};b`,
      `API-1@import.test;Ann Again;${austin.name};`,
      "broken;Nobody;Nowhere;",
      `"=HYPERLINK(""http://evil"")";Eve;${austin.name};`,
    ].join("\n");
    const uploadId = await upload(csv);
    const inspection = await owner().imports.inspect({ uploadId });
    expect(inspection).toMatchObject({
      delimiter: ";",
      columns: ["Email", "Name", "Location", "Tags"],
      rowCount: 5,
      suggested: { "0": "email", "1": "name", "2": "location", "3": "tags" },
    });

    const plan = await owner().imports.plan({
      uploadId,
      mapping: inspection.suggested,
      options: { location: { mode: "column" }, tags: ["api-import"] },
    });
    expect(plan.planned).toEqual({ create: 2, update: 0, skip: 1, invalid: 2 });
    const problems = await owner().imports.problems({ importId: plan.importId });
    expect(problems.items.map((p) => [p.line, p.plan])).toEqual([
      [4, "skip"],
      [5, "invalid"],
      [6, "invalid"],
    ]);
    expect(problems.items[0]?.error).toBe(
      "Same email as line 2: only the first of them is imported",
    );
    expect(problems.items[1]?.error).toMatch(/Location "Nowhere" is not one you can import into/);
    expect(problems.items[2]?.error).toMatch(/Email: Not a valid email address/);

    await owner().imports.start({ importId: plan.importId });
    await jobs.idle();
    const progress = await owner().imports.progress({ importId: plan.importId });
    expect(progress).toMatchObject({ status: "completed", created: 2, done: 2, total: 2 });
    expect(progress.byLocation.map((l) => l.done).sort()).toEqual([1, 1]);
    const inDenver = bed.sandboxContacts(DENVER).find((c) => c.email === "api-2@import.test");
    expect(inDenver?.tags).toEqual(["b", "api-import"]);

    // The error report: line numbers, reasons, the original cells, no live formula.
    const report = await readAll(
      importErrorReport(bed.db, { agencyId: bed.fx.agency.id, importId: plan.importId }),
    );
    const reportRows: string[][] = parse(report, { bom: true });
    expect(reportRows[0]).toEqual(["Line", "Result", "Error", "Email", "Name", "Location", "Tags"]);
    expect(reportRows.map((r) => r[0])).toEqual(["Line", "4", "5", "6"]);
    expect(reportRows[3]?.[3]).toBe(`'=HYPERLINK("http://evil")`);

    await owner().imports.undo({ importId: plan.importId });
    await jobs.idle();
    expect((await owner().imports.progress({ importId: plan.importId })).status).toBe("undone");
    expect(bed.sandboxContacts(DENVER).some((c) => c.email === "api-2@import.test")).toBe(false);
  });

  it("keeps other agencies' uploads and imports out", async () => {
    const other = await createAgencyFixture(bed.db);
    const theirs = await upload("email\nx@y.test\n", other.agency.id);
    await expect(owner().imports.inspect({ uploadId: theirs })).rejects.toThrow(/upload is gone/);
    const list = await callerFor(bed.db, other.owner.id).imports.list();
    expect(list).toEqual([]);
  });
});

describe("contact export", () => {
  it("streams only the location's contacts and neutralises formula cells", async () => {
    const austin = bed.locationOf(AUSTIN);
    const denver = bed.locationOf(DENVER);
    const agencyId = bed.fx.agency.id;
    const row = (locationId: string, ghlId: string, firstName: string, email: string | null) => ({
      agencyId,
      locationId,
      ghlId,
      firstName,
      email,
      tags: ["t1", "t2"],
      sourceVersion: new Date(),
    });
    await bed.db
      .insert(contacts)
      .values([
        row(austin.id, "exp-a1", "=1+2", "a1@x.test"),
        row(austin.id, "exp-a2", "+SUM(A1)", null),
        row(austin.id, "exp-a3", "-5", "@cmd"),
        row(austin.id, "exp-a4", "\tTab", "cr\rlf"),
        row(austin.id, "exp-a5", 'Quote "me", ok', "q@x.test"),
        row(denver.id, "exp-d1", "Denver only", "d1@x.test"),
      ]);
    const text = await readAll(
      exportContactsCsv(bed.db, { agencyId, locationId: austin.id }, [
        "ghlId",
        "firstName",
        "email",
        "tags",
      ]),
    );
    const rows: string[][] = parse(text, { bom: true });
    expect(rows[0]).toEqual(["Contact id", "First name", "Email", "Tags"]);
    const ours = rows.filter((r) => r[0]?.startsWith("exp-"));
    expect(ours.map((r) => r[0])).toEqual(["exp-a1", "exp-a2", "exp-a3", "exp-a4", "exp-a5"]);
    for (const cells of rows.slice(1))
      for (const cell of cells) expect(cell, JSON.stringify(cells)).not.toMatch(/^[=+\-@\t\r\0]/);
    expect(ours[0]).toEqual(["exp-a1", "'=1+2", "a1@x.test", "t1, t2"]);
    expect(ours[3]).toEqual(["exp-a4", "'\tTab", "cr\rlf", "t1, t2"]);
    expect(ours[4]?.[1]).toBe('Quote "me", ok');
    expect(text).not.toContain("Denver only");
  });
});
