import { z } from "zod";

import { syncRunKind, syncRunStatus } from "../../db/schema";
import {
  CONNECTION_STATUSES,
  SYNC_FREQUENCIES,
  locationInput,
} from "../locations/locations.schemas";

export const SYNC_TRIGGERS = ["schedule", "connect", "manual"] as const;

export const ZSyncStatusInput = locationInput({});
export const ZSyncNowInput = locationInput({});

export const ZSyncRunsInput = locationInput({
  /** The id of the last run of the previous page. */
  cursor: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(20),
  /** Sent by tRPC's infinite queries; pages only go back in time, so it is accepted and ignored. */
  direction: z.enum(["forward", "backward"]).optional(),
});
export type TSyncRunsInput = z.infer<typeof ZSyncRunsInput>;

export const ZMissedOverviewInput = z.strictObject({
  days: z.number().int().min(1).max(90).default(14),
});

export const ZSyncRun = z.object({
  id: z.uuid(),
  kind: z.enum(syncRunKind.enumValues),
  trigger: z.string(),
  status: z.enum(syncRunStatus.enumValues),
  /** Running, but no page written for longer than a live sweep takes: the next sweep takes over. */
  stalled: z.boolean(),
  scanned: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  missed: z.number(),
  /** Of `missed`: contacts deleted in GHL that no delete event told us about (verify runs). */
  removed: z.number(),
  ghlCalls: z.number(),
  /** What GHL said the run had to read; null until its first page. */
  expected: z.number().nullable(),
  error: z.string().nullable(),
  startedAt: z.date(),
  heartbeatAt: z.date(),
  finishedAt: z.date().nullable(),
});
export type TSyncRun = z.infer<typeof ZSyncRun>;

export const ZSyncStatus = z.object({
  locationId: z.uuid(),
  connectionStatus: z.enum(CONNECTION_STATUSES),
  frequency: z.enum(SYNC_FREQUENCIES),
  /** When the first full pass finished; null while the location is still being backfilled. */
  backfilledAt: z.date().nullable(),
  /** `dateUpdated` of the last contact the sweeps have read. */
  checkpointAt: z.date().nullable(),
  /** The sweep running now (or stalled), if any. */
  current: ZSyncRun.nullable(),
  /** The latest finished run. */
  lastFinished: ZSyncRun.nullable(),
  /** A sweep was asked for and waits for a worker. */
  queued: z.boolean(),
  /** When the next scheduled sweep is due; null when the location is not connected. */
  nextDueAt: z.date().nullable(),
  missed: z.object({ last24h: z.number(), last7d: z.number(), total: z.number() }),
  canSyncNow: z.boolean(),
});
export type TSyncStatus = z.infer<typeof ZSyncStatus>;

export const ZSyncRunPage = z.object({
  items: z.array(ZSyncRun),
  nextCursor: z.uuid().nullable(),
});

export const ZSyncNowResult = z.object({ queued: z.literal(true), requestedAt: z.date() });

export const ZMissedOverview = z.object({
  days: z.number(),
  total: z.number(),
  locations: z.array(
    z.object({
      locationId: z.uuid(),
      name: z.string(),
      connectionStatus: z.enum(CONNECTION_STATUSES),
      missed: z.number(),
      runs: z.number(),
      lastRunAt: z.date().nullable(),
      lastStatus: z.enum(syncRunStatus.enumValues).nullable(),
      backfilledAt: z.date().nullable(),
    }),
  ),
  daily: z.array(z.object({ day: z.date(), missed: z.number() })),
});
export type TMissedOverview = z.infer<typeof ZMissedOverview>;
