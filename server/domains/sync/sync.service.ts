import { type SweepDispatcher, dispatchSweeps } from "../../background/sweep-dispatch";
import type { Db } from "../../db/types";
import { AppError, notFound } from "../../errors";
import type { Logger } from "../../log";
import {
  type SyncRunRow,
  markSweepRequested,
  readSweepState,
} from "../../sync/contacts/sync-runs.repo";
import { isLive, sweepDueAt } from "../../sync/contacts/sync-schedule";
import { type AgencyTenant, type LocationTenant, isAgencyAdmin } from "../../tenancy";
import { listAccessibleLocations } from "../locations/locations.repo";
import {
  findRun,
  findSyncLocation,
  latestFinishedRun,
  listRuns,
  missedByLocation,
  missedTotals,
} from "./sync.repo";
import type { TMissedOverview, TSyncRun, TSyncRunsInput, TSyncStatus } from "./sync.schemas";

type LocationDeps = { db: Db; tenant: LocationTenant };

const SWEEPABLE = new Set(["connected", "expiring"]);

const keyOf = (tenant: LocationTenant) => ({
  agencyId: tenant.agencyId,
  locationId: tenant.locationId,
});

const toRun = (run: SyncRunRow, now: Date): TSyncRun => ({
  id: run.id,
  kind: run.kind,
  trigger: run.trigger,
  status: run.status,
  stalled: run.status === "running" && !isLive(run, now),
  scanned: run.scanned,
  created: run.created,
  updated: run.updated,
  unchanged: run.unchanged,
  missed: run.missed,
  removed: run.removed,
  ghlCalls: run.ghlCalls,
  expected: run.expected,
  error: run.error,
  startedAt: run.startedAt,
  heartbeatAt: run.heartbeatAt,
  finishedAt: run.finishedAt,
});

const requireLocation = async (db: Db, tenant: LocationTenant) => {
  const location = await findSyncLocation(db, keyOf(tenant));
  // The procedure checked access already; a row gone meanwhile is simply not there.
  if (!location) throw notFound({ type: "location", id: tenant.locationId });
  return location;
};

export const getSyncStatus = async ({ db, tenant }: LocationDeps): Promise<TSyncStatus> => {
  const now = new Date();
  const key = keyOf(tenant);
  const [location, current, lastFinished, missed] = await Promise.all([
    requireLocation(db, tenant),
    readSweepState(db, key),
    latestFinishedRun(db, key),
    missedTotals(db, key, now),
  ]);
  const running = current?.lastRun?.status === "running" ? current.lastRun : null;
  const connected = SWEEPABLE.has(location.connectionStatus) && location.ghlLocationId !== null;
  const live = isLive(running, now);
  const requested = current?.state.nextDueAt ?? null;
  const nextDueAt = connected
    ? sweepDueAt({
        frequency: location.frequency,
        nextDueAt: requested,
        lastRun: current?.lastRun ?? null,
      })
    : null;
  return {
    locationId: tenant.locationId,
    connectionStatus: location.connectionStatus,
    frequency: location.frequency,
    backfilledAt: location.state?.backfilledAt ?? null,
    checkpointAt: location.state?.cursorUpdatedAt ?? null,
    current: running ? toRun(running, now) : null,
    lastFinished: lastFinished ? toRun(lastFinished, now) : null,
    queued: connected && !live && requested !== null && requested <= now,
    nextDueAt,
    missed,
    canSyncNow: connected && !live && tenant.locationRole === "admin",
  };
};

export const listSyncRuns = async ({ db, tenant }: LocationDeps, input: TSyncRunsInput) => {
  const key = keyOf(tenant);
  const after = input.cursor ? await findRun(db, key, input.cursor) : null;
  if (input.cursor && !after)
    throw new AppError("INVALID_INPUT", "That page of the sync history is gone. Reload the page.");
  const now = new Date();
  const page = await listRuns(db, key, { after, limit: input.limit });
  return { items: page.items.map((run) => toRun(run, now)), nextCursor: page.nextCursor };
};

/**
 * "Sync now": records the request (so the schedulers pick it up even if the hand-off is lost) and
 * hands it to the background driver. Refused while a sweep of the location is running.
 */
export const requestSyncNow = async (
  { db, tenant, log }: LocationDeps & { log: Logger },
  dispatch: SweepDispatcher = dispatchSweeps,
) => {
  const location = await requireLocation(db, tenant);
  if (!SWEEPABLE.has(location.connectionStatus) || !location.ghlLocationId) {
    throw new AppError(
      "LOCATION_NOT_CONNECTED",
      "This location is not connected to GoHighLevel, so there is nothing to sync. Connect it in Settings → Connections.",
    );
  }
  const key = keyOf(tenant);
  const current = await readSweepState(db, key);
  if (current?.lastRun && isLive(current.lastRun)) {
    throw new AppError(
      "SYNC_RUNNING",
      `A sync of this location is already running (started ${current.lastRun.startedAt.toISOString()}). Its progress is shown here; wait for it to finish.`,
    );
  }
  const requestedAt = new Date();
  await markSweepRequested(db, key, requestedAt);
  try {
    await dispatch([{ ...key, trigger: "manual" }]);
  } catch (error) {
    // The request is stored: the next scheduled scan (within 5 minutes) starts it.
    log.warn({ err: error, ...key }, "could not hand the sync request on; the schedule will");
  }
  return { queued: true as const, requestedAt };
};

const DAY_MS = 86_400_000;

/** Agency-wide: per location the caller can open, the changes GHL never sent a webhook for. */
export const getMissedOverview = async (
  { db, tenant }: { db: Db; tenant: AgencyTenant },
  input: { days: number },
): Promise<TMissedOverview> => {
  const locationIds = isAgencyAdmin(tenant.role)
    ? null
    : (await listAccessibleLocations(db, tenant)).map((l) => l.id);
  const empty = { days: input.days, total: 0, locations: [], daily: [] };
  if (locationIds?.length === 0) return empty;
  const since = new Date(Date.now() - input.days * DAY_MS);
  const { perLocation, lastRuns, daily } = await missedByLocation(
    db,
    { agencyId: tenant.agencyId, locationIds },
    since,
  );
  const last = new Map(lastRuns.map((run) => [run.locationId, run]));
  return {
    days: input.days,
    total: perLocation.reduce((sum, l) => sum + l.missed, 0),
    locations: perLocation.map((l) => ({
      ...l,
      lastRunAt: last.get(l.locationId)?.startedAt ?? null,
      lastStatus: last.get(l.locationId)?.status ?? null,
    })),
    daily,
  };
};
