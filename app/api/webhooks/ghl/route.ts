// POST /api/webhooks/ghl – the marketplace app's one webhook URL: verify, store, then 200
import { receiveGhlWebhook } from "~/server/webhooks/route-handler";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => receiveGhlWebhook(request);
