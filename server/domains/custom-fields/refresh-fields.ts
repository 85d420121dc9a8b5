import { recordAudit } from "../../audit/record-audit";
import type { Db } from "../../db/types";
import { AppError } from "../../errors";
import { CATALOG, runOperation } from "../../ghl/catalog";
import { locationTarget } from "../../ghl/connections/targets";
import { GhlNotConfiguredError, type GhlRuntime } from "../../ghl/runtime";
import type { TRefreshResult } from "./custom-fields.schemas";
import { type IncomingField, lastSyncedAt, replaceLocationFields } from "./custom-fields.repo";

export type GhlProvider = () => Promise<GhlRuntime>;
export type RefreshDeps = { db: Db; ghl: GhlProvider };
export type FieldsLocation = {
  id: string;
  name: string;
  ghlLocationId: string | null;
  connectionStatus: string;
};

/** Definitions older than this are read again from GHL when someone looks at them. */
export const FIELDS_MAX_AGE_MS = 60 * 60 * 1000;

const runtimeOf = (ghl: GhlProvider) =>
  ghl().catch((error: unknown) => {
    if (error instanceof GhlNotConfiguredError)
      throw new AppError("GHL_NOT_CONFIGURED", error.message);
    throw error;
  });

// Two tabs opening the page at once make one GHL call per location, not two.
const inflight = new Map<string, Promise<TRefreshResult>>();

const readFromGhl = async (
  deps: RefreshDeps,
  agencyId: string,
  location: FieldsLocation,
): Promise<TRefreshResult> => {
  const runtime = await runtimeOf(deps.ghl);
  const target = await locationTarget(runtime, agencyId, location);
  const defs = await runOperation(
    CATALOG.listCustomFields,
    { http: runtime.http, target, ghlLocationId: location.ghlLocationId ?? "" },
    {},
  );
  const seen = new Set<string>();
  const incoming: IncomingField[] = [];
  for (const def of defs) {
    // Asked for contact fields only; a GHL that answers with others still must not mix them in.
    if ((def.model && def.model !== "contact") || seen.has(def.id)) continue;
    seen.add(def.id);
    incoming.push({
      ghlId: def.id,
      name: def.name,
      fieldKey: def.fieldKey ?? null,
      dataType: def.dataType,
      options: def.picklistOptions ?? [],
      position: def.position ?? null,
    });
  }
  const syncedAt = new Date();
  const where = { agencyId, locationId: location.id };
  const { dropped, ...counts } = await replaceLocationFields(deps.db, where, incoming, syncedAt);
  if (dropped.length > 0) {
    await recordAudit(deps.db, {
      ...where,
      actorType: "system",
      action: "custom_fields.mappings_dropped",
      targetType: "location",
      targetId: location.id,
      outcome: "success",
      details: {
        dropped: dropped.map((d) => ({
          canonicalKey: d.key,
          customFieldGhlId: d.customFieldGhlId,
          reason: d.reason,
        })),
      },
    });
  }
  return { locationId: location.id, syncedAt, ...counts, droppedMappings: dropped.length };
};

/** Reads the location's contact custom fields from GHL into the mirror, now. */
export const refreshLocationFields = (
  deps: RefreshDeps,
  agencyId: string,
  location: FieldsLocation,
) => {
  const running = inflight.get(location.id);
  if (running) return running;
  const run = readFromGhl(deps, agencyId, location).finally(() => inflight.delete(location.id));
  inflight.set(location.id, run);
  return run;
};

/** Connection states in which GHL can be asked; the others would only fail. */
export const REFRESHABLE: ReadonlySet<string> = new Set(["connected", "expiring"]);

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : "GoHighLevel did not answer";

/**
 * Refreshes, before a read, the locations whose definitions are missing or older than the max age,
 * a few at a time and at most `limit` per call (the rest wait for a later read, counted as
 * deferred). A failed refresh never fails the read: the stored definitions are served with the
 * reason. Locations not connected are left alone.
 */
export const ensureFieldsFresh = async (
  deps: RefreshDeps,
  agencyId: string,
  locations: FieldsLocation[],
  { limit = 25, concurrency = 4, now = new Date() } = {},
) => {
  const synced = await lastSyncedAt(
    deps.db,
    agencyId,
    locations.map((l) => l.id),
  );
  const age = (l: FieldsLocation) => now.getTime() - (synced.get(l.id)?.getTime() ?? 0);
  const stale = locations
    .filter((l) => REFRESHABLE.has(l.connectionStatus) && age(l) > FIELDS_MAX_AGE_MS)
    .sort((a, b) => age(b) - age(a));
  const due = stale.slice(0, limit);
  const errors = new Map<string, string>();
  const queue = [...due];
  const worker = async () => {
    for (let location = queue.shift(); location; location = queue.shift()) {
      try {
        const result = await refreshLocationFields(deps, agencyId, location);
        synced.set(location.id, result.syncedAt);
      } catch (error) {
        errors.set(location.id, messageOf(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
  return { synced, errors, deferred: stale.length - due.length };
};
