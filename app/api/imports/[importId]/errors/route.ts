// GET /api/imports/:importId/errors – the import's row-level error report as CSV
import { importErrorReport } from "~/server/imports/export/error-report";
import { attachment, errorResponse, textStream } from "~/server/imports/http/route-helpers";
import { createTRPCContext } from "~/server/trpc/next-context";
import { createCaller } from "~/server/trpc/root";

export const dynamic = "force-dynamic";

export const GET = async (
  request: Request,
  { params }: { params: Promise<{ importId: string }> },
) => {
  const { importId } = await params;
  const context = await createTRPCContext({ headers: request.headers });
  const caller = createCaller(context);
  try {
    // The same access check (and audit of a refusal) as the progress page.
    const [agency, progress] = await Promise.all([
      caller.agency.get(),
      caller.imports.progress({ importId }),
    ]);
    const name = progress.fileName.replace(/\.csv$/i, "");
    return new Response(
      textStream(importErrorReport(context.db, { agencyId: agency.id, importId })),
      {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": attachment(`${name} - errors.csv`),
          "cache-control": "no-store",
        },
      },
    );
  } catch (error) {
    return errorResponse(error);
  }
};
