// GET /api/metrics – Prometheus text: webhooks, processing latency, queue depth, GHL calls, refreshes
import { serveMetrics } from "~/server/metrics/serve-metrics";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => serveMetrics(request);
