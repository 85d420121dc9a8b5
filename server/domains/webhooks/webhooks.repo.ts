import { and, desc, eq, gte, inArray, lt, lte, or, sql } from "drizzle-orm";

import { locations, webhookEvents as t } from "../../db/schema";
import type { Db } from "../../db/types";
import type { TListWebhooksInput, TWebhookStatus } from "./webhooks.schemas";

/**
 * Which events a caller may see: always one agency; `locationIds` null means all of its events,
 * agency-level ones included (owners and admins). Events of unknown locations have no agency, so
 * no scope ever matches them.
 */
export type EventScope = { agencyId: string; locationIds: string[] | null };

export const inScope = (scope: EventScope) =>
  and(
    eq(t.agencyId, scope.agencyId),
    scope.locationIds === null ? undefined : inArray(t.locationId, scope.locationIds),
  );

const listColumns = {
  id: t.id,
  seq: t.seq,
  receivedAt: t.receivedAt,
  processedAt: t.processedAt,
  ghlType: t.ghlType,
  eventType: t.eventType,
  locationId: t.locationId,
  locationName: locations.name,
  ghlLocationId: t.ghlLocationId,
  ghlObjectId: t.ghlObjectId,
  status: t.status,
  attempts: t.attempts,
  duplicates: t.duplicates,
  replays: t.replays,
  processedCount: t.processedCount,
  lastError: t.lastError,
  ignoredReason: t.ignoredReason,
  latencyMs: sql<
    number | null
  >`(extract(epoch from (${t.processedAt} - ${t.receivedAt})) * 1000)::float8`,
};

const withLocation = eq(locations.id, t.locationId);

export const listEvents = async (db: Db, scope: EventScope, input: TListWebhooksInput) => {
  const rows = await db
    .select(listColumns)
    .from(t)
    .leftJoin(locations, withLocation)
    .where(
      and(
        inScope(scope),
        input.status ? eq(t.status, input.status) : undefined,
        input.type ? or(eq(t.ghlType, input.type), eq(t.eventType, input.type)) : undefined,
        input.from ? gte(t.receivedAt, input.from) : undefined,
        input.to ? lte(t.receivedAt, input.to) : undefined,
        input.cursor ? lt(t.seq, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(t.seq))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.seq ?? null) : null };
};

/** One event of the agency (any location); the caller's access to its location is checked after. */
export const findEvent = async (db: Db, agencyId: string, id: string) => {
  const [row] = await db
    .select({
      ...listColumns,
      rawBody: t.rawBody,
      headers: t.headers,
      signatureScheme: t.signatureScheme,
      eventAt: t.eventAt,
    })
    .from(t)
    .leftJoin(locations, withLocation)
    .where(and(eq(t.agencyId, agencyId), eq(t.id, id)));
  return row ?? null;
};

/** Back to `received` with a fresh attempt budget; due at once. */
const requeued = () => ({
  status: "received" as const,
  attempts: 0,
  nextAttemptAt: sql`now()`,
  lockedUntil: null,
  claimToken: null,
});

export const RETRYABLE: TWebhookStatus[] = ["failed", "dead"];
export const REPLAYABLE: TWebhookStatus[] = ["processed", "ignored", "dead"];

// The status filter makes each requeue lose cleanly to a worker that moved the row on meanwhile.
export const requeueForRetry = (db: Db, agencyId: string, id: string) =>
  db
    .update(t)
    .set({ ...requeued(), lastError: null })
    .where(and(eq(t.agencyId, agencyId), eq(t.id, id), inArray(t.status, RETRYABLE)))
    .returning({ id: t.id, ghlLocationId: t.ghlLocationId, status: t.status });

export const requeueForReplay = (db: Db, agencyId: string, id: string) =>
  db
    .update(t)
    .set({ ...requeued(), replays: sql`${t.replays} + 1`, ignoredReason: null })
    .where(and(eq(t.agencyId, agencyId), eq(t.id, id), inArray(t.status, REPLAYABLE)))
    .returning({
      id: t.id,
      ghlLocationId: t.ghlLocationId,
      status: t.status,
      replays: t.replays,
    });

/** Up to `limit` dead events in scope, oldest first. */
export const requeueDead = (db: Db, scope: EventScope, limit: number) =>
  db
    .update(t)
    .set({ ...requeued(), lastError: null })
    .where(
      and(
        eq(t.status, "dead"),
        // Picked once (`= any(array(…))`), so no more than `limit` are requeued.
        sql`${t.id} = any(array(${db
          .select({ id: t.id })
          .from(t)
          .where(and(inScope(scope), eq(t.status, "dead")))
          .orderBy(t.seq)
          .limit(limit)
          .for("update", { skipLocked: true })}))`,
      ),
    )
    .returning({ id: t.id, ghlLocationId: t.ghlLocationId });
