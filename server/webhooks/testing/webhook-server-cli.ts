// A webhook receiver process for the crash test: intake + the local worker on DATABASE_URL.
// Prints "listening <port>" once it accepts deliveries.
import { createPublicKey } from "node:crypto";

import { createWebhookPipeline } from "../../background/webhook-pipeline";
import { openPostgres } from "../../db/client";
import { TEST_INTAKE } from "./pipeline";
import { startWebhookServer } from "./http-server";

const main = async () => {
  const url = process.env.DATABASE_URL;
  const pem = process.env.TEST_WEBHOOK_ED25519_PEM;
  if (!url || !pem) throw new Error("DATABASE_URL and TEST_WEBHOOK_ED25519_PEM are required");
  const { db } = await openPostgres(url, 10);
  const pipeline = createWebhookPipeline({
    db,
    driver: "local",
    keys: { ed25519: [createPublicKey(pem)], rsa: [], rsaCutoff: new Date(0) },
    intake: TEST_INTAKE,
    ghl: () => Promise.reject(new Error("no GHL in this test")),
    worker: { leaseMs: Number(process.env.TEST_LEASE_MS ?? 1_500), pollMs: 100, retryBaseMs: 50 },
  });
  const server = await startWebhookServer(pipeline.intake, Number(process.env.PORT ?? 0));
  console.log(`listening ${server.port}`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
