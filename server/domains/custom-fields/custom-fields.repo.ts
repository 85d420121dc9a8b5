import { and, asc, eq, inArray, sql } from "drizzle-orm";

import { canonicalFieldMappings, canonicalFields, customFields, syncState } from "../../db/schema";
import type { Db } from "../../db/types";
import { isCompatible } from "./field-types";

/** The sync_state entity under which each location's last read of GHL's definitions is kept. */
export const FIELDS_ENTITY = "custom_fields";

type Where = { agencyId: string; locationId: string };

export type FieldDefRow = {
  locationId: string;
  ghlId: string;
  name: string;
  fieldKey: string | null;
  dataType: string;
  options: string[] | null;
  position: number | null;
};

export const listFieldDefs = async (
  db: Db,
  agencyId: string,
  locationIds: string[],
): Promise<FieldDefRow[]> => {
  if (locationIds.length === 0) return [];
  return db
    .select({
      locationId: customFields.locationId,
      ghlId: customFields.ghlId,
      name: customFields.name,
      fieldKey: customFields.fieldKey,
      dataType: customFields.dataType,
      options: customFields.options,
      position: customFields.position,
    })
    .from(customFields)
    .where(and(eq(customFields.agencyId, agencyId), inArray(customFields.locationId, locationIds)))
    .orderBy(asc(customFields.position), asc(customFields.name));
};

export const findFieldDef = async (db: Db, where: Where, ghlId: string) => {
  const [row] = await db
    .select({ ghlId: customFields.ghlId, name: customFields.name, dataType: customFields.dataType })
    .from(customFields)
    .where(
      and(
        eq(customFields.agencyId, where.agencyId),
        eq(customFields.locationId, where.locationId),
        eq(customFields.ghlId, ghlId),
      ),
    );
  return row ?? null;
};

/** locationId → when its definitions were last read from GHL. */
export const lastSyncedAt = async (db: Db, agencyId: string, locationIds: string[]) => {
  if (locationIds.length === 0) return new Map<string, Date>();
  const rows = await db
    .select({ locationId: syncState.locationId, updatedAt: syncState.updatedAt })
    .from(syncState)
    .where(
      and(
        eq(syncState.agencyId, agencyId),
        eq(syncState.entity, FIELDS_ENTITY),
        inArray(syncState.locationId, locationIds),
      ),
    );
  return new Map(rows.map((r) => [r.locationId, r.updatedAt]));
};

export type IncomingField = {
  ghlId: string;
  name: string;
  fieldKey: string | null;
  dataType: string;
  options: string[];
  position: number | null;
};

const sameField = (a: FieldDefRow, b: IncomingField) =>
  a.name === b.name &&
  a.fieldKey === b.fieldKey &&
  a.dataType === b.dataType &&
  a.position === b.position &&
  JSON.stringify(a.options ?? []) === JSON.stringify(b.options);

const CHUNK = 500;
const chunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) =>
    items.slice(i * CHUNK, (i + 1) * CHUNK),
  );

/**
 * Makes the location's stored definitions exactly GHL's list, in one transaction: upserts by
 * (location, GHL id), deletes what GHL no longer has, and drops canonical mappings that now point
 * at a deleted field or one whose type no longer fits. Stamps the location's sync time.
 */
export const replaceLocationFields = (
  db: Db,
  where: Where,
  incoming: IncomingField[],
  syncedAt: Date,
) =>
  db.transaction(async (tx) => {
    const existing = await listFieldDefs(tx, where.agencyId, [where.locationId]);
    const before = new Map(existing.map((f) => [f.ghlId, f]));
    const after = new Map(incoming.map((f) => [f.ghlId, f]));
    let created = 0;
    let unchanged = 0;
    for (const field of incoming) {
      const previous = before.get(field.ghlId);
      if (!previous) created += 1;
      else if (sameField(previous, field)) unchanged += 1;
    }
    for (const part of chunks(incoming)) {
      await tx
        .insert(customFields)
        .values(part.map((f) => ({ ...where, ...f, syncedAt })))
        .onConflictDoUpdate({
          target: [customFields.locationId, customFields.ghlId],
          set: {
            name: sql`excluded.name`,
            fieldKey: sql`excluded.field_key`,
            dataType: sql`excluded.data_type`,
            options: sql`excluded.options`,
            position: sql`excluded.position`,
            syncedAt: sql`excluded.synced_at`,
          },
        });
    }
    const removed = existing.filter((f) => !after.has(f.ghlId)).map((f) => f.ghlId);
    for (const part of chunks(removed)) {
      await tx
        .delete(customFields)
        .where(
          and(
            eq(customFields.agencyId, where.agencyId),
            eq(customFields.locationId, where.locationId),
            inArray(customFields.ghlId, part),
          ),
        );
    }
    const mappings = await tx
      .select({
        canonicalFieldId: canonicalFieldMappings.canonicalFieldId,
        key: canonicalFields.key,
        dataType: canonicalFields.dataType,
        customFieldGhlId: canonicalFieldMappings.customFieldGhlId,
      })
      .from(canonicalFieldMappings)
      .innerJoin(canonicalFields, eq(canonicalFields.id, canonicalFieldMappings.canonicalFieldId))
      .where(
        and(
          eq(canonicalFieldMappings.agencyId, where.agencyId),
          eq(canonicalFieldMappings.locationId, where.locationId),
        ),
      );
    const dropped = mappings
      .map((m) => {
        const field = after.get(m.customFieldGhlId);
        const reason = !field
          ? "deleted in GHL"
          : !isCompatible(m.dataType, field.dataType)
            ? `now a ${field.dataType} field`
            : null;
        return reason ? { ...m, reason } : null;
      })
      .filter((m) => m !== null);
    if (dropped.length > 0) {
      await tx.delete(canonicalFieldMappings).where(
        and(
          eq(canonicalFieldMappings.agencyId, where.agencyId),
          eq(canonicalFieldMappings.locationId, where.locationId),
          inArray(
            canonicalFieldMappings.canonicalFieldId,
            dropped.map((m) => m.canonicalFieldId),
          ),
        ),
      );
    }
    await tx
      .insert(syncState)
      .values({ ...where, entity: FIELDS_ENTITY, backfilledAt: syncedAt, updatedAt: syncedAt })
      .onConflictDoUpdate({
        target: [syncState.locationId, syncState.entity],
        set: { updatedAt: syncedAt },
      });
    return {
      created,
      unchanged,
      updated: incoming.length - created - unchanged,
      removed: removed.length,
      dropped,
    };
  });
