import type { z } from "zod";

import { ZContactCreateFields } from "../../ghl/catalog/contacts/contact-fields";
import {
  CANONICAL_PREFIX,
  CUSTOM_FIELD_PREFIX,
  type ColumnMapping,
  LOCATION_TARGET,
  type StandardTarget,
  TARGET_LABELS,
} from "./targets";

export type ContactPayload = z.output<typeof ZContactCreateFields>;

/** A row's cells, sorted by where they go (before validation). */
export type RowDraft = {
  fields: Partial<Record<StandardTarget, string>>;
  /** Keyed like the custom field resolver: the GHL field id, or `canonical:<key>`. */
  custom: Record<string, string>;
  location: string | null;
};

export const draftRow = (cells: string[], mapping: ColumnMapping): RowDraft => {
  const draft: RowDraft = { fields: {}, custom: {}, location: null };
  for (const [column, target] of Object.entries(mapping)) {
    const value = (cells[Number(column)] ?? "").trim();
    if (value === "") continue;
    if (target === LOCATION_TARGET) draft.location = value;
    else if (target.startsWith(CUSTOM_FIELD_PREFIX))
      draft.custom[target.slice(CUSTOM_FIELD_PREFIX.length)] = value;
    else if (target.startsWith(CANONICAL_PREFIX)) draft.custom[target] = value;
    else draft.fields[target as StandardTarget] = value;
  }
  return draft;
};

const YES = new Set(["yes", "y", "true", "1", "on"]);
const NO = new Set(["no", "n", "false", "0", "off"]);

/** Each format's capture groups in year, month, day order. */
const DATE_FORMATS: [RegExp, [number, number, number]][] = [
  [/^(\d{4})[-/._](\d{1,2})[-/._](\d{1,2})$/, [1, 2, 3]],
  [/^(\d{1,2})[-/._](\d{1,2})[-/._](\d{4})$/, [3, 1, 2]],
];

/** GHL's accepted birth date formats (REFERENCE §5.2: YYYY-MM-DD, MM/DD/YYYY, …) to YYYY-MM-DD. */
export const toIsoDate = (text: string): string | null => {
  for (const [pattern, parts] of DATE_FORMATS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const [y, m, d] = parts.map((group) => Number(match[group]));
    if (y === undefined || m === undefined || d === undefined) return null;
    const at = new Date(Date.UTC(y, m - 1, d));
    if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d)
      return null;
    return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }
  return null;
};

export const splitTags = (text: string) => [
  ...new Set(
    text
      .split(/[,;|]/)
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

const IDENTIFYING: StandardTarget[] = [
  "firstName",
  "lastName",
  "name",
  "email",
  "phone",
  "companyName",
];

export type ValidatedRow = { ok: true; payload: ContactPayload } | { ok: false; errors: string[] };

/**
 * The standard fields of a row as GHL's create body, validated with the catalog's own schema so an
 * import accepts exactly what a single create would. Errors name the column's field.
 */
export const validateStandardFields = (draft: RowDraft, extraTags: string[]): ValidatedRow => {
  const errors: string[] = [];
  const body: Record<string, unknown> = {};
  for (const [target, value] of Object.entries(draft.fields) as [StandardTarget, string][]) {
    if (target === "dnd") {
      const lower = value.toLowerCase();
      if (YES.has(lower)) body.dnd = true;
      else if (NO.has(lower)) body.dnd = false;
      else errors.push(`${TARGET_LABELS.dnd}: use yes or no, not "${value.slice(0, 40)}"`);
    } else if (target === "tags") body.tags = splitTags(value);
    else if (target === "dateOfBirth") {
      const iso = toIsoDate(value);
      if (iso) body.dateOfBirth = iso;
      else
        errors.push(
          `${TARGET_LABELS.dateOfBirth}: use YYYY-MM-DD or MM/DD/YYYY, not "${value.slice(0, 40)}"`,
        );
    } else if (target === "country")
      body.country = value.length === 2 ? value.toUpperCase() : value;
    else body[target] = value;
  }
  if (extraTags.length > 0)
    body.tags = [...new Set([...((body.tags as string[] | undefined) ?? []), ...extraTags])];
  if (!IDENTIFYING.some((t) => draft.fields[t]))
    errors.push("Needs at least a name, an email, a phone or a company");
  const parsed = ZContactCreateFields.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      const label = key in TARGET_LABELS ? TARGET_LABELS[key as StandardTarget] : key;
      errors.push(`${label}: ${issue.message}`);
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, payload: parsed.data };
};

/** GHL's duplicate keys: the email case-insensitively, the phone by its digits (E.164-like). */
export const emailKey = (email: string | null | undefined) =>
  email ? email.trim().toLowerCase() : null;

export const phoneKey = (phone: string | null | undefined) => {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  if (digits.length === 0) return null;
  if (phone.trim().startsWith("+")) return `+${digits}`;
  // GHL stores national US/CA numbers with +1 (the sandbox does the same).
  if (digits.length === 10) return `+1${digits}`;
  return `+${digits}`;
};
