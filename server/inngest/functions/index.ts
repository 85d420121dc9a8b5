import type { InngestFunction } from "inngest";

import { getWebhookPipeline } from "../../background/webhook-pipeline";
import { getDb } from "../../db/client";
import { getEnv } from "../../env";
import { getGhlRuntime } from "../../ghl/runtime";
import { createRunImport, createSweepImports } from "./imports/run-import";
import { createSweepLocation, createSweepScan } from "./sync/sweep-contacts";
import { preRefreshScan, refreshToken } from "./tokens/pre-refresh-tokens";
import { createProcessWebhook, createSweepWebhooks } from "./webhooks/process-webhook";

const env = getEnv();
const webhookDeps = {
  db: getDb,
  ghl: getGhlRuntime,
  leaseMs: env.WEBHOOK_LEASE_MS,
  retentionDays: env.WEBHOOK_RETENTION_DAYS,
  dispatch: async () => (await getWebhookPipeline()).dispatch,
};

/** Every background function served at /api/inngest. Sync joins here. */
export const functions: InngestFunction.Any[] = [
  preRefreshScan,
  refreshToken,
  createProcessWebhook(webhookDeps),
  createSweepWebhooks(webhookDeps),
  createSweepScan({ db: getDb }),
  createSweepLocation({ db: getDb, ghl: getGhlRuntime }),
  createRunImport({ db: getDb, ghl: getGhlRuntime }),
  createSweepImports({ db: getDb }),
];
