import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { bytea } from "./columns";

export const webhookStatus = pgEnum("webhook_status", [
  "received",
  "processing",
  "processed",
  "failed",
  "dead",
  "ignored",
]);

/**
 * The webhook inbox: every verified delivery, stored as the exact bytes received before GHL gets
 * its 200. The row is the truth; queues only carry its id. Tenant columns are filled when the row
 * is processed (the signed `locationId` decides), so intake is a single insert.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Receipt order, for cursors and per-location ordering. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    provider: text("provider").notNull().default("ghl"),
    /** GHL's `webhookId`, or a hash of type, location, object id and timestamp when it is absent. */
    dedupKey: text("dedup_key").notNull(),
    ghlType: text("ghl_type").notNull(),
    /** Our name for it (`contact.created`…); null when the type is unknown. */
    eventType: text("event_type"),
    ghlLocationId: text("ghl_location_id"),
    ghlCompanyId: text("ghl_company_id"),
    ghlObjectId: text("ghl_object_id"),
    agencyId: uuid("agency_id"),
    locationId: uuid("location_id"),
    rawBody: bytea("raw_body").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull(),
    signatureScheme: text("signature_scheme").notNull(),
    /** The body's own `timestamp`. */
    eventAt: timestamp("event_at", { withTimezone: true }),
    status: webhookStatus("status").notNull().default("received"),
    attempts: integer("attempts").notNull().default(0),
    /** Deliveries of the same event after the first (GHL retries, sender replays). */
    duplicates: integer("duplicates").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    claimToken: uuid("claim_token"),
    lastError: text("last_error"),
    ignoredReason: text("ignored_reason"),
    /** Completed runs of the handler (1 normally; replays add one each). */
    processedCount: integer("processed_count").notNull().default(0),
    replays: integer("replays").notNull().default(0),
    /** Last hand-off to Inngest (null with the local driver). */
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => sql`now()`),
  },
  (t) => [
    uniqueIndex("webhook_events_dedup_uq").on(t.provider, t.dedupKey),
    uniqueIndex("webhook_events_seq_uq").on(t.seq),
    index("webhook_events_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('received', 'failed', 'processing')`),
    index("webhook_events_agency_idx").on(t.agencyId, t.seq),
    index("webhook_events_location_idx").on(t.locationId, t.seq),
    // A contact's timeline: its events, newest first.
    index("webhook_events_object_idx")
      .on(t.locationId, t.ghlObjectId, t.seq)
      .where(sql`${t.ghlObjectId} is not null`),
  ],
);

/**
 * Intake outcomes that leave no inbox row (bad signatures, stale, too large, throttled), counted
 * per day across processes: they cannot be attributed to a tenant, because nothing in them is trusted.
 */
export const webhookIntakeDaily = pgTable(
  "webhook_intake_daily",
  {
    day: date("day", { mode: "string" }).notNull(),
    outcome: text("outcome").notNull(),
    count: bigint("count", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.outcome] })],
);
