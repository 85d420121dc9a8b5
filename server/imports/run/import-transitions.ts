import { and, eq, inArray, sql } from "drizzle-orm";

import { contactImportRows as r, contactImports as imports } from "../../db/schema";
import type { Db } from "../../db/types";

type Where = { agencyId: string; importId: string };

const EPOCH = sql`'epoch'::timestamptz`;

/** Location ids with rows left to do for a mode (what to dispatch jobs for). */
const locationsWithWork = async (db: Db, importId: string, mode: "run" | "undo") => {
  const rows = await db
    .selectDistinct({ locationId: r.locationId })
    .from(r)
    .where(
      and(
        eq(r.importId, importId),
        mode === "run"
          ? and(eq(r.status, "pending"), inArray(r.plan, ["create", "update"]))
          : and(eq(r.status, "done"), inArray(r.outcome, ["created", "updated"])),
      ),
    );
  return rows.flatMap((row) => (row.locationId ? [row.locationId] : []));
};

/**
 * planned (or cancelled/failed, to resume) → running. Pending rows lose any old lease so the
 * jobs can claim them at once. Returns the locations to dispatch, or null if the state was wrong.
 */
export const markRunning = async (db: Db, { agencyId, importId }: Where) => {
  const [row] = await db
    .update(imports)
    .set({
      status: "running",
      startedAt: sql`coalesce(${imports.startedAt}, clock_timestamp())`,
      finishedAt: null,
      error: null,
      heartbeatAt: sql`clock_timestamp()`,
      updatedAt: sql`clock_timestamp()`,
    })
    .where(
      and(
        eq(imports.id, importId),
        eq(imports.agencyId, agencyId),
        inArray(imports.status, ["planned", "cancelled", "failed"]),
      ),
    )
    .returning({ id: imports.id });
  if (!row) return null;
  await db
    .update(r)
    .set({ updatedAt: EPOCH })
    .where(and(eq(r.importId, importId), eq(r.status, "pending")));
  return locationsWithWork(db, importId, "run");
};

/** running → cancelled: jobs stop claiming at their next heartbeat; rows in flight finish. */
export const markCancelled = async (db: Db, { agencyId, importId }: Where) => {
  const rows = await db
    .update(imports)
    .set({
      status: "cancelled",
      finishedAt: sql`clock_timestamp()`,
      updatedAt: sql`clock_timestamp()`,
    })
    .where(
      and(
        eq(imports.id, importId),
        eq(imports.agencyId, agencyId),
        inArray(imports.status, ["running", "planned"]),
      ),
    )
    .returning({ id: imports.id });
  return rows.length > 0;
};

/** completed/cancelled/failed (or undoing, to resume) → undoing; returns the locations to dispatch. */
export const markUndoing = async (db: Db, { agencyId, importId }: Where) => {
  const [row] = await db
    .update(imports)
    .set({
      status: "undoing",
      finishedAt: null,
      heartbeatAt: sql`clock_timestamp()`,
      updatedAt: sql`clock_timestamp()`,
    })
    .where(
      and(
        eq(imports.id, importId),
        eq(imports.agencyId, agencyId),
        inArray(imports.status, ["completed", "cancelled", "failed", "undoing"]),
      ),
    )
    .returning({ id: imports.id });
  if (!row) return null;
  await db
    .update(r)
    .set({ updatedAt: EPOCH })
    .where(
      and(
        eq(r.importId, importId),
        eq(r.status, "done"),
        inArray(r.outcome, ["created", "updated"]),
      ),
    );
  return locationsWithWork(db, importId, "undo");
};

/** Imports whose jobs stopped beating (a crashed process): what the sweep dispatches again. */
export const findStalled = async (db: Db, staleMs: number) => {
  const rows = await db
    .select({ id: imports.id, status: imports.status })
    .from(imports)
    .where(
      and(
        inArray(imports.status, ["running", "undoing"]),
        sql`coalesce(${imports.heartbeatAt}, ${imports.updatedAt}) < clock_timestamp() - ${`${staleMs} milliseconds`}::interval`,
      ),
    );
  const stalled: { importId: string; mode: "run" | "undo"; locationIds: string[] }[] = [];
  for (const row of rows) {
    const mode = row.status === "running" ? "run" : "undo";
    stalled.push({
      importId: row.id,
      mode,
      locationIds: await locationsWithWork(db, row.id, mode),
    });
  }
  return stalled;
};

export { locationsWithWork };
