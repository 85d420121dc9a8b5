/**
 * The types an agency gives its canonical fields, and which GHL field types can hold each one. A
 * mapping is refused when a value valid for the canonical type could be refused by the location's
 * field (an email into a NUMERICAL field), so an import never meets that mismatch row by row.
 */
export const CANONICAL_TYPES = {
  text: { label: "Text", ghl: ["TEXT", "LARGE_TEXT"] },
  number: { label: "Number", ghl: ["NUMERICAL", "MONETORY"] },
  date: { label: "Date", ghl: ["DATE"] },
  email: { label: "Email", ghl: ["EMAIL", "TEXT", "LARGE_TEXT"] },
  phone: { label: "Phone", ghl: ["PHONE", "TEXT", "LARGE_TEXT"] },
  single_option: { label: "Single choice", ghl: ["SINGLE_OPTIONS", "RADIO"] },
  multiple_options: { label: "Multiple choice", ghl: ["MULTIPLE_OPTIONS", "CHECKBOX"] },
  text_list: { label: "Text list", ghl: ["TEXTBOX_LIST"] },
} as const satisfies Record<string, { label: string; ghl: readonly string[] }>;

export type CanonicalType = keyof typeof CANONICAL_TYPES;

export const CANONICAL_TYPE_KEYS = Object.keys(CANONICAL_TYPES) as [
  CanonicalType,
  ...CanonicalType[],
];

export const isCanonicalType = (value: string): value is CanonicalType =>
  Object.hasOwn(CANONICAL_TYPES, value);

export const isCompatible = (canonical: string, ghlDataType: string) =>
  isCanonicalType(canonical) &&
  (CANONICAL_TYPES[canonical].ghl as readonly string[]).includes(ghlDataType);

/** Names GHL's dataTypes the way its own UI does, for labels and error messages. */
const GHL_LABELS: Record<string, string> = {
  TEXT: "Single line",
  LARGE_TEXT: "Multi line",
  NUMERICAL: "Number",
  MONETORY: "Monetary",
  PHONE: "Phone",
  EMAIL: "Email",
  DATE: "Date",
  SINGLE_OPTIONS: "Dropdown (single)",
  MULTIPLE_OPTIONS: "Dropdown (multiple)",
  RADIO: "Radio",
  CHECKBOX: "Checkbox",
  TEXTBOX_LIST: "Text box list",
  FILE_UPLOAD: "File upload",
  SIGNATURE: "Signature",
};

export const ghlTypeLabel = (dataType: string) => GHL_LABELS[dataType] ?? dataType;

export const compatibleGhlTypes = (canonical: CanonicalType) =>
  CANONICAL_TYPES[canonical].ghl.map(ghlTypeLabel).join(", ");
