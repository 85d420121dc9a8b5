import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

import { agencies } from "./agencies";
import { users } from "./auth";
import { locations } from "./locations";

export const importStatus = pgEnum("import_status", [
  /** Parsed, validated and matched against the mirror: the dry run. Nothing written to GHL. */
  "planned",
  "running",
  "completed",
  "failed",
  "cancelled",
  "undoing",
  "undone",
]);

/** What the dry run decided for a row. */
export const importRowPlan = pgEnum("import_row_plan", ["create", "update", "skip", "invalid"]);
export const importRowStatus = pgEnum("import_row_status", ["pending", "done", "failed", "undone"]);

/** One CSV import: its mapping, options and running totals (the rows carry the detail). */
export const contactImports = pgTable(
  "contact_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    status: importStatus("status").notNull().default("planned"),
    /** CSV column → contact field (or `customField:<canonical or GHL id>`), as confirmed. */
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull(),
    /** Duplicate policy, tags to add, the location column or a fixed location, … */
    options: jsonb("options").$type<Record<string, unknown>>().notNull(),
    locationIds: uuid("location_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    totalRows: integer("total_rows").notNull().default(0),
    planned: jsonb("planned")
      .$type<{ create: number; update: number; skip: number; invalid: number }>()
      .notNull(),
    done: integer("done").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    undone: integer("undone").notNull().default(0),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("contact_imports_agency_idx").on(t.agencyId, t.createdAt.desc())],
);

/**
 * Every CSV line of an import, validated and planned. Work is claimed from here in line order per
 * location, so a crashed import resumes where it stopped and never writes a row twice.
 */
export const contactImportRows = pgTable(
  "contact_import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => contactImports.id, { onDelete: "cascade" }),
    /** The CSV line number (header = 1), as shown in the error report. */
    line: integer("line").notNull(),
    agencyId: uuid("agency_id").notNull(),
    locationId: uuid("location_id"),
    /** The cells as read, for the error report. */
    raw: jsonb("raw").$type<Record<string, string>>().notNull(),
    /** The validated GHL payload (create/update body). */
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    plan: importRowPlan("plan").notNull(),
    /** The mirror contact a create/update matched (GHL's duplicate rules: email, then phone). */
    matchedGhlId: text("matched_ghl_id"),
    status: importRowStatus("status").notNull().default("pending"),
    /** created | updated | skipped, once done. */
    outcome: text("outcome"),
    ghlContactId: text("ghl_contact_id"),
    /** Tags the matched contact had before an update, so undo can put them back. */
    tagsBefore: text("tags_before").array(),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.line] }),
    index("contact_import_rows_work_idx").on(t.importId, t.locationId, t.status, t.line),
    foreignKey({
      name: "contact_import_rows_location_fk",
      columns: [t.agencyId, t.locationId],
      foreignColumns: [locations.agencyId, locations.id],
    }).onDelete("cascade"),
  ],
);
