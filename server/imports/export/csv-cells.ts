/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and CR, that Excel and
 * LibreOffice strip before looking): OWASP's CSV-injection list, plus NUL.
 */
const FORMULA_START = /^[=+\-@\t\r\0]/;

/** One cell: neutralised with a leading apostrophe when it could run as a formula, then quoted. */
export const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  const text =
    typeof value === "string"
      ? value
      : typeof value === "number" || typeof value === "boolean" || typeof value === "bigint"
        ? String(value)
        : Array.isArray(value)
          ? value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ")
          : value instanceof Date
            ? value.toISOString()
            : (JSON.stringify(value) ?? "");
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  // RFC 4180: quote cells holding a quote, the separator or a line break; double inner quotes.
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(",")}\r\n`;
