/** What a custom field needs to check a value: GHL's dataType and, for choices, the options. */
export type FieldDefinition = {
  name: string;
  dataType: string;
  options?: readonly string[] | null;
};

export type Coerced =
  | { ok: true; value: string | number | string[] }
  /** Says what is wrong in words a person fixing a CSV can act on, naming the field. */
  | { ok: false; error: string };

const fail = (field: FieldDefinition, why: string): Coerced => ({
  ok: false,
  error: `${field.name}: ${why}`,
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{5,25}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

const validDate = (year: number, month: number, day: number) => {
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
};

/** YYYY-MM-DD or MM/DD/YYYY (GHL's own import formats), to YYYY-MM-DD. */
const toIsoDate = (text: string): string | null => {
  const iso = ISO_DATE.exec(text);
  const us = US_DATE.exec(text);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : us
      ? [Number(us[3]), Number(us[1]), Number(us[2])]
      : [0, 0, 0];
  if (!year || !validDate(year, month, day)) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};

/** "1,234.50", "$1,234.50", "1234.5" → 1234.5; anything else is not a number. */
const toNumber = (text: string): number | null => {
  const cleaned = text.replace(/^[$€£]/, "").replaceAll(",", "");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
};

/** Splits a multi-value cell: `a|b`, `a; b` or `a, b`. */
const splitList = (text: string) =>
  text
    .split(/[|;,]/)
    .map((part) => part.trim())
    .filter(Boolean);

/** Matches an option case-insensitively and returns GHL's own spelling. */
const matchOption = (options: readonly string[], value: string) =>
  options.find((option) => option.toLowerCase() === value.toLowerCase()) ?? null;

/**
 * Turns what a person typed (a CSV cell, a form field) into the value GHL accepts for the field's
 * type, or says why it cannot. Empty input is refused here: callers decide whether empty means
 * "leave as is" or "clear".
 */
export const coerceFieldValue = (field: FieldDefinition, input: unknown): Coerced => {
  if (Array.isArray(input)) return coerceFieldValue(field, input.map(String).join("|"));
  if (typeof input === "number") return coerceFieldValue(field, String(input));
  if (typeof input !== "string") return fail(field, "expected text");
  const text = input.trim();
  if (!text) return fail(field, "is empty");
  const options = field.options ?? [];
  switch (field.dataType) {
    case "TEXT":
    case "LARGE_TEXT":
      return text.length > (field.dataType === "TEXT" ? 1_000 : 10_000)
        ? fail(field, "is too long")
        : { ok: true, value: text };
    case "NUMERICAL":
    case "MONETORY": {
      const value = toNumber(text);
      // Sent as text: GHL's specs type numeric field values as strings or objects, never numbers.
      return value === null
        ? fail(field, `"${text}" is not a number`)
        : { ok: true, value: String(value) };
    }
    case "PHONE":
      return PHONE.test(text)
        ? { ok: true, value: text }
        : fail(field, `"${text}" is not a phone number`);
    case "EMAIL":
      return EMAIL.test(text)
        ? { ok: true, value: text }
        : fail(field, `"${text}" is not an email address`);
    case "DATE": {
      const value = toIsoDate(text);
      return value
        ? { ok: true, value }
        : fail(field, `"${text}" is not a date (use YYYY-MM-DD or MM/DD/YYYY)`);
    }
    case "SINGLE_OPTIONS":
    case "RADIO": {
      const value = matchOption(options, text);
      return value
        ? { ok: true, value }
        : fail(field, `"${text}" is not one of ${options.map((o) => `"${o}"`).join(", ")}`);
    }
    case "MULTIPLE_OPTIONS":
    case "CHECKBOX": {
      const values = splitList(text);
      const matched = values.map((v) => matchOption(options, v));
      const unknown = values.filter((_, i) => matched[i] === null);
      if (unknown.length > 0)
        return fail(
          field,
          `${unknown.map((u) => `"${u}"`).join(", ")} not among ${options.map((o) => `"${o}"`).join(", ")}`,
        );
      return { ok: true, value: [...new Set(matched.filter((m): m is string => m !== null))] };
    }
    case "TEXTBOX_LIST":
      return { ok: true, value: splitList(text) };
    case "FILE_UPLOAD":
      return fail(field, "files cannot be set from text");
    default:
      return fail(field, `has a type GHL Hub does not write (${field.dataType})`);
  }
};
