// POST /api/ghl/webhooks/:locationId – the same intake under a per-location URL (PRD); the signed
// body's locationId decides the tenant, and a mismatch with the URL is stored as ignored
import { receiveGhlWebhook } from "~/server/webhooks/route-handler";

export const dynamic = "force-dynamic";

export const POST = async (
  request: Request,
  { params }: { params: Promise<{ locationId: string }> },
) => receiveGhlWebhook(request, (await params).locationId);
