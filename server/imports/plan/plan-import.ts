import { eq } from "drizzle-orm";

import { contactImportRows, contactImports } from "../../db/schema";
import type { Db } from "../../db/types";
import { type FieldResolver, loadFieldResolver } from "../../domains/custom-fields/resolve-values";
import type { ByteSource, CsvEncoding } from "../csv/decode";
import { IMPORT_LIMITS } from "../csv/limits";
import { CsvRefusal, type CsvRow } from "../csv/read-rows";
import { type ContactPayload, draftRow, validateStandardFields } from "../mapping/row-to-contact";
import { type ColumnMapping, LOCATION_TARGET } from "../mapping/targets";
import type { ImportLocation, ImportOptions } from "./import-options";
import { openCsv, rowCapMessage } from "./inspect-csv";
import { createFileDuplicates, matchInMirror } from "./match-mirror";

type PlanCounts = { create: number; update: number; skip: number; invalid: number };
type RowInsert = typeof contactImportRows.$inferInsert;
type Valid = {
  line: number;
  raw: Record<string, string>;
  locationId: string;
  payload: ContactPayload;
};

export type PlanResult = {
  importId: string;
  totalRows: number;
  planned: PlanCounts;
  byLocation: { locationId: string; name: string; counts: PlanCounts }[];
};

const BATCH = 1_000;

const locationFinder = (locations: ImportLocation[]) => {
  const index = new Map<string, ImportLocation>();
  for (const l of locations) {
    index.set(l.id, l);
    index.set(l.name.trim().toLowerCase(), l);
    if (l.ghlLocationId) index.set(l.ghlLocationId.toLowerCase(), l);
  }
  return (text: string) => index.get(text.trim().toLowerCase()) ?? index.get(text.trim()) ?? null;
};

/**
 * The dry run: every row is read, validated (standard fields with the catalog's schema, custom
 * fields per location) and matched against the mirror and the rows before it, then stored with
 * what the run will do: create, update, skip or nothing (invalid, with the reason). GHL is not
 * called. A file over the row cap is refused, and nothing is kept.
 */
