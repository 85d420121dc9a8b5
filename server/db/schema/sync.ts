import {
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

import { locations } from "./locations";

/**
 * backfill: the first full read; reconcile: what changed since the checkpoint; verify: a full read
 * that also finds records deleted in GHL whose delete event never came (search cannot show those).
 */
export const syncRunKind = pgEnum("sync_run_kind", ["backfill", "reconcile", "verify"]);
export const syncRunStatus = pgEnum("sync_run_status", ["running", "succeeded", "failed"]);

/**
 * Where each location's sweep of one GHL entity stands. The cursor is the last record seen in
 * `dateUpdated` order, so a sweep that stops (crash, deploy, 429 storm) resumes from there.
 */
export const syncState = pgTable(
  "sync_state",
  {
    agencyId: uuid("agency_id").notNull(),
    locationId: uuid("location_id").notNull(),
    /** "contacts" for now; opportunities and the rest follow the same shape. */
    entity: text("entity").notNull(),
    cursorUpdatedAt: timestamp("cursor_updated_at", { withTimezone: true }),
    cursorId: text("cursor_id"),
    /** Set when the first full pass finished: later passes only count what GHL failed to send. */
    backfilledAt: timestamp("backfilled_at", { withTimezone: true }),
    /** When the next verify pass is due: set by a count that disagrees with GHL's, and weekly. */
    verifyDueAt: timestamp("verify_due_at", { withTimezone: true }),
    /** When the last verify pass finished. */
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    lastRunId: uuid("last_run_id"),
    nextDueAt: timestamp("next_due_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.entity] }),
    foreignKey({
      name: "sync_state_location_fk",
      columns: [t.agencyId, t.locationId],
      foreignColumns: [locations.agencyId, locations.id],
    }).onDelete("cascade"),
  ],
);

/** One sweep of one location: what it read, what it changed, and what GHL never told us. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id").notNull(),
    locationId: uuid("location_id").notNull(),
    entity: text("entity").notNull(),
    kind: syncRunKind("kind").notNull(),
    /** schedule | connect | manual */
    trigger: text("trigger").notNull(),
    status: syncRunStatus("status").notNull().default("running"),
    scanned: integer("scanned").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    /** Records changed in GHL that no webhook brought (reconcile runs only). */
    missed: integer("missed").notNull().default(0),
    /** Records deleted in GHL with no delete event, found and tombstoned (verify runs only). */
    removed: integer("removed").notNull().default(0),
    ghlCalls: integer("ghl_calls").notNull().default(0),
    /** GHL's count of the records this run has to read (the first page's `total`), for progress. */
    expected: integer("expected"),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("sync_runs_location_idx").on(t.locationId, t.startedAt.desc()),
    index("sync_runs_agency_idx").on(t.agencyId, t.startedAt.desc()),
    foreignKey({
      name: "sync_runs_location_fk",
      columns: [t.agencyId, t.locationId],
      foreignColumns: [locations.agencyId, locations.id],
    }).onDelete("cascade"),
  ],
);
