import { z } from "zod";

import { webhookStatus } from "../../db/schema/webhooks";
import { zLocationId } from "../locations/locations.schemas";

export const WEBHOOK_STATUSES = webhookStatus.enumValues;
export type TWebhookStatus = (typeof WEBHOOK_STATUSES)[number];

const zEventId = z.uuid("Not a valid webhook event id");

export const ZListWebhooksInput = z.strictObject({
  locationId: zLocationId.optional(),
  status: z.enum(WEBHOOK_STATUSES).optional(),
  /** GHL's name (`ContactUpdate`) or ours (`contact.updated`). */
  type: z.string().trim().min(1).max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** The `seq` of the last row of the previous page. */
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Sent by tRPC's infinite queries; pages only go back in time, so it is accepted and ignored. */
  direction: z.enum(["forward", "backward"]).optional(),
});
export type TListWebhooksInput = z.infer<typeof ZListWebhooksInput>;

export const ZWebhookEventInput = z.strictObject({ eventId: zEventId });

export const ZRetryAllDeadInput = z.strictObject({ locationId: zLocationId.optional() });

export const ZWebhookStatsInput = z.strictObject({
  locationId: zLocationId.optional(),
  windowHours: z.number().int().min(1).max(720).default(24),
});
export type TWebhookStatsInput = z.infer<typeof ZWebhookStatsInput>;

export const ZWebhookEvent = z.object({
  id: z.uuid(),
  seq: z.number(),
  receivedAt: z.date(),
  processedAt: z.date().nullable(),
  ghlType: z.string(),
  eventType: z.string().nullable(),
  locationId: z.uuid().nullable(),
  locationName: z.string().nullable(),
  ghlLocationId: z.string().nullable(),
  ghlObjectId: z.string().nullable(),
  status: z.enum(WEBHOOK_STATUSES),
  attempts: z.number(),
  duplicates: z.number(),
  replays: z.number(),
  processedCount: z.number(),
  lastError: z.string().nullable(),
  ignoredReason: z.string().nullable(),
  latencyMs: z.number().nullable(),
  /** Whether the caller may retry or replay it (location admin, or agency admin). */
  canManage: z.boolean(),
});
export type TWebhookEvent = z.infer<typeof ZWebhookEvent>;

export const ZWebhookPage = z.object({
  items: z.array(ZWebhookEvent),
  nextCursor: z.number().nullable(),
});

export const ZWebhookEventDetail = ZWebhookEvent.extend({
  /** The stored bytes as UTF-8, pretty-printed when they are JSON. */
  payload: z.string(),
  payloadIsJson: z.boolean(),
  headers: z.record(z.string(), z.string()),
  signatureScheme: z.string(),
  eventAt: z.date().nullable(),
});

export const ZRequeued = z.object({ id: z.uuid(), status: z.enum(WEBHOOK_STATUSES) });

export const ZWebhookStats = z.object({
  windowHours: z.number(),
  received: z.number(),
  duplicates: z.number(),
  processed: z.number(),
  ignored: z.number(),
  failed: z.number(),
  dead: z.number(),
  queueDepth: z.number(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  hourly: z.array(
    z.object({ hour: z.date(), received: z.number(), processed: z.number(), dead: z.number() }),
  ),
  /** Deliveries refused at intake on this server (all agencies); agency admins only. */
  rejected: z
    .object({
      total: z.number(),
      byOutcome: z.array(z.object({ outcome: z.string(), count: z.number() })),
    })
    .nullable(),
});
export type TWebhookStats = z.infer<typeof ZWebhookStats>;
