import { Readable } from "node:stream";

import { CsvError, type Parser, parse } from "csv-parse";

import { type ByteSource, type CsvEncoding, decodeText, skipLines } from "./decode";
import type { Delimiter } from "./detect-delimiter";
import { IMPORT_LIMITS } from "./limits";

export type CsvRecord =
  /** `line` is where the record starts (header = 1); `endLine` differs for embedded newlines. */
  | { kind: "record"; line: number; endLine: number; cells: string[] }
  /** A record csv-parse could not read; reading goes on at the next line. */
  | { kind: "unreadable"; line: number; error: string };

type Options = {
  encoding: CsvEncoding;
  delimiter: Delimiter;
  maxRecordChars?: number;
  maxRecoveries?: number;
};

const RECOVERABLE = new Set(["CSV_QUOTE_NOT_CLOSED", "CSV_MAX_RECORD_SIZE"]);

const explain = (error: CsvError, maxRecordChars: number) =>
  error.code === "CSV_QUOTE_NOT_CLOSED"
    ? "A quoted cell starts here and its closing quote never comes, so this line could not be read. Check the quotes on this line."
    : `A row starting here is longer than ${Math.round(maxRecordChars / 1024 / 1024)} MB, so it could not be read. Check the quotes and the separator.`;

/** Records of one parser, pulled one at a time (csv-parse pauses while nobody reads). */
async function* recordsOf(parser: Parser): AsyncGenerator<{ lines: number; cells: string[] }> {
  const queue: { lines: number; cells: string[] }[] = [];
  const state: { failure: Error | null; ended: boolean } = { failure: null, ended: false };
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  parser.on("data", (chunk: { info: { lines: number }; record: unknown }) => {
    const cells = Array.isArray(chunk.record) ? chunk.record.map(String) : [];
    queue.push({ lines: chunk.info.lines, cells });
    if (queue.length >= 500) parser.pause();
    notify();
  });
  parser.on("error", (error: Error) => {
    state.failure = error;
    notify();
  });
  parser.on("end", () => {
    state.ended = true;
    notify();
  });
  for (;;) {
    const next = queue.shift();
    if (next) {
      if (queue.length < 100 && parser.isPaused()) parser.resume();
      yield next;
      continue;
    }
    if (state.failure) throw state.failure;
    if (state.ended) return;
    if (parser.isPaused()) parser.resume();
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

/**
 * Streams the records of a CSV file with their line numbers. Embedded newlines in quoted cells are
 * kept. A record that cannot be read at all (a quote never closed, a runaway record) becomes an
 * `unreadable` entry and reading restarts on the line after its first line, so one broken line
 * does not lose the rows after it.
 */
export async function* readCsvRecords(
  open: ByteSource,
  {
    encoding,
    delimiter,
    maxRecordChars = IMPORT_LIMITS.maxRecordChars,
    maxRecoveries = IMPORT_LIMITS.maxRecoveries,
  }: Options,
): AsyncGenerator<CsvRecord> {
  let skipped = 0;
  let recoveries = 0;
  for (;;) {
    const parser = parse({
      delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      max_record_size: maxRecordChars,
      // Files glued together from several tools mix line endings.
      record_delimiter: ["\r\n", "\n", "\r"],
    });
    const text = Readable.from(skipLines(decodeText(open, encoding), skipped));
    text.on("error", (error) => parser.destroy(error));
    text.pipe(parser);
    let lastEnd = skipped;
    try {
      for await (const { lines, cells } of recordsOf(parser)) {
        const endLine = skipped + lines;
        yield { kind: "record", line: lastEnd + 1, endLine, cells };
        lastEnd = endLine;
      }
      return;
    } catch (error) {
      text.destroy();
      if (!(error instanceof CsvError) || !RECOVERABLE.has(error.code)) throw error;
      yield { kind: "unreadable", line: lastEnd + 1, error: explain(error, maxRecordChars) };
      if (++recoveries > maxRecoveries) {
        yield {
          kind: "unreadable",
          line: lastEnd + 2,
          error: `Gave up reading after ${maxRecoveries} unreadable rows: the rest of the file was not imported. Check its quotes and separator.`,
        };
        return;
      }
      skipped = lastEnd + 1;
    }
  }
}
