const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export const formatDate = (value: Date | null) => (value ? date.format(value) : "—");
export const formatDateTime = (value: Date | null) => (value ? dateTime.format(value) : "—");

/** What to call a contact when GHL has no name for it. */
export const displayName = (c: {
  name: string | null;
  email: string | null;
  phone: string | null;
}) => c.name?.trim() || c.email || c.phone || "Unnamed contact";

/** "vip, Math ,, lead" → ["vip", "math", "lead"] (GHL keeps tags lower-case). */
export const parseTags = (text: string) => [
  ...new Set(
    text
      .split(",")
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  ),
];

/** A custom field value as text, whatever shape GHL stored it in. */
export const fieldValueText = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(fieldValueText).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
};
