import { randomUUID } from "node:crypto";

import { cron } from "inngest";
import { z } from "zod";

import type { Db } from "../../../db/types";
import type { GhlRuntime } from "../../../ghl/runtime";
import { claimEvent, markDead } from "../../../webhooks/inbox.repo";
import { processClaimedEvent } from "../../../webhooks/process-event";
import { WEBHOOK_RETRIES } from "../../../webhooks/retry-policy";
import { pruneInbox, redispatchStuck } from "../../../webhooks/sweep";
import { inngest } from "../../client";
import { hubEventPublished, webhookReceived } from "../../events";

type Deps = {
  db: () => Promise<Db>;
  ghl: () => Promise<GhlRuntime>;
  leaseMs: number;
  retentionDays: number;
  /** The pipeline's hand-off to Inngest (the same one intake uses). */
  dispatch: () => Promise<Parameters<typeof redispatchStuck>[1]>;
};

const ZFailedRun = z.object({ inboxId: z.uuid() });

class RetryableWebhookError extends Error {
  override name = "RetryableWebhookError";
}

/**
 * One stored webhook. Up to five locations' events run at once per location key; Inngest retries
 * a failed attempt with backoff (5 retries), then onFailure marks the row dead.
 */
export const createProcessWebhook = ({ db, ghl, leaseMs }: Deps) =>
  inngest.createFunction(
    {
      id: "ghl-webhook-process",
      triggers: [webhookReceived],
      concurrency: [{ key: "event.data.locationKey", limit: 5 }],
      retries: WEBHOOK_RETRIES,
      onFailure: async ({ event, error }) => {
        // The failed run's triggering event, as Inngest wraps it in inngest/function.failed.
        const { inboxId } = ZFailedRun.parse(event.data.event.data);
        await markDead(await db(), inboxId, error.message);
      },
    },
    async ({ event, step }) => {
      const result = await step.run("process", async () => {
        const database = await db();
        const claimed = await claimEvent(database, event.data.inboxId, {
          leaseMs,
          token: randomUUID(),
        });
        if (!claimed) return { status: "skipped" as const };
        // Inngest owns the retry schedule: a failure is thrown so it retries the step.
        const outcome = await processClaimedEvent(
          { db: database, ghl, retryAt: () => new Date() },
          claimed,
        );
        if (outcome.status === "failed") throw new RetryableWebhookError(outcome.error);
        return outcome;
      });
      if (result.status === "processed") {
        await step.sendEvent(
          "publish",
          hubEventPublished.create(result.published, {
            id: `hub:${event.data.inboxId}:${event.id ?? ""}`,
          }),
        );
      }
      return { status: result.status };
    },
  );

/** Every minute: re-send rows Inngest never received, and prune old finished rows hourly. */
export const createSweepWebhooks = ({ db, retentionDays, dispatch }: Deps) =>
  inngest.createFunction(
    { id: "ghl-webhook-sweep", triggers: [cron("* * * * *")] },
    async ({ step }) => {
      const resent = await step.run("redispatch-stuck", async () =>
        redispatchStuck(await db(), await dispatch()),
      );
      const pruned =
        new Date().getUTCMinutes() === 0
          ? await step.run("prune", async () => pruneInbox(await db(), retentionDays))
          : 0;
      return { resent, pruned };
    },
  );
