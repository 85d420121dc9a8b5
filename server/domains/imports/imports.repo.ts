import { and, asc, desc, eq, gt, inArray, isNotNull, or, sql } from "drizzle-orm";

import { contactImportRows as r, contactImports as i, locations } from "../../db/schema";
import type { Db } from "../../db/types";

const summaryColumns = {
  id: i.id,
  fileName: i.fileName,
  status: i.status,
  totalRows: i.totalRows,
  planned: i.planned,
  created: i.created,
  updated: i.updated,
  skipped: i.skipped,
  failed: i.failed,
  undone: i.undone,
  done: i.done,
  locationIds: i.locationIds,
  createdBy: i.createdBy,
  createdAt: i.createdAt,
  startedAt: i.startedAt,
  finishedAt: i.finishedAt,
  error: i.error,
  options: i.options,
};

export type ImportRecord = NonNullable<Awaited<ReturnType<typeof findImport>>>;

export const listImports = (db: Db, agencyId: string, limit: number) =>
  db
    .select(summaryColumns)
    .from(i)
    .where(eq(i.agencyId, agencyId))
    .orderBy(desc(i.createdAt))
    .limit(limit);

export const findImport = async (db: Db, agencyId: string, importId: string) => {
  const [row] = await db
    .select(summaryColumns)
    .from(i)
    .where(and(eq(i.agencyId, agencyId), eq(i.id, importId)));
  return row ?? null;
};

export const locationNames = async (db: Db, agencyId: string, ids: string[]) => {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(and(eq(locations.agencyId, agencyId), inArray(locations.id, ids)));
  return new Map(rows.map((row) => [row.id, row.name]));
};

const written = inArray(r.plan, ["create", "update"]);

/** Per location: rows to write and rows finished (written, refused or undone). */
export const progressByLocation = (db: Db, agencyId: string, importId: string) =>
  db
    .select({
      locationId: r.locationId,
      total: sql<number>`count(*)::int`,
      done: sql<number>`count(*) filter (where ${r.status} <> 'pending')::int`,
    })
    .from(r)
    .where(
      and(eq(r.agencyId, agencyId), eq(r.importId, importId), written, isNotNull(r.locationId)),
    )
    .groupBy(r.locationId);

/** Rows finished in the last `windowMs`: the current rate, whatever happened before a restart. */
export const recentlyFinished = async (
  db: Db,
  agencyId: string,
  importId: string,
  status: "done" | "undone",
  windowMs: number,
) => {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(r)
    .where(
      and(
        eq(r.agencyId, agencyId),
        eq(r.importId, importId),
        written,
        status === "done" ? inArray(r.status, ["done", "failed"]) : eq(r.status, "undone"),
        sql`${r.updatedAt} > clock_timestamp() - ${`${windowMs} milliseconds`}::interval`,
      ),
    );
  return row?.n ?? 0;
};

/** Rows a person should look at: refused by the plan or by GHL, skipped, or with a note. */
const problem = or(eq(r.plan, "invalid"), eq(r.status, "failed"), isNotNull(r.error));

export const problemRows = (
  db: Db,
  agencyId: string,
  importId: string,
  { afterLine, limit }: { afterLine: number; limit: number },
) =>
  db
    .select({
      line: r.line,
      plan: r.plan,
      status: r.status,
      outcome: r.outcome,
      error: r.error,
      raw: r.raw,
      locationName: locations.name,
    })
    .from(r)
    .leftJoin(locations, and(eq(locations.agencyId, r.agencyId), eq(locations.id, r.locationId)))
    .where(and(eq(r.agencyId, agencyId), eq(r.importId, importId), problem, gt(r.line, afterLine)))
    .orderBy(asc(r.line))
    .limit(limit);
