import { timingSafeEqual } from "node:crypto";

import { getWebhookPipeline } from "../background/webhook-pipeline";
import { getEnv } from "../env";
import { getMetrics } from "./registry";

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Prometheus exposition. With METRICS_TOKEN set, a matching bearer token is required; without it
 * the endpoint is open only outside production (fail closed: figures reveal traffic).
 */
export const serveMetrics = async (request: Request) => {
  const env = getEnv();
  if (env.METRICS_TOKEN) {
    const given = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
    if (!sameSecret(given, env.METRICS_TOKEN)) {
      return new Response("unauthorized\n", {
        status: 401,
        headers: { "www-authenticate": 'Bearer realm="metrics"' },
      });
    }
  } else if (env.NODE_ENV === "production") {
    return new Response("not found\n", { status: 404 });
  }
  // The queue-depth gauge reads the inbox through the pipeline's database handle.
  await getWebhookPipeline().catch(() => null);
  const { registry } = getMetrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
};
