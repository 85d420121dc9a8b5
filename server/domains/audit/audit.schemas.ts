import { z } from "zod";

import { zLocationId } from "../locations/locations.schemas";

export const ZListAuditInput = z.strictObject({
  locationId: zLocationId.optional(),
  action: z.string().trim().min(1).max(100).optional(),
  outcome: z.enum(["success", "denied", "error"]).optional(),
  /** The `seq` of the last row of the previous page. */
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Sent by tRPC's infinite queries; pages only go back in time, so it is accepted and ignored. */
  direction: z.enum(["forward", "backward"]).optional(),
});
export type TListAuditInput = z.infer<typeof ZListAuditInput>;

export const ZAuditEntry = z.object({
  id: z.uuid(),
  seq: z.number(),
  occurredAt: z.date(),
  actorType: z.enum(["user", "system", "anonymous"]),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  locationId: z.uuid().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: z.enum(["success", "denied", "error"]),
  errorCode: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const ZAuditPage = z.object({
  items: z.array(ZAuditEntry),
  nextCursor: z.number().nullable(),
});

export const ZChainStatus = z.object({
  intact: z.boolean(),
  length: z.number(),
  firstBrokenSeq: z.number().nullable(),
});
