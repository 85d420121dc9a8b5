import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { agencies } from "./agencies";
import { users } from "./auth";
import { locations } from "./locations";

export const ghlConnectionKind = pgEnum("ghl_connection_kind", ["company", "location"]);
export const ghlCredentialType = pgEnum("ghl_credential_type", ["oauth", "pit"]);
export const ghlConnectionStatus = pgEnum("ghl_connection_status", [
  "active",
  "needs_reauth",
  "disconnected",
]);

/**
 * One GHL grant: an agency (company) token, or a location token (from OAuth, minted from the
 * company token, or a Private Integration Token). Secrets are AES-256-GCM ciphertext bound to the
 * row's agency, location and token kind; `version` fences concurrent refreshes.
 */
export const ghlConnections = pgTable(
  "ghl_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    kind: ghlConnectionKind("kind").notNull(),
    credentialType: ghlCredentialType("credential_type").notNull().default("oauth"),
    ghlCompanyId: text("ghl_company_id").notNull(),
    /** null for company connections. */
    ghlLocationId: text("ghl_location_id"),
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "cascade" }),
    accessTokenEnc: text("access_token_enc").notNull(),
    /** null for PITs and for location tokens minted from a company token (they are re-minted). */
    refreshTokenEnc: text("refresh_token_enc"),
    scopes: text("scopes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ghlUserId: text("ghl_user_id"),
    /** null: never expires (PITs). */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    status: ghlConnectionStatus("status").notNull().default("active"),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastRefreshedAt: timestamp("last_refreshed_at", { withTimezone: true }),
    refreshFailures: integer("refresh_failures").notNull().default(0),
    /** After a failed refresh, no new attempt before this (never a tight retry loop). */
    retryAfter: timestamp("retry_after", { withTimezone: true }),
    lastError: text("last_error"),
    connectedBy: text("connected_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => sql`now()`),
  },
  (t) => [
    uniqueIndex("ghl_connections_company_uq")
      .on(t.agencyId, t.ghlCompanyId)
      .where(sql`${t.kind} = 'company'`),
    uniqueIndex("ghl_connections_location_uq")
      .on(t.agencyId, t.ghlLocationId)
      .where(sql`${t.kind} = 'location'`),
    index("ghl_connections_expiry_idx").on(t.status, t.expiresAt),
  ],
);

/** One OAuth authorization attempt: single-use, short-lived, bound to the user who started it. */
export const ghlOauthStates = pgTable("ghl_oauth_states", {
  /** sha256 of the state value sent to GHL; the value itself is never stored. */
  stateHash: text("state_hash").primaryKey(),
  agencyId: uuid("agency_id")
    .notNull()
    .references(() => agencies.id, { onDelete: "cascade" }),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  codeVerifierEnc: text("code_verifier_enc").notNull(),
  scopes: text("scopes").array().notNull(),
  returnTo: text("return_to").notNull().default("/settings/connections"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * GHL's per-app, per-resource budget, shared by every process: the request times in the current
 * window, a pause set by 429s, and the daily remaining GHL reports.
 */
export const ghlRateLimits = pgTable("ghl_rate_limits", {
  resourceKey: text("resource_key").primaryKey(),
  hits: timestamp("hits", { withTimezone: true, mode: "string" })
    .array()
    .notNull()
    .default(sql`'{}'::timestamptz[]`),
  pausedUntil: timestamp("paused_until", { withTimezone: true }),
  dailyRemaining: integer("daily_remaining"),
  dailyLimit: integer("daily_limit"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every call to GHL: for metrics, the API success-rate KPI and troubleshooting. */
export const ghlApiCalls = pgTable(
  "ghl_api_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    locationId: uuid("location_id"),
    operation: text("operation").notNull(),
    method: text("method").notNull(),
    status: integer("status"),
    durationMs: integer("duration_ms").notNull(),
    attempts: integer("attempts").notNull().default(1),
    rateRemaining: integer("rate_remaining"),
    dailyRemaining: integer("daily_remaining"),
    errorCode: text("error_code"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ghl_api_calls_agency_time_idx").on(t.agencyId, t.createdAt)],
);
