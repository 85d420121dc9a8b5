import type { Db } from "../../db/types";
import { notFound } from "../../errors";
import { GhlError } from "../../ghl/errors";
import type { AgencyTenant, LocationTenant } from "../../tenancy";
import { listAccessibleLocations } from "../locations/locations.repo";
import { listCanonicalFields, listMappings } from "./canonical-fields.repo";
import type { TCanonicalField, TFieldDef, TLocationFields } from "./custom-fields.schemas";
import { type FieldDefRow, listFieldDefs } from "./custom-fields.repo";
import { ghlTypeLabel, isCanonicalType } from "./field-types";
import {
  type GhlProvider,
  REFRESHABLE,
  ensureFieldsFresh,
  refreshLocationFields,
} from "./refresh-fields";
import { type FieldValues, resolveCustomFieldValues } from "./resolve-values";

type Deps<T> = { db: Db; tenant: T; ghl: GhlProvider };

const toFieldDef = (row: FieldDefRow): TFieldDef => ({
  ghlId: row.ghlId,
  name: row.name,
  fieldKey: row.fieldKey,
  dataType: row.dataType,
  typeLabel: ghlTypeLabel(row.dataType),
  options: row.options ?? [],
  position: row.position,
});

const openLocation = async ({ db, tenant }: Deps<LocationTenant>) => {
  const [location] = await listAccessibleLocations(db, tenant, tenant.locationId);
  if (!location) throw notFound({ type: "location", id: tenant.locationId });
  return location;
};

/** One location's fields, read again from GHL first when they are over an hour old. */
export const listLocationFields = async (deps: Deps<LocationTenant>): Promise<TLocationFields> => {
  const location = await openLocation(deps);
  const { agencyId } = deps.tenant;
  const fresh = await ensureFieldsFresh(deps, agencyId, [location]);
  const fields = await listFieldDefs(deps.db, agencyId, [location.id]);
  return {
    locationId: location.id,
    locationName: location.name,
    connectionStatus: location.connectionStatus,
    lastSyncedAt: fresh.synced.get(location.id) ?? null,
    refreshError: fresh.errors.get(location.id) ?? null,
    fields: fields.map(toFieldDef),
  };
};

export const canonicalWithMappings = async (
  db: Db,
  agencyId: string,
  locationIds: string[],
): Promise<TCanonicalField[]> => {
  const [canonical, mappings] = await Promise.all([
    listCanonicalFields(db, agencyId),
    listMappings(db, agencyId, { locationIds }),
  ]);
  return canonical.map((c) => ({
    ...c,
    dataType: isCanonicalType(c.dataType) ? c.dataType : "text",
    mappings: mappings
      .filter((m) => m.canonicalFieldId === c.id)
      .map(({ locationId, customFieldGhlId }) => ({ locationId, customFieldGhlId })),
  }));
};

/** Every location the caller can open, with its fields, and the agency's canonical fields. */
export const listFieldsAcrossLocations = async (deps: Deps<AgencyTenant>) => {
  const { db, tenant } = deps;
  const locations = await listAccessibleLocations(db, tenant);
  const ids = locations.map((l) => l.id);
  const fresh = await ensureFieldsFresh(deps, tenant.agencyId, locations);
  const [fields, canonical] = await Promise.all([
    listFieldDefs(db, tenant.agencyId, ids),
    canonicalWithMappings(db, tenant.agencyId, ids),
  ]);
  return {
    locations: locations.map((l): TLocationFields => ({
      locationId: l.id,
      locationName: l.name,
      connectionStatus: l.connectionStatus,
      lastSyncedAt: fresh.synced.get(l.id) ?? null,
      refreshError: fresh.errors.get(l.id) ?? null,
      fields: fields.filter((f) => f.locationId === l.id).map(toFieldDef),
    })),
    canonical,
    deferred: fresh.deferred,
  };
};

/** Reads the location's fields from GHL now; GHL's errors reach the caller. */
export const refreshFields = async (deps: Deps<LocationTenant>) => {
  const location = await openLocation(deps);
  if (!REFRESHABLE.has(location.connectionStatus))
    // The same error the GHL layer raises for a location without a grant.
    throw new GhlError("GHL-001", {
      kind: "auth",
      method: "GET",
      message:
        location.connectionStatus === "needs_reauth"
          ? `${location.name} needs to be reconnected to GoHighLevel before its fields can be read. Reconnect it in Settings → Connections.`
          : `${location.name} is not connected to GoHighLevel. Connect it in Settings → Connections.`,
    });
  return refreshLocationFields(deps, deps.tenant.agencyId, location);
};

/** Checks values for one location as a write would, without writing anything. */
export const validateFieldValues = async (deps: Deps<LocationTenant>, values: FieldValues) => {
  const location = await openLocation(deps);
  await ensureFieldsFresh(deps, deps.tenant.agencyId, [location]);
  return resolveCustomFieldValues(
    deps.db,
    { agencyId: deps.tenant.agencyId, locationId: location.id },
    values,
  );
};
