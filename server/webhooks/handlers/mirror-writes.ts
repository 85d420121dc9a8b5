import { appointments, contacts, opportunities } from "../../db/schema";
import type { Db } from "../../db/types";
import type { MirrorContactRow } from "../../sync/contacts/contact-record";
import { upsertMirrorContacts } from "../../sync/contacts/upsert-contacts";
import { deleteUnlessNewer, newestWins } from "../../sync/mirror/last-write-wins";

type Keyed = { locationId: string; ghlId: string; sourceVersion: Date };
export type Tombstone = Keyed & { agencyId: string; deletedAt: Date };
type OpportunityRow = typeof opportunities.$inferInsert & Keyed;
type AppointmentRow = typeof appointments.$inferInsert & Keyed;

/**
 * Mirror changes staged by webhook handlers and written together: one statement per table and
 * kind, whether it holds one event's change (the Inngest driver) or a whole batch's (local worker).
 */
export type MirrorWrites = {
  contacts: MirrorContactRow[];
  opportunities: OpportunityRow[];
  appointments: AppointmentRow[];
  contactDeletes: Tombstone[];
  opportunityDeletes: Tombstone[];
  appointmentDeletes: Tombstone[];
};

export const createMirrorWrites = (): MirrorWrites => ({
  contacts: [],
  opportunities: [],
  appointments: [],
  contactDeletes: [],
  opportunityDeletes: [],
  appointmentDeletes: [],
});

/**
 * One row per record, the newest version (a later one on a tie, as if applied in turn): a single
 * INSERT … ON CONFLICT may not touch a row twice.
 */
const newestPerRecord = <T extends Keyed>(rows: T[]) => {
  if (rows.length < 2) return rows;
  const newest = new Map<string, T>();
  for (const row of rows) {
    const key = `${row.locationId}\u0000${row.ghlId}`;
    const seen = newest.get(key);
    if (!seen || seen.sourceVersion <= row.sourceVersion) newest.set(key, row);
  }
  return [...newest.values()];
};

/**
 * Writes staged changes. Every statement is newest-version-wins, so the result does not depend on
 * the order the events arrived in; deletes go first, so a snapshot older than a delete in the same
 * batch changes nothing, as it would had it arrived after the delete. Returns how many rows changed.
 */
export const writeMirror = async (tx: Db, writes: MirrorWrites): Promise<number> => {
  let applied = 0;
  for (const [table, tombstones] of [
    [contacts, writes.contactDeletes],
    [opportunities, writes.opportunityDeletes],
    [appointments, writes.appointmentDeletes],
  ] as const) {
    if (tombstones.length === 0) continue;
    const rows = await tx
      .insert(table)
      .values(newestPerRecord(tombstones))
      .onConflictDoUpdate(deleteUnlessNewer(table))
      .returning({ id: table.id });
    applied += rows.length;
  }
  if (writes.contacts.length > 0) {
    const { created, updated } = await upsertMirrorContacts(tx, newestPerRecord(writes.contacts));
    applied += created + updated;
  }
  if (writes.opportunities.length > 0) {
    const rows = await tx
      .insert(opportunities)
      .values(newestPerRecord(writes.opportunities))
      .onConflictDoUpdate(newestWins(opportunities))
      .returning({ id: opportunities.id });
    applied += rows.length;
  }
  if (writes.appointments.length > 0) {
    const rows = await tx
      .insert(appointments)
      .values(newestPerRecord(writes.appointments))
      .onConflictDoUpdate(newestWins(appointments))
      .returning({ id: appointments.id });
    applied += rows.length;
  }
  return applied;
};
