import type { Db } from "../../db/types";
import {
  type FieldResolver,
  type FieldValues,
  type ResolvedValues,
  canonicalKeyOf,
  createFieldResolver,
  isEmptyValue,
} from "./field-resolver";
import { loadLocationFields } from "./location-fields.repo";

export {
  CANONICAL_PREFIX,
  type FieldResolver,
  type FieldValues,
  type ResolvedValues,
} from "./field-resolver";

type LocationWhere = { agencyId: string; locationId: string };

/**
 * The resolver for many rows at one location (an import's rows): the location's field
 * definitions and the agency's canonical mappings are read once, here, not per row.
 * `canonicalKeys` narrows what is read when the keys are known in advance.
 */
export const loadFieldResolver = async (
  db: Db,
  where: LocationWhere,
  canonicalKeys?: readonly string[],
): Promise<FieldResolver> =>
  createFieldResolver(await loadLocationFields(db, where, canonicalKeys));

/**
 * Resolves one write's values (a contact form, the API) with the same rules: reads only the
 * canonical fields the values name, and nothing at all when every value is empty.
 */
export const resolveCustomFieldValues = async (
  db: Db,
  where: LocationWhere,
  values: FieldValues,
): Promise<ResolvedValues> => {
  const keys = Object.keys(values).filter((key) => !isEmptyValue(values[key]));
  if (keys.length === 0) return { ok: true, customFields: [] };
  const canonicalKeys = keys.flatMap((key) => canonicalKeyOf(key) ?? []);
  const resolve = await loadFieldResolver(db, where, canonicalKeys);
  return resolve(values);
};
