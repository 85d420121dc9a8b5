import { expect, test } from "@playwright/test";

test("GET /api/metrics needs the bearer token and serves Prometheus text", async ({ request }) => {
  expect((await request.get("/api/metrics")).status()).toBe(401);
  expect(
    (
      await request.get("/api/metrics", {
        headers: { authorization: "Bearer wrong-token-00000000" },
      })
    ).status(),
  ).toBe(401);
  const response = await request.get("/api/metrics", {
    headers: { authorization: "Bearer e2e-metrics-token-000000" },
  });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  const text = await response.text();
  for (const name of [
    "ghlhub_webhooks_received_total",
    "ghlhub_webhook_receipt_to_processed_seconds",
    "ghlhub_webhook_queue_depth",
    "ghlhub_ghl_api_calls_total",
    "ghlhub_token_refreshes_total",
  ]) {
    expect(text).toContain(`# TYPE ${name}`);
  }
});
