import { eq, inArray } from "drizzle-orm";

import { agencies, locations } from "../db/schema";
import type { Db } from "../db/types";
import type { EventTenant } from "./handlers/types";

export type TenantResolution =
  | { ok: true; tenant: EventTenant }
  /** Ignored: the event is kept and audited under whatever tenant could be named. */
  | { ok: false; reason: string; agencyId: string | null; locationId: string | null };

const LIVE = new Set(["connected", "expiring"]);

/**
 * Finds whose event this is from the signed ids alone. Location events need a connected
 * location; app-lifecycle events need the agency bound to the GHL company (RELIABILITY TEN-9).
 */
export const resolveTenant = async (
  db: Db,
  event: { ghlLocationId: string | null; ghlCompanyId: string | null },
  scope: "location" | "agency",
): Promise<TenantResolution> => {
  const [matches, agency] = await Promise.all([
    event.ghlLocationId
      ? db
          .select({
            agencyId: locations.agencyId,
            id: locations.id,
            status: locations.connectionStatus,
          })
          .from(locations)
          .where(eq(locations.ghlLocationId, event.ghlLocationId))
      : Promise.resolve([]),
    event.ghlCompanyId
      ? db
          .select({ id: agencies.id })
          .from(agencies)
          .where(eq(agencies.ghlCompanyId, event.ghlCompanyId))
          .then((rows) => rows[0] ?? null)
      : Promise.resolve(null),
  ]);
  const live = matches.filter((m) => LIVE.has(m.status));
  if (scope === "agency") {
    const agencyId = agency?.id ?? (matches.length === 1 ? matches[0]?.agencyId : undefined);
    if (!agencyId) {
      return {
        ok: false,
        reason: "no agency is connected to this GHL company",
        agencyId: null,
        locationId: null,
      };
    }
    const location = matches.find((m) => m.agencyId === agencyId);
    return { ok: true, tenant: { agencyId, locationId: location?.id ?? null } };
  }
  if (!event.ghlLocationId) {
    return {
      ok: false,
      reason: "the event names no location",
      agencyId: agency?.id ?? null,
      locationId: null,
    };
  }
  if (live.length > 1) {
    return {
      ok: false,
      reason: "the location is connected to more than one agency",
      agencyId: null,
      locationId: null,
    };
  }
  const [one] = live;
  if (one) return { ok: true, tenant: { agencyId: one.agencyId, locationId: one.id } };
  const known = matches[0];
  return known
    ? {
        ok: false,
        reason: "the location is not connected",
        agencyId: known.agencyId,
        locationId: known.id,
      }
    : { ok: false, reason: "unknown location", agencyId: agency?.id ?? null, locationId: null };
};

/**
 * The location-scope tenants of many events at once (a batch): each GHL location id that has
 * exactly one live connection. Anything else is left out, for resolveTenant to explain one by one.
 */
export const resolveLocationTenants = async (
  db: Db,
  ghlLocationIds: string[],
): Promise<Map<string, EventTenant>> => {
  const tenants = new Map<string, EventTenant>();
  if (ghlLocationIds.length === 0) return tenants;
  const rows = await db
    .select({
      ghlLocationId: locations.ghlLocationId,
      agencyId: locations.agencyId,
      id: locations.id,
      status: locations.connectionStatus,
    })
    .from(locations)
    .where(inArray(locations.ghlLocationId, ghlLocationIds));
  const ambiguous = new Set<string>();
  for (const row of rows) {
    if (!row.ghlLocationId || !LIVE.has(row.status)) continue;
    if (tenants.has(row.ghlLocationId)) ambiguous.add(row.ghlLocationId);
    tenants.set(row.ghlLocationId, { agencyId: row.agencyId, locationId: row.id });
  }
  for (const id of ambiguous) tenants.delete(id);
  return tenants;
};
