import { and, eq, inArray, isNull, sql } from "drizzle-orm";

import { contacts, customFields, locations } from "../../db/schema";
import type { Db } from "../../db/types";
import type { TContact, TContactRow } from "./contacts.schemas";

/** The location a call acts in: always the caller's agency and one of its locations. */
export type LocationScope = { agencyId: string; locationId: string };

const live = (scope: LocationScope) =>
  and(
    eq(contacts.agencyId, scope.agencyId),
    eq(contacts.locationId, scope.locationId),
    isNull(contacts.deletedAt),
  );

export const rowColumns = {
  id: contacts.id,
  ghlId: contacts.ghlId,
  locationId: contacts.locationId,
  name: contacts.name,
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  email: contacts.email,
  phone: contacts.phone,
  companyName: contacts.companyName,
  tags: sql<string[]>`coalesce(${contacts.tags}, '{}'::text[])`,
  dateAdded: contacts.dateAdded,
  dateUpdated: contacts.dateUpdated,
};

const detailColumns = {
  ...rowColumns,
  source: contacts.source,
  assignedTo: contacts.assignedTo,
  dnd: contacts.dnd,
  type: contacts.type,
  address1: contacts.address1,
  city: contacts.city,
  state: contacts.state,
  postalCode: contacts.postalCode,
  country: contacts.country,
  website: contacts.website,
  timezone: contacts.timezone,
  dateOfBirth: contacts.dateOfBirth,
  customFields: sql<
    { id: string; value: unknown }[]
  >`coalesce(${contacts.customFields}, '[]'::jsonb)`,
  syncedAt: contacts.syncedAt,
};

/** A live contact of the location by our id; tombstones and other tenants' rows are not found. */
export const findContact = async (
  db: Db,
  scope: LocationScope,
  contactId: string,
): Promise<TContact | null> => {
  const [row] = await db
    .select(detailColumns)
    .from(contacts)
    .where(and(live(scope), eq(contacts.id, contactId)));
  return row ?? null;
};

export const findContactByGhlId = async (
  db: Db,
  scope: LocationScope,
  ghlId: string,
): Promise<TContact | null> => {
  const [row] = await db
    .select(detailColumns)
    .from(contacts)
    .where(and(live(scope), eq(contacts.ghlId, ghlId)));
  return row ?? null;
};

export const findContactRows = async (
  db: Db,
  scope: LocationScope,
  contactIds: string[],
): Promise<TContactRow[]> =>
  contactIds.length === 0
    ? []
    : db
        .select(rowColumns)
        .from(contacts)
        .where(and(live(scope), inArray(contacts.id, contactIds)));

/**
 * Tombstones a contact deleted in GHL. The version moves forward to now, so a late webhook carrying
 * the contact as it was before the delete cannot bring it back.
 */
export const tombstoneContact = (db: Db, scope: LocationScope, contactId: string, at: Date) =>
  db
    .update(contacts)
    .set({
      deletedAt: at,
      sourceVersion: sql`greatest(${contacts.sourceVersion}, ${at.toISOString()}::timestamptz)`,
      syncedAt: at,
    })
    .where(
      and(
        eq(contacts.agencyId, scope.agencyId),
        eq(contacts.locationId, scope.locationId),
        eq(contacts.id, contactId),
      ),
    );

export const listFieldDefinitions = (db: Db, scope: LocationScope) =>
  db
    .select({
      id: customFields.ghlId,
      name: customFields.name,
      fieldKey: customFields.fieldKey,
      dataType: customFields.dataType,
      options: customFields.options,
    })
    .from(customFields)
    .where(
      and(eq(customFields.agencyId, scope.agencyId), eq(customFields.locationId, scope.locationId)),
    )
    .orderBy(customFields.position, customFields.name);

/** The location's GHL id, needed for every GHL call. */
export const findGhlLocationId = async (db: Db, scope: LocationScope) => {
  const [row] = await db
    .select({ ghlLocationId: locations.ghlLocationId })
    .from(locations)
    .where(and(eq(locations.agencyId, scope.agencyId), eq(locations.id, scope.locationId)));
  return row?.ghlLocationId ?? null;
};

const TAG_SAMPLE = 5_000;

/**
 * Tags in use, for the filter and bulk-tag pickers. Read from the most recently updated contacts
 * only, so the picker stays fast on a location with a million contacts.
 */
export const listTagCounts = async (db: Db, scope: LocationScope) => {
  const recent = db
    .select({ tags: contacts.tags })
    .from(contacts)
    .where(live(scope))
    .orderBy(sql`${contacts.dateUpdated} desc nulls last`)
    .limit(TAG_SAMPLE)
    .as("recent");
  const tag = sql<string>`unnest(${recent.tags})`.as("tag");
  const tagged = db.select({ tag }).from(recent).as("tagged");
  return db
    .select({ tag: tagged.tag, count: sql<number>`count(*)::int` })
    .from(tagged)
    .groupBy(tagged.tag)
    .orderBy(sql`count(*) desc`, tagged.tag)
    .limit(200);
};
