import { and, asc, eq, gt, isNotNull, or } from "drizzle-orm";
import { z } from "zod";

import { contactImportRows as r, contactImports } from "../../db/schema";
import type { Db } from "../../db/types";
import { csvLine } from "./csv-cells";

const ZColumns = z.object({ columns: z.array(z.string()).default([]) });
const PAGE = 1_000;

/**
 * The rows a person has to look at, as CSV: line number, what went wrong, then the row's cells as
 * they were read (neutralised like any export: a CSV cell can hold a formula).
 */
export async function* importErrorReport(
  db: Db,
  where: { agencyId: string; importId: string },
): AsyncGenerator<string> {
  const [row] = await db
    .select({ options: contactImports.options })
    .from(contactImports)
    .where(and(eq(contactImports.agencyId, where.agencyId), eq(contactImports.id, where.importId)));
  const { columns } = ZColumns.parse(row?.options ?? {});
  yield `\uFEFF${csvLine(["Line", "Result", "Error", ...columns])}`;
  let after = 0;
  for (;;) {
    const page = await db
      .select({
        line: r.line,
        plan: r.plan,
        status: r.status,
        outcome: r.outcome,
        error: r.error,
        raw: r.raw,
      })
      .from(r)
      .where(
        and(
          eq(r.agencyId, where.agencyId),
          eq(r.importId, where.importId),
          or(eq(r.plan, "invalid"), eq(r.status, "failed"), isNotNull(r.error)),
          gt(r.line, after),
        ),
      )
      .orderBy(asc(r.line))
      .limit(PAGE);
    if (page.length === 0) return;
    let chunk = "";
    for (const item of page) {
      const result =
        item.plan === "invalid"
          ? "not imported (invalid)"
          : item.status === "failed"
            ? "failed"
            : (item.outcome ?? item.status);
      chunk += csvLine([item.line, result, item.error, ...columns.map((c) => item.raw[c] ?? "")]);
    }
    yield chunk;
    const last = page.at(-1);
    if (page.length < PAGE || !last) return;
    after = last.line;
  }
}
