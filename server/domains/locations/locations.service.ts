import type { Db } from "../../db/types";
import { notFound } from "../../errors";
import type { AgencyTenant, LocationTenant } from "../../tenancy";
import {
  findAccessibleLocation,
  listAccessibleLocations,
  setSyncFrequency,
} from "./locations.repo";
import type { TLocation } from "./locations.schemas";

export const listLocations = ({ db, tenant }: { db: Db; tenant: AgencyTenant }) =>
  listAccessibleLocations(db, tenant);

export const getLocation = async ({ db, tenant }: { db: Db; tenant: LocationTenant }) => {
  const location = await findAccessibleLocation(db, tenant, tenant.locationId);
  if (!location) throw notFound({ type: "location", id: tenant.locationId });
  return location;
};

export const updateSyncFrequency = async (
  { db, tenant }: { db: Db; tenant: LocationTenant },
  syncFrequency: TLocation["syncFrequency"],
) => {
  if ((await setSyncFrequency(db, tenant, syncFrequency)) === 0) {
    throw notFound({ type: "location", id: tenant.locationId });
  }
  return getLocation({ db, tenant });
};
