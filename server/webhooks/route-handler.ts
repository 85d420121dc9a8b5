import { getWebhookPipeline } from "../background/webhook-pipeline";
import { log } from "../log";

/**
 * The route handlers' shared body. If the pipeline cannot even be built (database unreachable at
 * the first request), the answer is still 429: GHL sends the event again later.
 */
export const receiveGhlWebhook = async (request: Request, pathLocationId?: string) => {
  try {
    const pipeline = await getWebhookPipeline();
    return await pipeline.receive(request, { pathLocationId });
  } catch (error) {
    log.error({ err: error }, "webhook intake unavailable");
    return new Response(JSON.stringify({ error: "try_again_later" }), {
      status: 429,
      headers: { "content-type": "application/json", "retry-after": "60" },
    });
  }
};
