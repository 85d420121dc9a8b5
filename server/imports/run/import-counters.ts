import { and, eq, inArray, notExists, sql } from "drizzle-orm";

import { contactImportRows as r, contactImports as imports } from "../../db/schema";
import type { Db } from "../../db/types";
import type { JobMode } from "./import-rows.repo";

export type CounterDelta = {
  done: number;
  created: number;
  updated: number;
  failed: number;
  undone: number;
};

export const zeroDelta = (): CounterDelta => ({
  done: 0,
  created: 0,
  updated: 0,
  failed: 0,
  undone: 0,
});

/**
 * Sets the totals from the rows themselves: running increments can be lost in a crash (rows
 * finished, counts not flushed), so each location's end writes the exact figures.
 */
const exactTotals = (importId: string) => {
  const written = sql`${r.plan} in ('create', 'update')`;
  return {
    done: sql`(select count(*) from ${r} where ${r.importId} = ${importId} and ${written} and ${r.status} <> 'pending')::int`,
    created: sql`(select count(*) from ${r} where ${r.importId} = ${importId} and ${r.outcome} = 'created')::int`,
    updated: sql`(select count(*) from ${r} where ${r.importId} = ${importId} and ${r.outcome} = 'updated')::int`,
    skipped: sql`(select count(*) from ${r} where ${r.importId} = ${importId} and ${r.outcome} = 'skipped')::int`,
    failed: sql`(select count(*) from ${r} where ${r.importId} = ${importId} and ${written} and ${r.status} = 'failed')::int`,
    undone: sql`(select count(*) from ${r} where ${r.importId} = ${importId} and ${r.status} = 'undone')::int`,
  };
};

export const recount = async (db: Db, importId: string) => {
  await db
    .update(imports)
    .set({ ...exactTotals(importId), updatedAt: sql`clock_timestamp()` })
    .where(eq(imports.id, importId));
};

/** Finishes the import once no row anywhere is left to do: completed after a run, undone after undo. */
export const finishIfDone = async (db: Db, importId: string, mode: JobMode) => {
  const left = db
    .select({ one: sql`1` })
    .from(r)
    .where(
      and(
        eq(r.importId, importId),
        mode === "run"
          ? and(eq(r.status, "pending"), inArray(r.plan, ["create", "update"]))
          : and(eq(r.status, "done"), inArray(r.outcome, ["created", "updated"])),
      ),
    );
  const rows = await db
    .update(imports)
    .set({
      // Counted in the statement that closes the import: another location's job may have recounted
      // just before this one's last rows committed, and a finished import is not polled again.
      ...exactTotals(importId),
      status: mode === "run" ? "completed" : "undone",
      finishedAt: sql`clock_timestamp()`,
      updatedAt: sql`clock_timestamp()`,
    })
    .where(
      and(
        eq(imports.id, importId),
        eq(imports.status, mode === "run" ? "running" : "undoing"),
        notExists(left),
      ),
    )
    .returning({ id: imports.id });
  return rows.length > 0;
};
