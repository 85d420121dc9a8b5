import { sql } from "drizzle-orm";
import { z } from "zod";

import { rowsOf } from "../../db/execute-rows";
import type { Db } from "../../db/types";
import type { GhlContactRecord } from "../../sync/contacts/contact-record";
import { toMirrorContact } from "../../sync/contacts/contact-record";
import { upsertMirrorContacts } from "../../sync/contacts/upsert-contacts";
import type { ClaimedRow, JobMode, RowFinish } from "./import-rows.repo";

export type Finished = { row: ClaimedRow; finish: RowFinish; contact?: GhlContactRecord };

const ZLines = z.array(z.object({ line: z.coerce.number() }));

/**
 * Records many rows' ends in two statements: GHL's answers into the mirror, then each row's
 * outcome, only where this worker's claim still holds (same attempts, same status). Returns the
 * lines recorded. A crash before this runs leaves the rows claimed: they are sent again after the
 * lease, which the upsert (or the look-up before a create) makes harmless.
 */
export const finishRows = async (
  db: Db,
  where: { agencyId: string; locationId: string; importId: string },
  mode: JobMode,
  items: Finished[],
) => {
  if (items.length === 0) return new Set<number>();
  const now = new Date();
  const snapshots = items.flatMap((i) =>
    i.contact ? [toMirrorContact(where, i.contact, now)] : [],
  );
  if (snapshots.length > 0) await upsertMirrorContacts(db, snapshots);
  const values = JSON.stringify(
    items.map(({ row, finish }) => ({
      line: row.line,
      attempts: row.attempts,
      status: finish.status,
      outcome: finish.outcome ?? null,
      ghl_contact_id: finish.ghlContactId ?? null,
      set_tags: finish.tagsBefore !== undefined,
      tags_before: finish.tagsBefore ?? null,
      error: finish.error ?? null,
    })),
  );
  const result = await db.execute(sql`
    update contact_import_rows r set
      status = v.status::import_row_status,
      outcome = coalesce(v.outcome, r.outcome),
      ghl_contact_id = coalesce(v.ghl_contact_id, r.ghl_contact_id),
      tags_before = case when v.set_tags then v.tags_before else r.tags_before end,
      error = v.error,
      updated_at = clock_timestamp()
    from jsonb_to_recordset(${values}::jsonb) as v(
      line int, attempts int, status text, outcome text, ghl_contact_id text,
      set_tags boolean, tags_before text[], error text)
    where r.import_id = ${where.importId} and r.line = v.line and r.attempts = v.attempts
      and r.status = ${mode === "run" ? "pending" : "done"}::import_row_status
    returning r.line`);
  return new Set(ZLines.parse(rowsOf(result)).map((r) => r.line));
};
