// GET /api/exports/contacts?locationId=…&fields=… – one location's contacts as CSV, from the mirror
import { and, eq } from "drizzle-orm";

import { recordAudit } from "~/server/audit/record-audit";
import { customFields } from "~/server/db/schema";
import { ZExportFields, exportContactsCsv } from "~/server/imports/export/export-contacts";
import {
  attachment,
  errorResponse,
  jsonError,
  textStream,
} from "~/server/imports/http/route-helpers";
import { createTRPCContext } from "~/server/trpc/next-context";
import { createCaller } from "~/server/trpc/root";

export const dynamic = "force-dynamic";

export const GET = async (request: Request) => {
  const url = new URL(request.url);
  const locationId = url.searchParams.get("locationId") ?? "";
  const fields = ZExportFields.safeParse(url.searchParams.get("fields") ?? undefined);
  if (!fields.success) return jsonError(400, "Unknown export fields. Choose them again.");
  const context = await createTRPCContext({ headers: request.headers });
  const caller = createCaller(context);
  try {
    // Only a location the caller may open; another agency's id is NOT_FOUND and audited.
    const [agency, location] = await Promise.all([
      caller.agency.get(),
      caller.locations.get({ locationId }),
    ]);
    const labels = await context.db
      .select({ ghlId: customFields.ghlId, name: customFields.name })
      .from(customFields)
      .where(and(eq(customFields.agencyId, agency.id), eq(customFields.locationId, location.id)));
    await recordAudit(context.db, {
      agencyId: agency.id,
      locationId: location.id,
      actorType: "user",
      actorId: context.session?.user?.id ?? null,
      action: "contacts.export",
      targetType: "location",
      targetId: location.id,
      outcome: "success",
      ...context.request,
      details: { fields: fields.data },
    });
    const lines = exportContactsCsv(
      context.db,
      { agencyId: agency.id, locationId: location.id },
      fields.data,
      new Map(labels.map((l) => [l.ghlId, l.name])),
    );
    const day = new Date().toISOString().slice(0, 10);
    return new Response(textStream(lines), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": attachment(`${location.name} contacts ${day}.csv`),
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
};
