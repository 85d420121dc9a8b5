import { parse } from "csv-parse/sync";

import { type ByteSource, type CsvEncoding, decodeText } from "./decode";

export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

const NAMES: Record<Delimiter, string> = { ",": "commas", ";": "semicolons", "\t": "tabs" };
export const delimiterName = (d: Delimiter) => NAMES[d];

const SAMPLE_CHARS = 64 * 1024;

export type DelimiterGuess =
  { ok: true; delimiter: Delimiter; columns: number } | { ok: false; error: string };

const sampleOf = async (open: ByteSource, encoding: CsvEncoding) => {
  let sample = "";
  for await (const text of decodeText(open, encoding)) {
    sample += text;
    if (sample.length >= SAMPLE_CHARS) break;
  }
  // A cut-off last line would count as inconsistent: keep whole lines only (unless there is one).
  const lastNewline = sample.lastIndexOf("\n", SAMPLE_CHARS);
  return sample.length >= SAMPLE_CHARS && lastNewline > 0 ? sample.slice(0, lastNewline) : sample;
};

/** Cells per record for one candidate: the header's, and how many records agree with it. */
const shapeFor = (sample: string, delimiter: Delimiter) => {
  try {
    const records: unknown = parse(sample, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: SAMPLE_CHARS * 2,
    });
    if (!Array.isArray(records) || records.length === 0) return null;
    const widths = records.map((r) => (Array.isArray(r) ? r.length : 0));
    const header = widths[0] ?? 0;
    const rows = widths.slice(1);
    const agreeing = rows.filter((w) => w === header).length;
    return { header, consistency: rows.length === 0 ? 1 : agreeing / rows.length };
  } catch {
    // An unclosed quote in the sample: this candidate may still be the right one; judge the rest.
    return null;
  }
};

/**
 * Picks the separator whose split gives the header two or more cells and the rows the same count.
 * Two plausible answers, or none, is a refusal that says what was seen: guessing wrong would import
 * every row into the wrong fields.
 */
export const detectDelimiter = async (
  open: ByteSource,
  encoding: CsvEncoding,
): Promise<DelimiterGuess> => {
  const sample = await sampleOf(open, encoding);
  if (sample.trim() === "") return { ok: false, error: "The file is empty." };
  const fits = DELIMITERS.flatMap((delimiter) => {
    const shape = shapeFor(sample, delimiter);
    return shape && shape.header >= 2 && shape.consistency >= 0.9
      ? [{ delimiter, columns: shape.header, consistency: shape.consistency }]
      : [];
  });
  const [best, second] = [...fits].sort((a, b) => b.consistency - a.consistency);
  if (best && !second) return { ok: true, ...best };
  if (best && second) {
    if (best.consistency === 1 && second.consistency < 1) return { ok: true, ...best };
    return {
      ok: false,
      error: `Could not tell whether the columns are separated by ${fits
        .map((f) => delimiterName(f.delimiter))
        .join(
          " or ",
        )}. Choose the separator, or save the file as CSV with commas and upload it again.`,
    };
  }
  const firstLine = sample.split(/\r?\n/, 1)[0] ?? "";
  const oneColumn = DELIMITERS.every((d) => (shapeFor(sample, d)?.header ?? 0) <= 1);
  if (oneColumn) return { ok: true, delimiter: ",", columns: 1 };
  return {
    ok: false,
    error: `Could not find the column separator: with commas, semicolons or tabs the rows do not have the same number of cells as the first line ("${firstLine.slice(0, 80)}"). Choose the separator, or check the file.`,
  };
};
