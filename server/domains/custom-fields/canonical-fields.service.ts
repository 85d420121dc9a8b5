import { recordAudit } from "../../audit/record-audit";
import type { Db } from "../../db/types";
import { AppError, notFound } from "../../errors";
import type { AgencyTenant } from "../../tenancy";
import { listAccessibleLocations } from "../locations/locations.repo";
import {
  type CanonicalRow,
  deleteCanonicalField,
  deleteMapping,
  findCanonicalField,
  insertCanonicalField,
  keyTaken,
  listCanonicalFields,
  listMappings,
  updateCanonicalField,
  upsertMapping,
} from "./canonical-fields.repo";
import type {
  TCanonicalField,
  TCreateCanonicalInput,
  TMapInput,
  TUpdateCanonicalInput,
} from "./custom-fields.schemas";
import { findFieldDef, listFieldDefs } from "./custom-fields.repo";
import {
  CANONICAL_TYPES,
  type CanonicalType,
  compatibleGhlTypes,
  ghlTypeLabel,
  isCompatible,
} from "./field-types";
import { canonicalWithMappings } from "./custom-fields.service";
import { slugifyKey, suggestMappings } from "./suggest-mappings";

type Deps = { db: Db; tenant: AgencyTenant };

const asCanonical = (row: CanonicalRow, mappings: TCanonicalField["mappings"] = []) => ({
  ...row,
  dataType: row.dataType as CanonicalType,
  mappings,
});

const audit = (deps: Deps, action: string, targetId: string, details: Record<string, unknown>) =>
  recordAudit(deps.db, {
    agencyId: deps.tenant.agencyId,
    actorType: "user",
    actorId: deps.tenant.userId,
    action,
    targetType: "canonical_field",
    targetId,
    outcome: "success",
    details,
  });

const ownCanonical = async ({ db, tenant }: Deps, id: string) => {
  const row = await findCanonicalField(db, tenant.agencyId, id);
  if (!row) throw notFound({ type: "canonical_field", id });
  return row;
};

const ownLocation = async ({ db, tenant }: Deps, id: string) => {
  const [row] = await listAccessibleLocations(db, tenant, id);
  if (!row) throw notFound({ type: "location", id });
  return row;
};

const keyConflict = (key: string) =>
  new AppError(
    "CANONICAL_KEY_TAKEN",
    `A canonical field with the key "${key}" already exists. Choose another key.`,
  );

export const listCanonical = async ({ db, tenant }: Deps) => {
  const locations = await listAccessibleLocations(db, tenant);
  return canonicalWithMappings(
    db,
    tenant.agencyId,
    locations.map((l) => l.id),
  );
};

/**
 * Checks that a location's field may take a canonical field's values: the location is the
 * agency's, it has the field, the types fit, and no other canonical field already writes to it.
 */
const checkMapping = async (
  deps: Deps,
  canonical: { id: string; key: string; name: string; dataType: string },
  locationId: string,
  ghlId: string,
) => {
  const location = await ownLocation(deps, locationId);
  const field = await findFieldDef(deps.db, { agencyId: deps.tenant.agencyId, locationId }, ghlId);
  if (!field)
    throw new AppError(
      "INVALID_INPUT",
      `${location.name} has no contact custom field with id "${ghlId}". Refresh its fields from GoHighLevel and try again.`,
    );
  if (!isCompatible(canonical.dataType, field.dataType)) {
    const type = canonical.dataType as CanonicalType;
    throw new AppError(
      "INVALID_INPUT",
      `"${field.name}" at ${location.name} is a ${ghlTypeLabel(field.dataType)} field; "${canonical.name}" (${CANONICAL_TYPES[type].label}) can only map to ${compatibleGhlTypes(type)} fields.`,
    );
  }
  const taken = (
    await listMappings(deps.db, deps.tenant.agencyId, { locationIds: [locationId] })
  ).find((m) => m.customFieldGhlId === ghlId && m.canonicalFieldId !== canonical.id);
  if (taken) {
    const other = await findCanonicalField(deps.db, deps.tenant.agencyId, taken.canonicalFieldId);
    throw new AppError(
      "FIELD_ALREADY_MAPPED",
      `"${field.name}" at ${location.name} is already mapped to the canonical field "${other?.name ?? "another"}". Unmap it there first.`,
    );
  }
  return { location, field };
};

export const createCanonical = async (deps: Deps, input: TCreateCanonicalInput) => {
  const key = input.key ?? slugifyKey(input.name);
  if (await keyTaken(deps.db, deps.tenant.agencyId, key)) throw keyConflict(key);
  const mappings = input.mappings ?? [];
  const pending = { id: "", key, name: input.name, dataType: input.dataType };
  for (const m of mappings) await checkMapping(deps, pending, m.locationId, m.customFieldGhlId);
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertCanonicalField(tx, {
      agencyId: deps.tenant.agencyId,
      key,
      name: input.name,
      dataType: input.dataType,
    });
    for (const m of mappings)
      await upsertMapping(tx, deps.tenant.agencyId, { canonicalFieldId: created.id, ...m });
    return created;
  });
  return asCanonical(row, mappings);
};

