import type { Db } from "../../db/types";
import { AppError } from "../../errors";
import { CANONICAL_PREFIX, resolveCustomFieldValues } from "../custom-fields/resolve-values";
import { type LocationScope, listFieldDefinitions } from "./contacts.repo";

type WriteValue = { id: string; field_value: string | string[] };

const isEmpty = (value: unknown) =>
  value === null ||
  (typeof value === "string" && value.trim() === "") ||
  (Array.isArray(value) && value.length === 0);

/**
 * Custom field input (`{fieldId | "canonical:<key>": raw}`) in GHL's write shape: values are
 * coerced and checked per field type; an empty value clears the field. Any problem is a
 * BAD_REQUEST naming the field.
 */
export const customFieldWrites = async (
  db: Db,
  scope: LocationScope,
  values: Record<string, unknown> | undefined,
): Promise<WriteValue[]> => {
  if (!values) return [];
  const cleared = Object.keys(values).filter((key) => isEmpty(values[key]));
  const errors: string[] = [];
  const clears: WriteValue[] = [];
  if (cleared.length > 0) {
    const known = new Set((await listFieldDefinitions(db, scope)).map((d) => d.id));
    for (const key of cleared) {
      if (key.startsWith(CANONICAL_PREFIX))
        errors.push(`${key.slice(CANONICAL_PREFIX.length)}: clear it by the location's field id`);
      else if (!known.has(key)) errors.push(`${key}: this location has no such custom field`);
      else clears.push({ id: key, field_value: "" });
    }
  }
  const resolved = await resolveCustomFieldValues(db, scope, values);
  if (!resolved.ok) errors.push(...resolved.errors);
  if (errors.length > 0) throw new AppError("INVALID_INPUT", `Custom fields: ${errors.join("; ")}`);
  // GHL's CreateContactDto/UpdateContactDto take numbers as text (field_value: string | array | object).
  const written = (resolved.ok ? resolved.customFields : []).map(
    ({ id, field_value }): WriteValue => ({
      id,
      field_value: typeof field_value === "number" ? String(field_value) : field_value,
    }),
  );
  return [...written, ...clears];
};
