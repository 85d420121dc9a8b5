/**
 * The rows of a `db.execute` result: postgres.js returns them as an array, PGlite as `{ rows }`.
 * Callers parse them with zod; this only finds them.
 */
export const rowsOf = (result: unknown): unknown[] => {
  if (Array.isArray(result)) return result;
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? rows : [];
};
