import { and, desc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";

import { locations, syncRuns as r, syncState } from "../../db/schema";
import type { Db } from "../../db/types";
import { CONTACTS, type LocationKey } from "../../sync/contacts/sync-runs.repo";

const ofLocation = ({ agencyId, locationId }: LocationKey) =>
  and(eq(r.agencyId, agencyId), eq(r.locationId, locationId), eq(r.entity, CONTACTS));

export const findSyncLocation = async (db: Db, { agencyId, locationId }: LocationKey) => {
  const [row] = await db
    .select({
      connectionStatus: locations.connectionStatus,
      ghlLocationId: locations.ghlLocationId,
      frequency: locations.syncFrequency,
      state: syncState,
    })
    .from(locations)
    .leftJoin(
      syncState,
      and(eq(syncState.locationId, locations.id), eq(syncState.entity, CONTACTS)),
    )
    .where(and(eq(locations.agencyId, agencyId), eq(locations.id, locationId)));
  return row ?? null;
};

export const findRun = async (db: Db, key: LocationKey, runId: string) => {
  const [row] = await db
    .select()
    .from(r)
    .where(and(ofLocation(key), eq(r.id, runId)));
  return row ?? null;
};

/** The latest finished run (the running one, if any, is read through sync_state). */
export const latestFinishedRun = async (db: Db, key: LocationKey) => {
  const [row] = await db
    .select()
    .from(r)
    .where(and(ofLocation(key), sql`${r.status} <> 'running'`))
    .orderBy(desc(r.startedAt), desc(r.id))
    .limit(1);
  return row ?? null;
};

/** Runs newest first, keyed on (startedAt, id) so a page never skips or repeats a run. */
export const listRuns = async (
  db: Db,
  key: LocationKey,
  page: { after: { startedAt: Date; id: string } | null; limit: number },
) => {
  const rows = await db
    .select()
    .from(r)
    .where(
      and(
        ofLocation(key),
        page.after
          ? or(
              lt(r.startedAt, page.after.startedAt),
              and(eq(r.startedAt, page.after.startedAt), lt(r.id, page.after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(r.startedAt), desc(r.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
};

const DAY_MS = 86_400_000;

export const missedTotals = async (db: Db, key: LocationKey, now = new Date()) => {
  // Raw timestamps go in as ISO text: postgres.js cannot bind a Date outside a column comparison.
  const since = (ms: number) => sql`${new Date(now.getTime() - ms).toISOString()}::timestamptz`;
  const [row] = await db
    .select({
      last24h: sql<number>`coalesce(sum(${r.missed}) filter (where ${r.startedAt} > ${since(DAY_MS)}), 0)::int`,
      last7d: sql<number>`coalesce(sum(${r.missed}) filter (where ${r.startedAt} > ${since(7 * DAY_MS)}), 0)::int`,
      total: sql<number>`coalesce(sum(${r.missed}), 0)::int`,
    })
    .from(r)
    .where(ofLocation(key));
  return row ?? { last24h: 0, last7d: 0, total: 0 };
};

/**
 * Per location of the agency (or of `locationIds`), what the sweeps found GHL never sent since
 * `since`, with the day-by-day total.
 */
export const missedByLocation = async (
  db: Db,
  scope: { agencyId: string; locationIds: string[] | null },
  since: Date,
) => {
  const inScope = and(
    eq(locations.agencyId, scope.agencyId),
    scope.locationIds ? inArray(locations.id, scope.locationIds) : undefined,
  );
  const runsSince = and(
    eq(r.locationId, locations.id),
    eq(r.agencyId, locations.agencyId),
    eq(r.entity, CONTACTS),
    gte(r.startedAt, since),
  );
  const perLocation = await db
    .select({
      locationId: locations.id,
      name: locations.name,
      connectionStatus: locations.connectionStatus,
      missed: sql<number>`coalesce(sum(${r.missed}), 0)::int`,
      runs: sql<number>`count(${r.id})::int`,
      backfilledAt: syncState.backfilledAt,
    })
    .from(locations)
    .leftJoin(r, runsSince)
    .leftJoin(
      syncState,
      and(eq(syncState.locationId, locations.id), eq(syncState.entity, CONTACTS)),
    )
    .where(inScope)
    .groupBy(locations.id, locations.name, locations.connectionStatus, syncState.backfilledAt)
    .orderBy(desc(sql`coalesce(sum(${r.missed}), 0)`), locations.name);
  const lastRuns = await db
    .select({ locationId: syncState.locationId, startedAt: r.startedAt, status: r.status })
    .from(syncState)
    .innerJoin(r, eq(r.id, syncState.lastRunId))
    .innerJoin(
      locations,
      and(eq(locations.id, syncState.locationId), eq(locations.agencyId, syncState.agencyId)),
    )
    .where(and(inScope, eq(syncState.entity, CONTACTS)));
  const daily = await db
    .select({
      day: sql<Date>`date_trunc('day', ${r.startedAt})`.mapWith((v: string | Date) => new Date(v)),
      missed: sql<number>`coalesce(sum(${r.missed}), 0)::int`,
    })
    .from(r)
    .innerJoin(locations, and(eq(locations.id, r.locationId), eq(locations.agencyId, r.agencyId)))
    .where(and(inScope, eq(r.entity, CONTACTS), gte(r.startedAt, since)))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return { perLocation, lastRuns, daily };
};
