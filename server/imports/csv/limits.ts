/** What one import may hold. Past these, a file is refused (rows, upload) or a row is (cell size). */
export const IMPORT_LIMITS = {
  /** Data rows in one file (the header and blank lines do not count). */
  maxRows: 50_000,
  /** Characters in one cell: GHL's own fields are far shorter; a bigger cell is a broken file. */
  maxCellChars: 64 * 1024,
  /** Bytes of one upload. */
  maxUploadBytes: 50 * 1024 * 1024,
  /** csv-parse's buffer for one record: larger records end the pass and it restarts past them. */
  maxRecordChars: 16 * 1024 * 1024,
  /** Restarts after unreadable records before the rest of the file is given up on. */
  maxRecoveries: 50,
} as const;

export type ImportLimits = { [K in keyof typeof IMPORT_LIMITS]: number };
