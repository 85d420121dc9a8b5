import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

import { bytea } from "./columns";

export const auditActorType = pgEnum("audit_actor_type", ["user", "system", "anonymous"]);
export const auditOutcome = pgEnum("audit_outcome", ["success", "denied", "error"]);

/**
 * Append-only. `chain`, `seq`, `prev_hash` and `hash` are filled by the audit_log_chain trigger
 * (see the migration), and UPDATE, DELETE and TRUNCATE are refused by triggers and grants.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id"),
    locationId: uuid("location_id"),
    chain: text("chain").notNull().default(""),
    seq: bigint("seq", { mode: "number" }).notNull().default(0),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorType: auditActorType("actor_type").notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    outcome: auditOutcome("outcome").notNull(),
    errorCode: text("error_code"),
    requestId: text("request_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    prevHash: bytea("prev_hash"),
    hash: bytea("hash"),
  },
  (t) => [
    unique("audit_log_chain_seq").on(t.chain, t.seq),
    index("audit_log_agency_time_idx").on(t.agencyId, t.occurredAt),
    // What happened to one record (a contact's timeline), newest first.
    index("audit_log_target_idx")
      .on(t.agencyId, t.targetType, t.targetId, t.occurredAt)
      .where(sql`${t.targetId} is not null`),
  ],
);
