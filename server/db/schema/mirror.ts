import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  jsonb,
  type PgColumn,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

import { locations } from "./locations";

/**
 * Columns every mirrored GHL record has. `sourceVersion` is the record's own `dateUpdated` (or the
 * webhook's timestamp when GHL sends none): an older event never overwrites newer state. Deletes
 * keep a tombstone so a late update cannot bring the record back.
 */
const mirrorColumns = () => ({
  id: uuid("id").primaryKey().defaultRandom(),
  agencyId: uuid("agency_id").notNull(),
  locationId: uuid("location_id").notNull(),
  ghlId: text("ghl_id").notNull(),
  dateAdded: timestamp("date_added", { withTimezone: true }),
  dateUpdated: timestamp("date_updated", { withTimezone: true }),
  sourceVersion: timestamp("source_version", { withTimezone: true }).notNull(),
  deletedAt: timestamp("deleted_at", { withTimezone: true }),
  syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
});

type MirrorKeys = { agencyId: PgColumn; locationId: PgColumn; ghlId: PgColumn };

const mirrorConstraints = (name: string, t: MirrorKeys) => [
  unique(`${name}_location_ghl_uq`).on(t.locationId, t.ghlId),
  index(`${name}_agency_location_idx`).on(t.agencyId, t.locationId),
  foreignKey({
    name: `${name}_location_fk`,
    columns: [t.agencyId, t.locationId],
    foreignColumns: [locations.agencyId, locations.id],
  }).onDelete("cascade"),
];

export const contacts = pgTable(
  "contacts",
  {
    ...mirrorColumns(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    name: text("name"),
    email: text("email"),
    phone: text("phone"),
    companyName: text("company_name"),
    source: text("source"),
    assignedTo: text("assigned_to"),
    dnd: boolean("dnd"),
    tags: text("tags").array(),
    customFields: jsonb("custom_fields").$type<{ id: string; value: unknown }[]>(),
    type: text("type"),
    address1: text("address1"),
    city: text("city"),
    state: text("state"),
    postalCode: text("postal_code"),
    country: text("country"),
    website: text("website"),
    timezone: text("timezone"),
    dateOfBirth: text("date_of_birth"),
    /** When a verify pass last found the contact in GHL; one that did not is gone there. */
    seenAt: timestamp("seen_at", { withTimezone: true }),
  },
  (t) => [
    ...mirrorConstraints("contacts", t),
    // Search is served from here: names and phone digits by trigram (typo-tolerant, any position),
    // exact email and phone lookups for duplicate detection, tags and custom fields by GIN.
    index("contacts_name_trgm_idx").using(
      "gin",
      sql`lower(coalesce(${t.name}, '') || ' ' || coalesce(${t.email}, '')) gin_trgm_ops`,
    ),
    index("contacts_phone_trgm_idx").using("gin", sql`${t.phone} gin_trgm_ops`),
    index("contacts_location_phone_idx").on(t.locationId, t.phone),
    index("contacts_tags_idx").using("gin", t.tags),
    index("contacts_custom_fields_idx").using("gin", sql`${t.customFields} jsonb_path_ops`),
    // One per sortable column, live rows only, in the exact order the list asks for (read backwards
    // for the other direction), so a page of a million-row location is read, not sorted. The
    // dateUpdated one (the default view) holds every column a page of ids needs: deep pages are
    // index-only.
    index("contacts_location_updated_idx")
      .on(t.agencyId, t.locationId, t.dateUpdated.desc(), t.ghlId, t.id)
      .where(sql`${t.deletedAt} is null`),
    index("contacts_location_name_idx")
      .on(t.agencyId, t.locationId, sql`lower(${t.name})`, t.id)
      .where(sql`${t.deletedAt} is null`),
    index("contacts_location_email_idx")
      .on(t.agencyId, t.locationId, sql`lower(${t.email})`, t.id)
      .where(sql`${t.deletedAt} is null`),
    index("contacts_location_added_idx")
      .on(t.agencyId, t.locationId, t.dateAdded, t.id)
      .where(sql`${t.deletedAt} is null`),
  ],
);

export const opportunities = pgTable(
  "opportunities",
  {
    ...mirrorColumns(),
    name: text("name"),
    contactGhlId: text("contact_ghl_id"),
    pipelineId: text("pipeline_id"),
    pipelineStageId: text("pipeline_stage_id"),
    status: text("status"),
    monetaryValue: doublePrecision("monetary_value"),
    assignedTo: text("assigned_to"),
    source: text("source"),
  },
  (t) => mirrorConstraints("opportunities", t),
);

export const appointments = pgTable(
  "appointments",
  {
    ...mirrorColumns(),
    calendarId: text("calendar_id"),
    contactGhlId: text("contact_ghl_id"),
    title: text("title"),
    status: text("status"),
    assignedUserId: text("assigned_user_id"),
    startTime: timestamp("start_time", { withTimezone: true }),
    endTime: timestamp("end_time", { withTimezone: true }),
    address: text("address"),
    notes: text("notes"),
    source: text("source"),
  },
  (t) => mirrorConstraints("appointments", t),
);
