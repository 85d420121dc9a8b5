import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

const createMetrics = () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "ghlhub_" });
  let queueDepthSource: (() => Promise<Record<string, number>>) | null = null;
  return {
    registry,
    webhooksReceived: new Counter({
      name: "ghlhub_webhooks_received_total",
      help: "GHL webhook deliveries by intake outcome (accepted, duplicate, ignored, rejected_*, too_large, throttled).",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    webhooksProcessed: new Counter({
      name: "ghlhub_webhooks_processed_total",
      help: "Webhook processing attempts by result (processed, ignored, failed, dead).",
      labelNames: ["status"] as const,
      registers: [registry],
    }),
    webhookLatency: new Histogram({
      name: "ghlhub_webhook_receipt_to_processed_seconds",
      help: "Time from a webhook's receipt to its processing, in seconds.",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    webhookQueueDepth: new Gauge({
      name: "ghlhub_webhook_queue_depth",
      help: "Inbox rows not yet finished, by status (received, processing, failed).",
      labelNames: ["status"] as const,
      registers: [registry],
      async collect() {
        if (!queueDepthSource) return;
        const depth = await queueDepthSource().catch(() => null);
        if (!depth) return;
        this.reset();
        for (const [status, count] of Object.entries(depth)) this.set({ status }, count);
      },
    }),
    ghlApiCalls: new Counter({
      name: "ghlhub_ghl_api_calls_total",
      help: "Calls to the GHL API by operation and HTTP status (0: no response).",
      labelNames: ["operation", "status"] as const,
      registers: [registry],
    }),
    ghlApiLatency: new Histogram({
      name: "ghlhub_ghl_api_call_duration_seconds",
      help: "GHL API call duration including retries and rate-limit waits, in seconds.",
      labelNames: ["operation"] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    tokenRefreshes: new Counter({
      name: "ghlhub_token_refreshes_total",
      help: "GHL token refreshes by outcome (refreshed, reminted, needs_reauth, failed, joined).",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    setQueueDepthSource(source: () => Promise<Record<string, number>>) {
      queueDepthSource = source;
    },
  };
};

export type Metrics = ReturnType<typeof createMetrics>;

// One registry per process, though Next loads this module in several bundles.
const store = globalThis as typeof globalThis & { __ghlhubMetrics?: Metrics };

export const getMetrics = (): Metrics => (store.__ghlhubMetrics ??= createMetrics());
