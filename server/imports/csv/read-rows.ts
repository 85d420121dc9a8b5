import type { ByteSource, CsvEncoding } from "./decode";
import type { Delimiter } from "./detect-delimiter";
import { IMPORT_LIMITS } from "./limits";
import { readCsvRecords } from "./read-records";

export type CsvHeader = { labels: string[]; warnings: string[] };
/** One data row: `error` says why it cannot be imported as it stands. */
export type CsvRow = { line: number; cells: string[]; error: string | null };

/** The whole file is refused: the message says why and what to do. */
export class CsvRefusal extends Error {
  override name = "CsvRefusal";
}

/** Cells kept for the error report: a runaway cell must not fill the database. */
const REPORT_CELL_CHARS = 1_000;

const shorten = (cell: string) =>
  cell.length > REPORT_CELL_CHARS
    ? `${cell.slice(0, REPORT_CELL_CHARS)}… (${cell.length.toLocaleString("en-US")} characters)`
    : cell;

/** Column labels: blanks get "Column N", repeated names get their position, both with a warning. */
export const labelHeader = (cells: string[]): CsvHeader => {
  const warnings: string[] = [];
  const trimmed = cells.map((c) => c.trim());
  if (trimmed.every((c) => c === ""))
    throw new CsvRefusal("The first line must name the columns, but it is empty.");
  const seen = new Map<string, number[]>();
  trimmed.forEach((name, i) => {
    if (!name) return;
    const key = name.toLowerCase();
    seen.set(key, [...(seen.get(key) ?? []), i]);
  });
  const labels = trimmed.map((name, i) => {
    if (!name) {
      warnings.push(
        `Column ${i + 1} has no name in the first line; it is called "Column ${i + 1}".`,
      );
      return `Column ${i + 1}`;
    }
    const same = seen.get(name.toLowerCase()) ?? [];
    return same.length > 1 ? `${name} (column ${i + 1})` : name;
  });
  for (const [key, positions] of seen) {
    if (positions.length < 2) continue;
    const name = trimmed[positions[0] ?? 0] ?? key;
    warnings.push(
      `Columns ${positions.map((p) => p + 1).join(", ")} are all named "${name}": they are told apart by position. Map only the one you mean.`,
    );
  }
  return { labels, warnings };
};

const rowError = (cells: string[], header: CsvHeader, maxCellChars: number) => {
  const width = header.labels.length;
  const extra = cells.slice(width);
  if (cells.length < width || extra.some((c) => c.trim() !== ""))
    return `This row has ${cells.length} cells but the first line has ${width}. Check the separator and the quotes on this row.`;
  const huge = cells.findIndex((c) => c.length > maxCellChars);
  const size = cells[huge]?.length;
  if (size !== undefined)
    return `Column "${header.labels[huge] ?? huge + 1}" holds ${size.toLocaleString("en-US")} characters; a cell may hold at most ${maxCellChars.toLocaleString("en-US")}.`;
  return null;
};

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

/**
 * Reads the header, then yields data rows with their line numbers and per-row problems. Blank
 * rows are left out (spreadsheets end files with them). Cells are cut to a reportable size when
 * the row is refused for a runaway cell.
 */
export const openCsvRows = async (
  open: ByteSource,
  options: { encoding: CsvEncoding; delimiter: Delimiter; maxCellChars?: number },
) => {
  const maxCellChars = options.maxCellChars ?? IMPORT_LIMITS.maxCellChars;
  const records = readCsvRecords(open, options);
  let first = await records.next();
  while (!first.done && first.value.kind === "record" && isBlank(first.value.cells))
    first = await records.next();
  if (first.done) throw new CsvRefusal("The file is empty.");
  if (first.value.kind === "unreadable")
    throw new CsvRefusal(`The first line (the column names) cannot be read: ${first.value.error}`);
  const header = labelHeader(first.value.cells);

  async function* rows(): AsyncGenerator<CsvRow> {
    for await (const record of records) {
      if (record.kind === "unreadable") {
        yield { line: record.line, cells: [], error: record.error };
        continue;
      }
      if (isBlank(record.cells)) continue;
      const error = rowError(record.cells, header, maxCellChars);
      yield {
        line: record.line,
        cells: error ? record.cells.map(shorten) : record.cells,
        error,
      };
    }
  }
  return { header, rows: rows() };
};
