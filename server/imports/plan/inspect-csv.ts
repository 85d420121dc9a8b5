import { type ByteSource, type CsvEncoding } from "../csv/decode";
import { type Delimiter, delimiterName, detectDelimiter } from "../csv/detect-delimiter";
import { IMPORT_LIMITS } from "../csv/limits";
import { CsvRefusal, openCsvRows } from "../csv/read-rows";
import { type FieldChoice, suggestMapping } from "../mapping/suggest-mapping";
import type { MappingTarget } from "../mapping/targets";

export type CsvInspection = {
  encoding: CsvEncoding;
  delimiter: Delimiter;
  columns: string[];
  warnings: string[];
  /** The first rows as read, with their line numbers. */
  preview: { line: number; cells: string[] }[];
  rowCount: number;
  /** Rows that cannot be read as they stand (wrong cell count, unreadable, a runaway cell). */
  unreadableRows: number;
  suggested: Record<string, MappingTarget>;
};

const PREVIEW_ROWS = 10;

export const rowCapMessage = (count: number, maxRows: number) =>
  `This file has ${count.toLocaleString("en-US")} rows; one import takes at most ${maxRows.toLocaleString("en-US")}. Split it into files of ${maxRows.toLocaleString("en-US")} rows or fewer.`;

/** Resolves the separator (given, or detected) and opens the rows; refusals are CsvRefusal. */
export const openCsv = async (
  open: ByteSource,
  encoding: CsvEncoding,
  delimiter?: Delimiter,
  maxCellChars?: number,
) => {
  let chosen = delimiter;
  if (!chosen) {
    const guess = await detectDelimiter(open, encoding);
    if (!guess.ok) throw new CsvRefusal(guess.error);
    chosen = guess.delimiter;
  }
  const csv = await openCsvRows(open, { encoding, delimiter: chosen, maxCellChars });
  return { delimiter: chosen, ...csv };
};

/**
 * Reads a whole uploaded file once: its columns, the first rows, how many rows it has, and a
 * first guess at the mapping. A file over the row cap is refused here, before any planning.
 */
export const inspectCsv = async ({
  open,
  encoding,
  delimiter,
  customChoices,
  withLocation,
  maxRows = IMPORT_LIMITS.maxRows,
}: {
  open: ByteSource;
  encoding: CsvEncoding;
  delimiter?: Delimiter;
  customChoices: FieldChoice[];
  withLocation: boolean;
  maxRows?: number;
}): Promise<CsvInspection> => {
  const csv = await openCsv(open, encoding, delimiter);
  const suggested = suggestMapping(csv.header.labels, customChoices, { withLocation: true });
  if (csv.header.labels.length === 1 && Object.keys(suggested).length === 0)
    throw new CsvRefusal(
      `Found only one column ("${(csv.header.labels[0] ?? "").slice(0, 80)}"). Columns must be separated by commas, semicolons or tabs.`,
    );
  const preview: CsvInspection["preview"] = [];
  let rowCount = 0;
  let unreadableRows = 0;
  for await (const row of csv.rows) {
    rowCount++;
    if (row.error) unreadableRows++;
    if (preview.length < PREVIEW_ROWS) preview.push({ line: row.line, cells: row.cells });
  }
  if (rowCount === 0) throw new CsvRefusal("The file has column names but no rows to import.");
  if (rowCount > maxRows) throw new CsvRefusal(rowCapMessage(rowCount, maxRows));
  const warnings = [...csv.header.warnings];
  if (encoding === "windows-1252")
    warnings.push(
      "The file is not UTF-8; it was read as Windows-1252 (Latin-1). Check accented letters in the preview.",
    );
  if (!delimiter && csv.delimiter !== ",")
    warnings.push(`Columns are separated by ${delimiterName(csv.delimiter)}.`);
  return {
    encoding,
    delimiter: csv.delimiter,
    columns: csv.header.labels,
    warnings,
    preview,
    rowCount,
    unreadableRows,
    suggested: withLocation
      ? suggested
      : Object.fromEntries(Object.entries(suggested).filter(([, t]) => t !== "location")),
  };
};
