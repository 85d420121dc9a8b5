import { and, eq, inArray } from "drizzle-orm";

import { canonicalFieldMappings, canonicalFields, customFields } from "../../db/schema";
import type { Db } from "../../db/types";
import { coerceFieldValue } from "./coerce-value";

/** A value keyed by the location's GHL field id, or by the agency's canonical key (`canonical:<key>`). */
export type FieldValues = Record<string, unknown>;

export type ResolvedValues =
  | { ok: true; customFields: { id: string; field_value: string | number | string[] }[] }
  | { ok: false; errors: string[] };

export const CANONICAL_PREFIX = "canonical:";

/**
 * Turns custom field values for one location into GHL's write shape: canonical keys become the
 * location's own field id through the agency's mapping, and every value is coerced to its field's
 * type. Empty values are left out (nothing to write). Errors name the field.
 */
export const resolveCustomFieldValues = async (
  db: Db,
  where: { agencyId: string; locationId: string },
  values: FieldValues,
): Promise<ResolvedValues> => {
  const entries = Object.entries(values).filter(
    ([, value]) =>
      value !== undefined &&
      value !== null &&
      !(typeof value === "string" && value.trim() === "") &&
      !(Array.isArray(value) && value.length === 0),
  );
  if (entries.length === 0) return { ok: true, customFields: [] };
  const defs = await db
    .select({
      ghlId: customFields.ghlId,
      name: customFields.name,
      dataType: customFields.dataType,
      options: customFields.options,
    })
    .from(customFields)
    .where(
      and(eq(customFields.agencyId, where.agencyId), eq(customFields.locationId, where.locationId)),
    );
  const byId = new Map(defs.map((d) => [d.ghlId, d]));
  const canonicalKeys = entries
    .map(([key]) => key)
    .filter((key) => key.startsWith(CANONICAL_PREFIX))
    .map((key) => key.slice(CANONICAL_PREFIX.length));
  const mapped =
    canonicalKeys.length === 0
      ? []
      : await db
          .select({
            key: canonicalFields.key,
            name: canonicalFields.name,
            ghlId: canonicalFieldMappings.customFieldGhlId,
          })
          .from(canonicalFields)
          .leftJoin(
            canonicalFieldMappings,
            and(
              eq(canonicalFieldMappings.canonicalFieldId, canonicalFields.id),
              eq(canonicalFieldMappings.agencyId, where.agencyId),
              eq(canonicalFieldMappings.locationId, where.locationId),
            ),
          )
          .where(
            and(
              eq(canonicalFields.agencyId, where.agencyId),
              inArray(canonicalFields.key, canonicalKeys),
            ),
          );
  const canonicalByKey = new Map(mapped.map((m) => [m.key, m]));

  const errors: string[] = [];
  const resolved: { id: string; field_value: string | number | string[] }[] = [];
  // A canonical key and the raw id it maps to must not both write one field.
  const setBy = new Map<string, string>();
  for (const [key, value] of entries) {
    const canonicalKey = key.startsWith(CANONICAL_PREFIX)
      ? key.slice(CANONICAL_PREFIX.length)
      : null;
    const canonical = canonicalKey === null ? null : canonicalByKey.get(canonicalKey);
    if (canonicalKey !== null && !canonical) {
      errors.push(`${key}: the agency has no canonical field with this key`);
      continue;
    }
    const ghlId = canonical ? canonical.ghlId : key;
    if (!ghlId) {
      errors.push(
        `${canonical?.name ?? key} (${key}): not mapped to a field of this location; map it in Settings → Custom fields`,
      );
      continue;
    }
    const def = byId.get(ghlId);
    if (!def) {
      errors.push(
        `${canonical ? `${canonical.name} (${key})` : key}: this location has no custom field with id "${ghlId}"; refresh its fields from GoHighLevel`,
      );
      continue;
    }
    const earlier = setBy.get(ghlId);
    if (earlier !== undefined) {
      errors.push(`${def.name}: set twice, by "${earlier}" and by "${key}"`);
      continue;
    }
    setBy.set(ghlId, key);
    const coerced = coerceFieldValue(def, value);
    if (coerced.ok) resolved.push({ id: ghlId, field_value: coerced.value });
    else errors.push(coerced.error);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, customFields: resolved };
};
