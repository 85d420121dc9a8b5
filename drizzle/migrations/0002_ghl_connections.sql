CREATE TYPE "public"."ghl_connection_kind" AS ENUM('company', 'location');--> statement-breakpoint
CREATE TYPE "public"."ghl_connection_status" AS ENUM('active', 'needs_reauth', 'disconnected');--> statement-breakpoint
CREATE TYPE "public"."ghl_credential_type" AS ENUM('oauth', 'pit');--> statement-breakpoint
CREATE TABLE "ghl_api_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"location_id" uuid,
	"operation" text NOT NULL,
	"method" text NOT NULL,
	"status" integer,
	"duration_ms" integer NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"rate_remaining" integer,
	"daily_remaining" integer,
	"error_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ghl_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" "ghl_connection_kind" NOT NULL,
	"credential_type" "ghl_credential_type" DEFAULT 'oauth' NOT NULL,
	"ghl_company_id" text NOT NULL,
	"ghl_location_id" text,
	"location_id" uuid,
	"access_token_enc" text NOT NULL,
	"refresh_token_enc" text,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"ghl_user_id" text,
	"expires_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "ghl_connection_status" DEFAULT 'active' NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_refreshed_at" timestamp with time zone,
	"refresh_failures" integer DEFAULT 0 NOT NULL,
	"retry_after" timestamp with time zone,
	"last_error" text,
	"connected_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ghl_oauth_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"code_verifier_enc" text NOT NULL,
	"scopes" text[] NOT NULL,
	"return_to" text DEFAULT '/settings/connections' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ghl_rate_limits" (
	"resource_key" text PRIMARY KEY NOT NULL,
	"hits" timestamp with time zone[] DEFAULT '{}'::timestamptz[] NOT NULL,
	"paused_until" timestamp with time zone,
	"daily_remaining" integer,
	"daily_limit" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ghl_connections" ADD CONSTRAINT "ghl_connections_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ghl_connections" ADD CONSTRAINT "ghl_connections_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ghl_connections" ADD CONSTRAINT "ghl_connections_connected_by_users_id_fk" FOREIGN KEY ("connected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ghl_oauth_states" ADD CONSTRAINT "ghl_oauth_states_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ghl_oauth_states" ADD CONSTRAINT "ghl_oauth_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ghl_api_calls_agency_time_idx" ON "ghl_api_calls" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ghl_connections_company_uq" ON "ghl_connections" USING btree ("agency_id","ghl_company_id") WHERE "ghl_connections"."kind" = 'company';--> statement-breakpoint
CREATE UNIQUE INDEX "ghl_connections_location_uq" ON "ghl_connections" USING btree ("agency_id","ghl_location_id") WHERE "ghl_connections"."kind" = 'location';--> statement-breakpoint
CREATE INDEX "ghl_connections_expiry_idx" ON "ghl_connections" USING btree ("status","expires_at");