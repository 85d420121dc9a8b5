import { and, asc, eq, inArray, isNotNull, ne, notInArray } from "drizzle-orm";

import { locationAccess, locations } from "../../db/schema";
import type { Db } from "../../db/types";
import { type AgencyTenant, isAgencyAdmin } from "../../tenancy";
import type { TLocation } from "./locations.schemas";

const columns = {
  id: locations.id,
  ghlLocationId: locations.ghlLocationId,
  name: locations.name,
  timezone: locations.timezone,
  city: locations.city,
  country: locations.country,
  connectionStatus: locations.connectionStatus,
  syncFrequency: locations.syncFrequency,
};

/**
 * Locations the caller may open: all of the agency's for owners and admins, granted ones for
 * members. The agency id is always part of the filter.
 */
export const listAccessibleLocations = async (
  db: Db,
  tenant: AgencyTenant,
  locationId?: string,
) => {
  const byAgency = eq(locations.agencyId, tenant.agencyId);
  const byId = locationId ? eq(locations.id, locationId) : undefined;
  if (isAgencyAdmin(tenant.role)) {
    const rows = await db
      .select(columns)
      .from(locations)
      .where(and(byAgency, byId))
      .orderBy(asc(locations.name));
    return rows.map((row): TLocation => ({ ...row, role: "admin" }));
  }
  return db
    .select({ ...columns, role: locationAccess.role })
    .from(locations)
    .innerJoin(
      locationAccess,
      and(
        eq(locationAccess.locationId, locations.id),
        eq(locationAccess.agencyId, tenant.agencyId),
        eq(locationAccess.userId, tenant.userId),
      ),
    )
    .where(and(byAgency, byId))
    .orderBy(asc(locations.name));
};

export const findAccessibleLocation = async (db: Db, tenant: AgencyTenant, locationId: string) =>
  (await listAccessibleLocations(db, tenant, locationId))[0] ?? null;

export const findAgencyLocation = async (db: Db, agencyId: string, locationId: string) => {
  const [row] = await db
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.agencyId, agencyId), eq(locations.id, locationId)));
  return row ?? null;
};

export const setSyncFrequency = async (
  db: Db,
  { agencyId, locationId }: { agencyId: string; locationId: string },
  syncFrequency: TLocation["syncFrequency"],
) => {
  const rows = await db
    .update(locations)
    .set({ syncFrequency })
    .where(and(eq(locations.agencyId, agencyId), eq(locations.id, locationId)))
    .returning({ id: locations.id });
  return rows.length;
};

type GhlLocationFields = {
  ghlLocationId: string;
  name: string;
  timezone?: string | null;
  city?: string | null;
  country?: string | null;
};

/** Creates or updates the agency's location for a GHL sub-account, and marks it connected. */
export const upsertGhlLocation = async (db: Db, agencyId: string, fields: GhlLocationFields) => {
  const values = {
    agencyId,
    ghlLocationId: fields.ghlLocationId,
    name: fields.name,
    ...(fields.timezone ? { timezone: fields.timezone } : {}),
    ...(fields.city ? { city: fields.city } : {}),
    ...(fields.country ? { country: fields.country } : {}),
    connectionStatus: "connected" as const,
  };
  const [row] = await db
    .insert(locations)
    .values(values)
    .onConflictDoUpdate({ target: [locations.agencyId, locations.ghlLocationId], set: values })
    .returning({ id: locations.id, ghlLocationId: locations.ghlLocationId, name: locations.name });
  if (!row) throw new Error("upsert into locations returned no row");
  return row;
};

export const setConnectionStatus = (
  db: Db,
  agencyId: string,
  status: TLocation["connectionStatus"],
  ghlLocationIds?: string[],
) =>
  db
    .update(locations)
    .set({ connectionStatus: status })
    .where(
      and(
        eq(locations.agencyId, agencyId),
        ghlLocationIds ? inArray(locations.ghlLocationId, ghlLocationIds) : undefined,
      ),
    );

export const findLocationByGhlId = async (db: Db, agencyId: string, ghlLocationId: string) => {
  const [row] = await db
    .select({ id: locations.id, ghlLocationId: locations.ghlLocationId, name: locations.name })
    .from(locations)
    .where(and(eq(locations.agencyId, agencyId), eq(locations.ghlLocationId, ghlLocationId)));
  return row ?? null;
};

/** Locations of the agency whose GHL sub-account is no longer installed. */
export const markDisconnectedExcept = (db: Db, agencyId: string, keepGhlLocationIds: string[]) =>
  db
    .update(locations)
    .set({ connectionStatus: "disconnected" })
    .where(
      and(
        eq(locations.agencyId, agencyId),
        isNotNull(locations.ghlLocationId),
        ne(locations.connectionStatus, "not_connected"),
        keepGhlLocationIds.length > 0
          ? notInArray(locations.ghlLocationId, keepGhlLocationIds)
          : undefined,
      ),
    );
