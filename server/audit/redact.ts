const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|private/i;
const MAX_STRING = 500;
const MAX_DEPTH = 4;

/** Audit details never carry secrets, and stay small: secret-looking keys are masked. */
export const redactDetails = (value: unknown, depth = 0): unknown => {
  if (value === null || value === undefined) return value;
  if (typeof value === "string")
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[truncated]";
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactDetails(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      SECRET_KEY.test(key) ? "[redacted]" : redactDetails(v, depth + 1),
    ]),
  );
};
