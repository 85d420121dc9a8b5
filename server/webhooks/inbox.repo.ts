import { and, eq, inArray, lte, sql } from "drizzle-orm";

import { webhookEvents as t } from "../db/schema";
import type { Db } from "../db/types";

export type ClaimedEvent = {
  id: string;
  seq: number;
  ghlType: string;
  ghlLocationId: string | null;
  ghlCompanyId: string | null;
  rawBody: Uint8Array;
  eventAt: Date | null;
  receivedAt: Date;
  attempts: number;
  claimToken: string;
};

const claimedColumns = {
  id: t.id,
  seq: t.seq,
  ghlType: t.ghlType,
  ghlLocationId: t.ghlLocationId,
  ghlCompanyId: t.ghlCompanyId,
  rawBody: t.rawBody,
  eventAt: t.eventAt,
  receivedAt: t.receivedAt,
  attempts: t.attempts,
};

/** Waiting, retry due, or abandoned mid-processing by a crashed worker (lease expired). */
const due = sql`${t.status} in ('received', 'failed', 'processing') and ${t.nextAttemptAt} <= now()`;

const claimSet = (token: string, leaseMs: number) => ({
  status: "processing" as const,
  claimToken: token,
  attempts: sql`${t.attempts} + 1`,
  lockedUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
  // A claimed row becomes due again only when its lease runs out.
  nextAttemptAt: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
});

/** Claims the oldest due events (receipt order), skipping rows another worker is claiming. */
export const claimDueEvents = async (
  db: Db,
  { limit, leaseMs, token }: { limit: number; leaseMs: number; token: string },
): Promise<ClaimedEvent[]> => {
  const rows = await db
    .update(t)
    .set(claimSet(token, leaseMs))
    // `= any(array(…))` picks the rows once; `in (…)` may run the locked pick again per row and
    // claim far more than `limit` (see claimRows in the import runner).
    .where(
      sql`${t.id} = any(array(${db
        .select({ id: t.id })
        .from(t)
        .where(due)
        .orderBy(t.nextAttemptAt, t.seq)
        .limit(limit)
        .for("update", { skipLocked: true })}))`,
    )
    .returning(claimedColumns);
  return rows.map((row) => ({ ...row, claimToken: token })).sort((a, b) => a.seq - b.seq);
};

/** Claims one event by id (the Inngest driver), unless it is finished or leased to another run. */
export const claimEvent = async (
  db: Db,
  id: string,
  { leaseMs, token }: { leaseMs: number; token: string },
): Promise<ClaimedEvent | null> => {
  const [row] = await db
    .update(t)
    .set(claimSet(token, leaseMs))
    .where(
      and(
        eq(t.id, id),
        sql`(${t.status} in ('received', 'failed') or (${t.status} = 'processing' and ${t.lockedUntil} <= now()))`,
      ),
    )
    .returning(claimedColumns);
  return row ? { ...row, claimToken: token } : null;
};

type Tenant = { agencyId: string | null; locationId: string | null };

const mine = (id: string, token: string) =>
  and(eq(t.id, id), eq(t.status, "processing"), eq(t.claimToken, token));

/**
 * Marks a claimed event done. Returns false when the claim was lost (the lease ran out and another
 * worker took it): the caller's transaction must then roll back, so effects are applied once.
 */
export const markProcessed = async (
  db: Db,
  event: ClaimedEvent,
  tenant: Tenant,
  eventType: string | null,
) => {
  const rows = await db
    .update(t)
    .set({
      status: "processed",
      ...tenant,
      eventType,
      processedAt: sql`now()`,
      processedCount: sql`${t.processedCount} + 1`,
      lastError: null,
      lockedUntil: null,
      claimToken: null,
    })
    .where(mine(event.id, event.claimToken))
    .returning({ id: t.id });
  return rows.length === 1;
};

/**
 * Marks many claimed events done in one statement (a batch); returns how many were still ours.
 * Fewer than given means a claim was lost: the caller's transaction must roll back.
 */
export const markProcessedMany = async (
  db: Db,
  items: { event: ClaimedEvent; tenant: Tenant; eventType: string | null }[],
) => {
  const values = sql.join(
    items.map(
      ({ event, tenant, eventType }) =>
        sql`(${event.id}::uuid, ${event.claimToken}::uuid, ${tenant.agencyId}::uuid, ${tenant.locationId}::uuid, ${eventType}::text)`,
    ),
    sql`, `,
  );
  const rows = await db
    .update(t)
    .set({
      status: "processed",
      agencyId: sql`v.agency_id`,
      locationId: sql`v.location_id`,
      eventType: sql`v.event_type`,
      processedAt: sql`now()`,
      processedCount: sql`${t.processedCount} + 1`,
      lastError: null,
      lockedUntil: null,
      claimToken: null,
    })
    .where(and(sql`${t.id} = v.id`, eq(t.status, "processing"), sql`${t.claimToken} = v.token`))
    .from(sql`(values ${values}) as v(id, token, agency_id, location_id, event_type)`)
    .returning({ id: t.id });
  return rows.length;
};

export const markIgnored = (db: Db, event: ClaimedEvent, tenant: Tenant, reason: string) =>
  db
    .update(t)
    .set({
      status: "ignored",
      ...tenant,
      ignoredReason: reason,
      processedAt: sql`now()`,
      lockedUntil: null,
      claimToken: null,
    })
    .where(mine(event.id, event.claimToken))
    .returning({ id: t.id });

/** A failed attempt: retried at `retryAt`, or dead when `retryAt` is null. */
export const markFailed = (
  db: Db,
  event: ClaimedEvent,
  tenant: Tenant | null,
  error: string,
  retryAt: Date | null,
) =>
  db
    .update(t)
    .set({
      status: retryAt ? "failed" : "dead",
      ...(tenant ?? {}),
      lastError: error.slice(0, 4_000),
      nextAttemptAt: retryAt ?? sql`now()`,
      lockedUntil: null,
      claimToken: null,
    })
    .where(mine(event.id, event.claimToken));

/** Inngest's onFailure: the run is out of retries. */
export const markDead = (db: Db, id: string, error: string) =>
  db
    .update(t)
    .set({ status: "dead", lastError: error.slice(0, 4_000), lockedUntil: null, claimToken: null })
    .where(and(eq(t.id, id), inArray(t.status, ["received", "processing", "failed"])));

/** Rows still waiting for a hand-off to Inngest after `olderThanMs` (the outbox sweep). */
export const undispatchedEvents = (db: Db, olderThanMs: number, limit: number) =>
  db
    .select({ id: t.id, ghlLocationId: t.ghlLocationId, replays: t.replays })
    .from(t)
    .where(
      and(
        eq(t.status, "received"),
        lte(t.receivedAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`),
        sql`(${t.dispatchedAt} is null or ${t.dispatchedAt} <= now() - make_interval(secs => ${olderThanMs / 1000}))`,
      ),
    )
    .orderBy(t.seq)
    .limit(limit);

export const markDispatched = (db: Db, ids: string[]) =>
  db
    .update(t)
    .set({ dispatchedAt: sql`now()` })
    .where(inArray(t.id, ids));
