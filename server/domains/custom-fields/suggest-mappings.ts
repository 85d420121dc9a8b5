import { type CanonicalType, isCompatible } from "./field-types";

/** "Lead Score", "lead_score" and "contact.lead_score" all read as "leadscore". */
export const normaliseFieldName = (text: string) =>
  text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/^contact\./, "")
    .replace(/[^a-z0-9]/g, "");

/** A canonical key from a name: "Preferred Contact Method" → "preferred_contact_method". */
export const slugifyKey = (name: string) => {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);
  return /^[a-z]/.test(slug) ? slug : `f_${slug}`.replace(/_+$/, "");
};

const CANONICAL_FOR_GHL: Record<string, CanonicalType> = {
  TEXT: "text",
  LARGE_TEXT: "text",
  NUMERICAL: "number",
  MONETORY: "number",
  DATE: "date",
  EMAIL: "email",
  PHONE: "phone",
  SINGLE_OPTIONS: "single_option",
  RADIO: "single_option",
  MULTIPLE_OPTIONS: "multiple_options",
  CHECKBOX: "multiple_options",
  TEXTBOX_LIST: "text_list",
};

export type SuggestField = {
  ghlId: string;
  name: string;
  fieldKey: string | null;
  dataType: string;
};
export type SuggestLocation = { id: string; fields: SuggestField[] };
export type SuggestCanonical = {
  id: string;
  key: string;
  name: string;
  dataType: string;
  /** locationId → the GHL field id it is mapped to. */
  mappings: ReadonlyMap<string, string>;
};

export type MappingSuggestion = {
  canonicalFieldId: string;
  locationId: string;
  customFieldGhlId: string;
  fieldName: string;
};

export type NewCanonicalSuggestion = {
  key: string;
  name: string;
  dataType: CanonicalType;
  fields: { locationId: string; customFieldGhlId: string; fieldName: string }[];
};

const namesOf = (field: SuggestField) =>
  [field.name, field.fieldKey ?? ""].map(normaliseFieldName).filter(Boolean);

/**
 * Proposes, for every canonical field, the field of each unmapped location whose name or fieldKey
 * reads the same and whose type fits; and fields that several locations share under one name but
 * no canonical field covers yet. Fields already mapped are never proposed again.
 */
export const suggestMappings = (
  canonical: SuggestCanonical[],
  locations: SuggestLocation[],
): { mappings: MappingSuggestion[]; newCanonical: NewCanonicalSuggestion[] } => {
  const used = new Set(
    canonical.flatMap((c) => [...c.mappings].map(([loc, ghlId]) => `${loc}\u0000${ghlId}`)),
  );
  const isFree = (locationId: string, field: SuggestField) =>
    !used.has(`${locationId}\u0000${field.ghlId}`);

  const mappings: MappingSuggestion[] = [];
  for (const c of canonical) {
    const wanted = new Set([normaliseFieldName(c.key), normaliseFieldName(c.name)]);
    for (const location of locations) {
      if (c.mappings.has(location.id)) continue;
      const match = location.fields.find(
        (f) =>
          isFree(location.id, f) &&
          isCompatible(c.dataType, f.dataType) &&
          namesOf(f).some((n) => wanted.has(n)),
      );
      if (!match) continue;
      used.add(`${location.id}\u0000${match.ghlId}`);
      mappings.push({
        canonicalFieldId: c.id,
        locationId: location.id,
        customFieldGhlId: match.ghlId,
        fieldName: match.name,
      });
    }
  }

  const covered = new Set(
    canonical.flatMap((c) => [normaliseFieldName(c.key), normaliseFieldName(c.name)]),
  );
  const takenKeys = new Set(canonical.map((c) => c.key));
  const groups = new Map<string, NewCanonicalSuggestion>();
  for (const location of locations) {
    for (const field of location.fields) {
      const type = CANONICAL_FOR_GHL[field.dataType];
      const name = normaliseFieldName(field.name);
      if (!type || !name || covered.has(name) || !isFree(location.id, field)) continue;
      const groupKey = `${name}\u0000${type}`;
      const group = groups.get(groupKey) ?? {
        key: slugifyKey(field.name),
        name: field.name.trim(),
        dataType: type,
        fields: [],
      };
      // One field per location: the first one GHL lists.
      if (group.fields.some((f) => f.locationId === location.id)) continue;
      group.fields.push({
        locationId: location.id,
        customFieldGhlId: field.ghlId,
        fieldName: field.name,
      });
      groups.set(groupKey, group);
    }
  }
  const newCanonical = [...groups.values()]
    .filter((g) => g.fields.length >= 2)
    .sort((a, b) => b.fields.length - a.fields.length || a.name.localeCompare(b.name))
    // One suggestion per key: where types disagree, the type most locations use.
    .filter((g) => !takenKeys.has(g.key) && takenKeys.add(g.key));
  return { mappings, newCanonical };
};
