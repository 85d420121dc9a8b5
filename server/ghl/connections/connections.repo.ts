import { and, asc, eq, isNull, lt, or, type SQL, sql } from "drizzle-orm";

import { ghlConnections } from "../../db/schema";
import type { Db } from "../../db/types";

export type ConnectionRow = typeof ghlConnections.$inferSelect;
export type NewConnection = typeof ghlConnections.$inferInsert;

/** By id, without a tenant filter: for the token engine and jobs, which take the tenant from the row. */
export const findConnectionById = async (db: Db, id: string) =>
  (await db.select().from(ghlConnections).where(eq(ghlConnections.id, id)))[0] ?? null;

export const findCompanyConnection = async (db: Db, agencyId: string) =>
  (
    await db
      .select()
      .from(ghlConnections)
      .where(and(eq(ghlConnections.agencyId, agencyId), eq(ghlConnections.kind, "company")))
      .orderBy(asc(ghlConnections.createdAt))
  )[0] ?? null;

export const findLocationConnection = async (db: Db, agencyId: string, ghlLocationId: string) =>
  (
    await db
      .select()
      .from(ghlConnections)
      .where(
        and(
          eq(ghlConnections.agencyId, agencyId),
          eq(ghlConnections.kind, "location"),
          eq(ghlConnections.ghlLocationId, ghlLocationId),
        ),
      )
  )[0] ?? null;

export const listAgencyConnections = (db: Db, agencyId: string) =>
  db.select().from(ghlConnections).where(eq(ghlConnections.agencyId, agencyId));

/**
 * Creates or replaces a grant of one kind, keyed by the agency and that kind's GHL id. A reconnect
 * starts a fresh token chain: version bumped, lease, failures and last error cleared. `only` is the
 * partial unique index's predicate, written as a literal so Postgres infers that index.
 */
const upsertConnection =
  (
    kind: "company" | "location",
    key: typeof ghlConnections.ghlCompanyId | typeof ghlConnections.ghlLocationId,
    only: SQL,
  ) =>
  async (db: Db, values: NewConnection) =>
    (
      await db
        .insert(ghlConnections)
        .values({ ...values, kind })
        .onConflictDoUpdate({
          target: [ghlConnections.agencyId, key],
          targetWhere: only,
          set: {
            ...values,
            version: sql`${ghlConnections.version} + 1`,
            status: "active",
            leaseOwner: null,
            leaseUntil: null,
            refreshFailures: 0,
            retryAfter: null,
            lastError: null,
          },
        })
        .returning()
    )[0];

export const upsertCompanyConnection = upsertConnection(
  "company",
  ghlConnections.ghlCompanyId,
  sql`${ghlConnections.kind} = 'company'`,
);

export const upsertLocationConnection = upsertConnection(
  "location",
  ghlConnections.ghlLocationId,
  sql`${ghlConnections.kind} = 'location'`,
);

/**
 * Takes the refresh lease if nobody holds a live one and the row is still at `version`. Only the
 * holder calls GHL; no database lock is held during that call.
 */
export const tryLease = async (
  db: Db,
  id: string,
  version: number,
  owner: string,
  leaseMs: number,
) =>
  (
    await db
      .update(ghlConnections)
      .set({
        leaseOwner: owner,
        leaseUntil: sql`clock_timestamp() + make_interval(secs => ${leaseMs / 1000})`,
      })
      .where(
        and(
          eq(ghlConnections.id, id),
          eq(ghlConnections.version, version),
          or(
            isNull(ghlConnections.leaseUntil),
            lt(ghlConnections.leaseUntil, sql`clock_timestamp()`),
          ),
        ),
      )
      .returning()
  )[0] ?? null;

type Refreshed = {
  accessTokenEnc: string;
  refreshTokenEnc: string | null;
  expiresAt: Date;
  scopes: string[];
};

/** Stores the new token pair and bumps the version, releasing the lease. */
export const storeRefreshed = async (db: Db, id: string, owner: string, tokens: Refreshed) => {
  const values = {
    ...tokens,
    version: sql`${ghlConnections.version} + 1`,
    status: "active" as const,
    leaseOwner: null,
    leaseUntil: null,
    lastRefreshedAt: sql`now()`,
    refreshFailures: 0,
    retryAfter: null,
    lastError: null,
  };
  const fenced = await db
    .update(ghlConnections)
    .set(values)
    .where(and(eq(ghlConnections.id, id), eq(ghlConnections.leaseOwner, owner)))
    .returning();
  if (fenced[0]) return fenced[0];
  // The lease lapsed while GHL answered. Our refresh already spent the old refresh token, so ours is
  // the only valid pair: store it regardless, or the chain is lost.
  return (
    (await db.update(ghlConnections).set(values).where(eq(ghlConnections.id, id)).returning())[0] ??
    null
  );
};

/** A transient failure: keep the grant, count the failure and wait before the next attempt. */
export const releaseAfterFailure = (
  db: Db,
  id: string,
  owner: string,
  message: string,
  retryAfterMs: number,
) =>
  db
    .update(ghlConnections)
    .set({
      leaseOwner: null,
      leaseUntil: null,
      refreshFailures: sql`${ghlConnections.refreshFailures} + 1`,
      lastError: message,
      retryAfter: sql`now() + make_interval(secs => ${retryAfterMs / 1000})`,
    })
    .where(and(eq(ghlConnections.id, id), eq(ghlConnections.leaseOwner, owner)));

export const markNeedsReauth = (db: Db, id: string, message: string) =>
  db
    .update(ghlConnections)
    .set({ status: "needs_reauth", leaseOwner: null, leaseUntil: null, lastError: message })
    .where(eq(ghlConnections.id, id));

export const markDisconnected = (db: Db, agencyId: string, id: string) =>
  db
    .update(ghlConnections)
    .set({
      status: "disconnected",
      accessTokenEnc: "",
      refreshTokenEnc: null,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(eq(ghlConnections.agencyId, agencyId), eq(ghlConnections.id, id)));

/** Connections whose access token expires within `withinMs`: the pre-refresh cron's work list. */
export const listExpiringConnections = (db: Db, withinMs: number) =>
  db
    .select({ id: ghlConnections.id, agencyId: ghlConnections.agencyId })
    .from(ghlConnections)
    .where(
      and(
        eq(ghlConnections.status, "active"),
        lt(ghlConnections.expiresAt, sql`now() + make_interval(secs => ${withinMs / 1000})`),
      ),
    );