export const planImport = async ({
  db,
  agencyId,
  userId,
  fileName,
  open,
  encoding,
  mapping,
  options,
  locations,
  maxRows = IMPORT_LIMITS.maxRows,
  maxCellChars,
}: {
  db: Db;
  agencyId: string;
  userId: string | null;
  fileName: string;
  open: ByteSource;
  encoding: CsvEncoding;
  mapping: ColumnMapping;
  options: ImportOptions;
  /** Locations the caller may import into. */
  locations: ImportLocation[];
  maxRows?: number;
  maxCellChars?: number;
}): Promise<PlanResult> => {
  const usesColumn = options.location.mode === "column";
  if (usesColumn && !Object.values(mapping).includes(LOCATION_TARGET))
    throw new CsvRefusal(
      "Choose the column that names each row's location, or import into one location.",
    );
  const fixed =
    options.location.mode === "fixed"
      ? locations.find((l) => l.id === (options.location as { locationId: string }).locationId)
      : null;
  if (options.location.mode === "fixed" && !fixed)
    throw new CsvRefusal("You cannot import into that location.");
  const csv = await openCsv(open, encoding, options.delimiter, maxCellChars);
  const findLocation = locationFinder(locations);
  const duplicateInFile = createFileDuplicates();
  // One resolver per location, its fields read on the first row that needs them.
  const resolvers = new Map<string, Promise<FieldResolver>>();
  const resolverFor = (locationId: string) => {
    let resolver = resolvers.get(locationId);
    if (!resolver)
      resolvers.set(locationId, (resolver = loadFieldResolver(db, { agencyId, locationId })));
    return resolver;
  };

  const [created] = await db
    .insert(contactImports)
    .values({
      agencyId,
      createdBy: userId,
      fileName,
      mapping,
      options: { ...options, encoding, delimiter: csv.delimiter, columns: csv.header.labels },
      planned: { create: 0, update: 0, skip: 0, invalid: 0 },
    })
    .returning({ id: contactImports.id });
  if (!created) throw new Error("creating the import returned no row");
  const importId = created.id;
  const counts = new Map<string | null, PlanCounts>();
  const bump = (locationId: string | null, plan: keyof PlanCounts) => {
    let c = counts.get(locationId);
    if (!c) counts.set(locationId, (c = { create: 0, update: 0, skip: 0, invalid: 0 }));
    c[plan]++;
  };

  const rawOf = (row: CsvRow) =>
    Object.fromEntries(csv.header.labels.map((label, i) => [label, row.cells[i] ?? ""]));
  const pending: RowInsert[] = [];
  let batch: Valid[] = [];

  const invalid = (row: CsvRow, locationId: string | null, error: string): RowInsert => {
    bump(locationId, "invalid");
    return {
      importId,
      line: row.line,
      agencyId,
      locationId,
      raw: rawOf(row),
      plan: "invalid",
      status: "failed",
      error,
    };
  };

  const flushValid = async () => {
    const byLocation = new Map<string, Valid[]>();
    for (const v of batch) {
      const group = byLocation.get(v.locationId);
      if (group) group.push(v);
      else byLocation.set(v.locationId, [v]);
    }
    for (const [locationId, rows] of byLocation) {
      const matches = await matchInMirror(
        db,
        { agencyId, locationId },
        rows.map((r) => r.payload),
      );
      rows.forEach((row, i) => {
        const match = matches[i] ?? null;
        const skip = match !== null && options.onDuplicate === "skip";
        const plan = match === null ? "create" : skip ? "skip" : "update";
        bump(locationId, plan);
        pending.push({
          importId,
          line: row.line,
          agencyId,
          locationId,
          raw: row.raw,
          payload: row.payload,
          plan,
          matchedGhlId: match?.ghlId ?? null,
          tagsBefore: match ? match.tags : null,
          ...(skip
            ? {
                status: "done" as const,
                outcome: "skipped",
                error: "Already in GoHighLevel (skipped: duplicates are not updated)",
              }
            : {}),
        });
      });
    }
    batch = [];
  };
  const flush = async () => {
    await flushValid();
    pending.sort((a, b) => a.line - b.line);
    for (let i = 0; i < pending.length; i += 500)
      await db.insert(contactImportRows).values(pending.slice(i, i + 500));
    pending.length = 0;
  };

  let total = 0;
  try {
    for await (const row of csv.rows) {
      total++;
      if (total > maxRows) continue; // still counted, so the refusal can say how many there are
      if (row.error) {
        pending.push(invalid(row, fixed?.id ?? null, row.error));
      } else {
        const draft = draftRow(row.cells, mapping);
        const location = fixed ?? (draft.location ? findLocation(draft.location) : null);
        const problems: string[] = [];
        if (!location)
          problems.push(
            draft.location
              ? `Location "${draft.location.slice(0, 80)}" is not one you can import into`
              : "No location given in the location column",
          );
        else if (
          !location.ghlLocationId ||
          location.connectionStatus === "not_connected" ||
          location.connectionStatus === "disconnected"
        )
          problems.push(`${location.name} is not connected to GoHighLevel`);
        const standard = validateStandardFields(draft, options.tags);
        if (!standard.ok) problems.push(...standard.errors);
        let payload = standard.ok ? standard.payload : null;
        if (location && Object.keys(draft.custom).length > 0) {
          const custom = (await resolverFor(location.id))(draft.custom);
          if (!custom.ok) problems.push(...custom.errors);
          else if (payload && custom.customFields.length > 0)
            payload = { ...payload, customFields: custom.customFields };
        }
        if (problems.length > 0 || !payload || !location) {
          pending.push(invalid(row, location?.id ?? null, problems.join("; ")));
        } else {
          const inFile = duplicateInFile(location.id, row.line, payload);
          if (inFile) {
            bump(location.id, "skip");
            pending.push({
              importId,
              line: row.line,
              agencyId,
              locationId: location.id,
              raw: rawOf(row),
              payload,
              plan: "skip",
              status: "done",
              outcome: "skipped",
              error: inFile,
            });
          } else batch.push({ line: row.line, raw: rawOf(row), locationId: location.id, payload });
        }
      }
      if (batch.length >= BATCH || pending.length >= BATCH) await flush();
    }
    if (total > maxRows) throw new CsvRefusal(rowCapMessage(total, maxRows));
    if (total === 0) throw new CsvRefusal("The file has column names but no rows to import.");
    await flush();
  } catch (error) {
    await db.delete(contactImports).where(eq(contactImports.id, importId));
    throw error;
  }

  const planned: PlanCounts = { create: 0, update: 0, skip: 0, invalid: 0 };
  for (const c of counts.values())
    for (const k of Object.keys(planned) as (keyof PlanCounts)[]) planned[k] += c[k];
  const locationIds = [...counts.keys()].filter((id): id is string => id !== null);
  await db
    .update(contactImports)
    .set({
      totalRows: total,
      planned,
      skipped: planned.skip,
      locationIds,
      updatedAt: new Date(),
    })
    .where(eq(contactImports.id, importId));
  const names = new Map(locations.map((l) => [l.id, l.name]));
  return {
    importId,
    totalRows: total,
    planned,
    byLocation: locationIds.map((id) => ({
      locationId: id,
      name: names.get(id) ?? "",
      counts: counts.get(id) ?? { create: 0, update: 0, skip: 0, invalid: 0 },
    })),
  };
};
