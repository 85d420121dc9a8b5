import { type FieldDefinition, coerceFieldValue } from "./coerce-value";

/** A value keyed by the location's GHL field id, or by the agency's canonical key (`canonical:<key>`). */
export type FieldValues = Record<string, unknown>;

export type ResolvedValue = { id: string; field_value: string | number | string[] };

export type ResolvedValues =
  { ok: true; customFields: ResolvedValue[] } | { ok: false; errors: string[] };

export const CANONICAL_PREFIX = "canonical:";

/** One location's custom fields and the agency's canonical fields, as mapped at that location. */
export type LocationFields = {
  definitions: readonly (FieldDefinition & { ghlId: string })[];
  /** `ghlId` null: the canonical field is not mapped at this location. */
  canonical: readonly { key: string; name: string; ghlId: string | null }[];
};

/** Nothing to write: left out rather than refused. */
export const isEmptyValue = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === "string" && value.trim() === "") ||
  (Array.isArray(value) && value.length === 0);

export const canonicalKeyOf = (key: string) =>
  key.startsWith(CANONICAL_PREFIX) ? key.slice(CANONICAL_PREFIX.length) : null;

export type FieldResolver = (values: FieldValues) => ResolvedValues;

/**
 * Turns custom field values into GHL's write shape, for as many rows or writes as need it against
 * one location's fields: canonical keys become the location's own field id through the agency's
 * mapping, and every value is coerced to its field's type. Empty values are left out (nothing to
 * write). Errors name the field; the caller names the row.
 */
export const createFieldResolver = (fields: LocationFields): FieldResolver => {
  const byId = new Map(fields.definitions.map((d) => [d.ghlId, d]));
  const canonicalByKey = new Map(fields.canonical.map((c) => [c.key, c]));

  return (values) => {
    const errors: string[] = [];
    const resolved: ResolvedValue[] = [];
    // A canonical key and the raw id it maps to must not both write one field.
    const setBy = new Map<string, string>();
    for (const [key, value] of Object.entries(values)) {
      if (isEmptyValue(value)) continue;
      const canonicalKey = canonicalKeyOf(key);
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
