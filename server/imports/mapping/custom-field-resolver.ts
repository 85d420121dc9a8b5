import { and, eq } from "drizzle-orm";

import { canonicalFieldMappings, canonicalFields, customFields } from "../../db/schema";
import type { Db } from "../../db/types";
import { coerceFieldValue } from "../../domains/custom-fields/coerce-value";
import {
  CANONICAL_PREFIX,
  type FieldValues,
  type ResolvedValues,
} from "../../domains/custom-fields/resolve-values";

/**
 * resolveCustomFieldValues for many rows of one location: the same rules (canonical keys through
 * the agency's mapping, coercion per field type, errors naming the field), with the definitions
 * read once instead of twice per row.
 */
export const loadCustomFieldResolver = async (
  db: Db,
  where: { agencyId: string; locationId: string },
) => {
  const [defs, mapped] = await Promise.all([
    db
      .select({
        ghlId: customFields.ghlId,
        name: customFields.name,
        dataType: customFields.dataType,
        options: customFields.options,
      })
      .from(customFields)
      .where(
        and(
          eq(customFields.agencyId, where.agencyId),
          eq(customFields.locationId, where.locationId),
        ),
      ),
    db
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
      .where(eq(canonicalFields.agencyId, where.agencyId)),
  ]);
  const byId = new Map(defs.map((d) => [d.ghlId, d]));
  const canonicalByKey = new Map(mapped.map((m) => [m.key, m]));

  return (values: FieldValues): ResolvedValues => {
    const errors: string[] = [];
    const resolved: { id: string; field_value: string | number | string[] }[] = [];
    const setBy = new Map<string, string>();
    for (const [key, value] of Object.entries(values)) {
      if (
        value === undefined ||
        value === null ||
        (typeof value === "string" && value.trim() === "")
      )
        continue;
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
};

export type CustomFieldResolver = Awaited<ReturnType<typeof loadCustomFieldResolver>>;
