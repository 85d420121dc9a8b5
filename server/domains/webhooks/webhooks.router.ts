import { z } from "zod";

import { router } from "../../trpc/init";
import { agencyProcedure } from "../../trpc/procedures";
import {
  ZListWebhooksInput,
  ZRequeued,
  ZRetryAllDeadInput,
  ZWebhookEventDetail,
  ZWebhookEventInput,
  ZWebhookPage,
  ZWebhookStats,
  ZWebhookStatsInput,
} from "./webhooks.schemas";
import { getWebhookStats } from "./webhooks-stats.service";
import {
  getWebhook,
  listWebhooks,
  replayWebhook,
  retryAllDeadWebhooks,
  retryWebhook,
} from "./webhooks.service";

// Agency-scoped: who may see or requeue an event depends on its location, checked per event.
export const webhooksRouter = router({
  list: agencyProcedure
    .input(ZListWebhooksInput)
    .output(ZWebhookPage)
    .query(({ ctx, input }) => listWebhooks(ctx, input)),
  get: agencyProcedure
    .input(ZWebhookEventInput)
    .output(ZWebhookEventDetail)
    .query(({ ctx, input }) => getWebhook(ctx, input.eventId)),
  stats: agencyProcedure
    .input(ZWebhookStatsInput)
    .output(ZWebhookStats)
    .query(({ ctx, input }) => getWebhookStats(ctx, input)),
  retry: agencyProcedure
    .input(ZWebhookEventInput)
    .output(ZRequeued)
    .mutation(({ ctx, input }) => retryWebhook(ctx, input.eventId)),
  replay: agencyProcedure
    .input(ZWebhookEventInput)
    .output(ZRequeued)
    .mutation(({ ctx, input }) => replayWebhook(ctx, input.eventId)),
  retryAllDead: agencyProcedure
    .input(ZRetryAllDeadInput)
    .output(z.object({ count: z.number(), capped: z.boolean() }))
    .mutation(({ ctx, input }) => retryAllDeadWebhooks(ctx, input.locationId)),
});
