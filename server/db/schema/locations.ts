import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

import { agencies, memberships } from "./agencies";
import { users } from "./auth";

export const connectionStatus = pgEnum("connection_status", [
  "not_connected",
  "connected",
  "expiring",
  "needs_reauth",
  "disconnected",
]);
export const syncFrequency = pgEnum("sync_frequency", ["realtime", "hourly", "daily"]);
export const locationRole = pgEnum("location_role", ["admin", "user"]);

export const locations = pgTable(
  "locations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    ghlLocationId: text("ghl_location_id"),
    name: text("name").notNull(),
    timezone: text("timezone").notNull().default("UTC"),
    city: text("city"),
    country: text("country"),
    connectionStatus: connectionStatus("connection_status").notNull().default("not_connected"),
    syncFrequency: syncFrequency("sync_frequency").notNull().default("realtime"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => sql`now()`),
  },
  (t) => [
    unique("locations_agency_id_id").on(t.agencyId, t.id),
    unique("locations_agency_ghl_id").on(t.agencyId, t.ghlLocationId),
    index("locations_agency_name_idx").on(t.agencyId, t.name),
  ],
);

/**
 * Per-location access for agency members. Owners and admins reach every location of their agency
 * without rows here. The composite keys make a grant across agencies impossible at the schema level.
 */
export const locationAccess = pgTable(
  "location_access",
  {
    agencyId: uuid("agency_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    locationId: uuid("location_id").notNull(),
    role: locationRole("role").notNull().default("user"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.locationId] }),
    foreignKey({
      name: "location_access_membership_fk",
      columns: [t.agencyId, t.userId],
      foreignColumns: [memberships.agencyId, memberships.userId],
    }).onDelete("cascade"),
    foreignKey({
      name: "location_access_location_fk",
      columns: [t.agencyId, t.locationId],
      foreignColumns: [locations.agencyId, locations.id],
    }).onDelete("cascade"),
    index("location_access_location_idx").on(t.locationId),
  ],
);