export const updateCanonical = async (deps: Deps, input: TUpdateCanonicalInput) => {
  const before = await ownCanonical(deps, input.canonicalFieldId);
  const { agencyId } = deps.tenant;
  if (
    input.key &&
    input.key !== before.key &&
    (await keyTaken(deps.db, agencyId, input.key, before.id))
  )
    throw keyConflict(input.key);
  const mappings = await listMappings(deps.db, agencyId, { canonicalFieldIds: [before.id] });
  if (input.dataType && input.dataType !== before.dataType) {
    const type = input.dataType;
    const fields = await listFieldDefs(
      deps.db,
      agencyId,
      mappings.map((m) => m.locationId),
    );
    const locations = await listAccessibleLocations(deps.db, deps.tenant);
    const misfits = mappings
      .map((m) => ({
        field: fields.find((f) => f.locationId === m.locationId && f.ghlId === m.customFieldGhlId),
        location: locations.find((l) => l.id === m.locationId),
      }))
      .filter(({ field }) => field && !isCompatible(type, field.dataType));
    if (misfits.length > 0)
      throw new AppError(
        "INVALID_INPUT",
        `"${before.name}" cannot become ${CANONICAL_TYPES[type].label}: it is mapped to ${misfits
          .map(
            ({ field, location }) =>
              `"${field?.name}" (${ghlTypeLabel(field?.dataType ?? "")}) at ${location?.name ?? "a location"}`,
          )
          .join(", ")}. Unmap those first.`,
      );
  }
  const after = await updateCanonicalField(deps.db, agencyId, before.id, {
    key: input.key,
    name: input.name,
    dataType: input.dataType,
  });
  if (!after) throw notFound({ type: "canonical_field", id: before.id });
  await audit(deps, "canonical_field.updated", before.id, { before, after });
  return asCanonical(
    after,
    mappings.map(({ locationId, customFieldGhlId }) => ({ locationId, customFieldGhlId })),
  );
};

export const deleteCanonical = async (deps: Deps, canonicalFieldId: string) => {
  const before = await ownCanonical(deps, canonicalFieldId);
  const mappings = await listMappings(deps.db, deps.tenant.agencyId, {
    canonicalFieldIds: [before.id],
  });
  if (!(await deleteCanonicalField(deps.db, deps.tenant.agencyId, before.id)))
    throw notFound({ type: "canonical_field", id: before.id });
  await audit(deps, "canonical_field.deleted", before.id, { before: { ...before, mappings } });
  return { id: before.id, removedMappings: mappings.length };
};

export const mapField = async (deps: Deps, input: TMapInput) => {
  const canonical = await ownCanonical(deps, input.canonicalFieldId);
  await checkMapping(deps, canonical, input.locationId, input.customFieldGhlId);
  const [previous] = await listMappings(deps.db, deps.tenant.agencyId, {
    canonicalFieldIds: [canonical.id],
    locationIds: [input.locationId],
  });
  await upsertMapping(deps.db, deps.tenant.agencyId, input);
  await audit(deps, "canonical_field.mapped", canonical.id, {
    locationId: input.locationId,
    before: previous?.customFieldGhlId ?? null,
    after: input.customFieldGhlId,
  });
  return { ...input, previous: previous?.customFieldGhlId ?? null };
};

export const unmapField = async (
  deps: Deps,
  input: { canonicalFieldId: string; locationId: string },
) => {
  const canonical = await ownCanonical(deps, input.canonicalFieldId);
  await ownLocation(deps, input.locationId);
  const removed = await deleteMapping(deps.db, deps.tenant.agencyId, input);
  if (removed)
    await audit(deps, "canonical_field.unmapped", canonical.id, {
      locationId: input.locationId,
      before: removed,
      after: null,
    });
  return { ...input, previous: removed };
};

export const suggestFieldMappings = async ({ db, tenant }: Deps) => {
  const locations = await listAccessibleLocations(db, tenant);
  const ids = locations.map((l) => l.id);
  const [canonical, mappings, fields] = await Promise.all([
    listCanonicalFields(db, tenant.agencyId),
    listMappings(db, tenant.agencyId, { locationIds: ids }),
    listFieldDefs(db, tenant.agencyId, ids),
  ]);
  return suggestMappings(
    canonical.map((c) => ({
      ...c,
      mappings: new Map(
        mappings
          .filter((m) => m.canonicalFieldId === c.id)
          .map((m) => [m.locationId, m.customFieldGhlId]),
      ),
    })),
    locations.map((l) => ({ id: l.id, fields: fields.filter((f) => f.locationId === l.id) })),
  );
};
