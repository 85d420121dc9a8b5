import { and, asc, eq, inArray, ne } from "drizzle-orm";

import { canonicalFieldMappings, canonicalFields } from "../../db/schema";
import type { Db } from "../../db/types";

const columns = {
  id: canonicalFields.id,
  key: canonicalFields.key,
  name: canonicalFields.name,
  dataType: canonicalFields.dataType,
  createdAt: canonicalFields.createdAt,
};

export type CanonicalRow = {
  id: string;
  key: string;
  name: string;
  dataType: string;
  createdAt: Date;
};

export type MappingRow = { canonicalFieldId: string; locationId: string; customFieldGhlId: string };

export const listCanonicalFields = (db: Db, agencyId: string): Promise<CanonicalRow[]> =>
  db
    .select(columns)
    .from(canonicalFields)
    .where(eq(canonicalFields.agencyId, agencyId))
    .orderBy(asc(canonicalFields.name), asc(canonicalFields.key));

export const findCanonicalField = async (db: Db, agencyId: string, id: string) => {
  const [row] = await db
    .select(columns)
    .from(canonicalFields)
    .where(and(eq(canonicalFields.agencyId, agencyId), eq(canonicalFields.id, id)));
  return row ?? null;
};

export const keyTaken = async (db: Db, agencyId: string, key: string, exceptId?: string) => {
  const rows = await db
    .select({ id: canonicalFields.id })
    .from(canonicalFields)
    .where(
      and(
        eq(canonicalFields.agencyId, agencyId),
        eq(canonicalFields.key, key),
        exceptId ? ne(canonicalFields.id, exceptId) : undefined,
      ),
    );
  return rows.length > 0;
};

export const insertCanonicalField = async (
  db: Db,
  values: { agencyId: string; key: string; name: string; dataType: string },
) => {
  const [row] = await db.insert(canonicalFields).values(values).returning(columns);
  if (!row) throw new Error("insert into canonical_fields returned no row");
  return row;
};

export const updateCanonicalField = async (
  db: Db,
  agencyId: string,
  id: string,
  changes: { key?: string; name?: string; dataType?: string },
) => {
  const [row] = await db
    .update(canonicalFields)
    .set(changes)
    .where(and(eq(canonicalFields.agencyId, agencyId), eq(canonicalFields.id, id)))
    .returning(columns);
  return row ?? null;
};

export const deleteCanonicalField = async (db: Db, agencyId: string, id: string) => {
  const rows = await db
    .delete(canonicalFields)
    .where(and(eq(canonicalFields.agencyId, agencyId), eq(canonicalFields.id, id)))
    .returning({ id: canonicalFields.id });
  return rows.length > 0;
};

/** The agency's mappings, optionally only those of some canonical fields or locations. */
export const listMappings = (
  db: Db,
  agencyId: string,
  filter: { canonicalFieldIds?: string[]; locationIds?: string[] } = {},
): Promise<MappingRow[]> =>
  db
    .select({
      canonicalFieldId: canonicalFieldMappings.canonicalFieldId,
      locationId: canonicalFieldMappings.locationId,
      customFieldGhlId: canonicalFieldMappings.customFieldGhlId,
    })
    .from(canonicalFieldMappings)
    .where(
      and(
        eq(canonicalFieldMappings.agencyId, agencyId),
        filter.canonicalFieldIds
          ? inArray(canonicalFieldMappings.canonicalFieldId, filter.canonicalFieldIds)
          : undefined,
        filter.locationIds
          ? inArray(canonicalFieldMappings.locationId, filter.locationIds)
          : undefined,
      ),
    );

export const upsertMapping = (db: Db, agencyId: string, mapping: MappingRow) =>
  db
    .insert(canonicalFieldMappings)
    .values({ agencyId, ...mapping })
    .onConflictDoUpdate({
      target: [canonicalFieldMappings.canonicalFieldId, canonicalFieldMappings.locationId],
      set: { customFieldGhlId: mapping.customFieldGhlId },
    });

export const deleteMapping = async (
  db: Db,
  agencyId: string,
  where: { canonicalFieldId: string; locationId: string },
) => {
  const rows = await db
    .delete(canonicalFieldMappings)
    .where(
      and(
        eq(canonicalFieldMappings.agencyId, agencyId),
        eq(canonicalFieldMappings.canonicalFieldId, where.canonicalFieldId),
        eq(canonicalFieldMappings.locationId, where.locationId),
      ),
    )
    .returning({ customFieldGhlId: canonicalFieldMappings.customFieldGhlId });
  return rows[0]?.customFieldGhlId ?? null;
};
