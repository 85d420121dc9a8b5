import { describe, expect, it } from "vitest";

import { inspectCsv } from "../plan/inspect-csv";
import { sourceOf } from "../../testing/byte-source";
import { type ByteSource, detectEncoding } from "./decode";
import { detectDelimiter } from "./detect-delimiter";
import { CsvRefusal, openCsvRows } from "./read-rows";

const rowsOf = async (text: string | Uint8Array, delimiter: "," | ";" | "\t" = ",") => {
  const open = sourceOf(text, 7); // tiny chunks: every boundary case gets crossed
  const csv = await openCsvRows(open, { encoding: await detectEncoding(open), delimiter });
  const rows = [];
  for await (const row of csv.rows) rows.push(row);
  return { header: csv.header, rows };
};

const inspect = (text: string | Uint8Array | ByteSource, maxRows?: number) =>
  inspectCsv({
    open: typeof text === "function" ? text : sourceOf(text),
    encoding: "utf-8",
    customChoices: [],
    withLocation: false,
    maxRows,
  });

describe("reading CSV files", () => {
  it("keeps embedded newlines in quoted cells and numbers rows by the line they start on", async () => {
    const { rows } = await rowsOf('name,notes\nAda,"line one\nline two"\n\nGrace,plain\r\n');
    expect(rows).toEqual([
      { line: 2, cells: ["Ada", "line one\nline two"], error: null },
      { line: 5, cells: ["Grace", "plain"], error: null },
    ]);
  });

  it("strips a UTF-8 BOM and reads Latin-1 (Windows-1252) when the bytes are not UTF-8", async () => {
    const bom = await rowsOf("\uFEFFemail,name\na@x.test,Zoë\n");
    expect(bom.header.labels).toEqual(["email", "name"]);
    expect(bom.rows[0]?.cells).toEqual(["a@x.test", "Zoë"]);
    const latin1 = Uint8Array.from([...Buffer.from("email,name\nb@x.test,Ren"), 0xe9, 0x0a]);
    expect(await detectEncoding(sourceOf(latin1))).toBe("windows-1252");
    expect((await rowsOf(latin1)).rows[0]?.cells).toEqual(["b@x.test", "René"]);
  });

  it("reports an unclosed quote on its line and still reads the rows after it", async () => {
    const { rows } = await rowsOf('email,name\na@x.test,Ann\nb@x.test,"Bob\nc@x.test,Cy\n');
    expect(rows[0]).toMatchObject({ line: 2, error: null });
    expect(rows[1]).toMatchObject({
      line: 3,
      error: expect.stringMatching(/closing quote/) as string,
    });
    expect(rows[2]).toEqual({ line: 4, cells: ["c@x.test", "Cy"], error: null });
  });

  it("names duplicate and missing headers, and flags rows with the wrong number of cells", async () => {
    const { header, rows } = await rowsOf("Email,,email\na@x.test,1,2\nb@x.test,1\n");
    expect(header.labels).toEqual(["Email (column 1)", "Column 2", "email (column 3)"]);
    expect(header.warnings.join(" ")).toMatch(/Column 2 has no name/);
    expect(header.warnings.join(" ")).toMatch(/Columns 1, 3 are all named "Email"/);
    expect(rows[1]?.error).toMatch(/has 2 cells but the first line has 3/);
  });

  it("turns a 10 MB cell into a row error and keeps reading", async () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    const { rows } = await rowsOf(`email,notes\na@x.test,"${huge}"\nb@x.test,ok\n`);
    expect(rows[0]?.error).toMatch(/holds 10,485,760 characters; a cell may hold at most 65,536/);
    expect(rows[0]!.cells[1]!.length).toBeLessThan(2_000);
    expect(rows[1]).toEqual({ line: 3, cells: ["b@x.test", "ok"], error: null });
  });

  it("detects semicolons and tabs, and refuses when it cannot tell", async () => {
    expect(await detectDelimiter(sourceOf("a;b;c\n1;2;3\n"), "utf-8")).toMatchObject({
      ok: true,
      delimiter: ";",
    });
    expect(await detectDelimiter(sourceOf("a\tb\n1\t2\n"), "utf-8")).toMatchObject({
      ok: true,
      delimiter: "\t",
    });
    const unsure = await detectDelimiter(sourceOf("a,b;c\n1,2;3\n"), "utf-8");
    expect(unsure).toEqual({
      ok: false,
      error: expect.stringMatching(/commas or semicolons/) as string,
    });
    await expect(inspect("first|last|email\nA|B|a@x.test\n")).rejects.toThrow(
      /Found only one column \("first\|last\|email"\)/,
    );
  });

  it("refuses a file over the row cap and says how many rows it has", async () => {
    const million: ByteSource = async function* () {
      await Promise.resolve();
      yield new TextEncoder().encode("email,name\n");
      const block =
        Array.from({ length: 10_000 }, (_, i) => `p${i}@x.test,Person ${i}`).join("\n") + "\n";
      const bytes = new TextEncoder().encode(block);
      for (let i = 0; i < 100; i++) yield bytes;
    };
    const refusal = await inspect(million).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CsvRefusal);
    expect((refusal as Error).message).toBe(
      "This file has 1,000,000 rows; one import takes at most 50,000. Split it into files of 50,000 rows or fewer.",
    );
  }, 60_000);

  it("previews the first rows and suggests a mapping from the column names", async () => {
    const result = await inspect(
      "First Name,E-mail,Mobile,Tags,Whatever\nAda,a@x.test,5125550100,vip,?\n",
    );
    expect(result.suggested).toEqual({ "0": "firstName", "1": "email", "2": "phone", "3": "tags" });
    expect(result.preview).toEqual([
      { line: 2, cells: ["Ada", "a@x.test", "5125550100", "vip", "?"] },
    ]);
    expect(result.rowCount).toBe(1);
  });
});
