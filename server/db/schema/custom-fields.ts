import {
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

import { agencies } from "./agencies";
import { locations } from "./locations";

/** Each location's contact custom fields as GHL defines them (GET /locations/{id}/customFields). */
export const customFields = pgTable(
  "custom_fields",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id").notNull(),
    locationId: uuid("location_id").notNull(),
    ghlId: text("ghl_id").notNull(),
    name: text("name").notNull(),
    /** GHL's `fieldKey`, e.g. `contact.favourite_treatment`. */
    fieldKey: text("field_key"),
    /** GHL's dataType: TEXT, LARGE_TEXT, NUMERICAL, MONETORY, PHONE, EMAIL, DATE, CHECKBOX, … */
    dataType: text("data_type").notNull(),
    /** Allowed values for single/multiple options, radio and checkbox fields. */
    options: jsonb("options").$type<string[]>(),
    position: integer("position"),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("custom_fields_location_ghl_uq").on(t.locationId, t.ghlId),
    foreignKey({
      name: "custom_fields_location_fk",
      columns: [t.agencyId, t.locationId],
      foreignColumns: [locations.agencyId, locations.id],
    }).onDelete("cascade"),
  ],
);

/** A field the agency names once ("Treatment") and maps to each location's own field id. */
export const canonicalFields = pgTable(
  "canonical_fields",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: text("name").notNull(),
    dataType: text("data_type").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("canonical_fields_agency_key_uq").on(t.agencyId, t.key),
    unique("canonical_fields_agency_id_uq").on(t.agencyId, t.id),
  ],
);

export const canonicalFieldMappings = pgTable(
  "canonical_field_mappings",
  {
    agencyId: uuid("agency_id").notNull(),
    canonicalFieldId: uuid("canonical_field_id").notNull(),
    locationId: uuid("location_id").notNull(),
    /** The location's GHL custom field id. */
    customFieldGhlId: text("custom_field_ghl_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.canonicalFieldId, t.locationId] }),
    foreignKey({
      name: "canonical_field_mappings_field_fk",
      columns: [t.agencyId, t.canonicalFieldId],
      foreignColumns: [canonicalFields.agencyId, canonicalFields.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "canonical_field_mappings_location_fk",
      columns: [t.agencyId, t.locationId],
      foreignColumns: [locations.agencyId, locations.id],
    }).onDelete("cascade"),
  ],
);
