CREATE TYPE "public"."webhook_status" AS ENUM('received', 'processing', 'processed', 'failed', 'dead', 'ignored');--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"provider" text DEFAULT 'ghl' NOT NULL,
	"dedup_key" text NOT NULL,
	"ghl_type" text NOT NULL,
	"event_type" text,
	"ghl_location_id" text,
	"ghl_company_id" text,
	"ghl_object_id" text,
	"agency_id" uuid,
	"location_id" uuid,
	"raw_body" "bytea" NOT NULL,
	"headers" jsonb NOT NULL,
	"signature_scheme" text NOT NULL,
	"event_at" timestamp with time zone,
	"status" "webhook_status" DEFAULT 'received' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"claim_token" uuid,
	"last_error" text,
	"ignored_reason" text,
	"processed_count" integer DEFAULT 0 NOT NULL,
	"replays" integer DEFAULT 0 NOT NULL,
	"dispatched_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_intake_daily" (
	"day" date NOT NULL,
	"outcome" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "webhook_intake_daily_day_outcome_pk" PRIMARY KEY("day","outcome")
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"ghl_id" text NOT NULL,
	"date_added" timestamp with time zone,
	"date_updated" timestamp with time zone,
	"source_version" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"calendar_id" text,
	"contact_ghl_id" text,
	"title" text,
	"status" text,
	"assigned_user_id" text,
	"start_time" timestamp with time zone,
	"end_time" timestamp with time zone,
	"address" text,
	"notes" text,
	"source" text,
	CONSTRAINT "appointments_location_ghl_uq" UNIQUE("location_id","ghl_id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"ghl_id" text NOT NULL,
	"date_added" timestamp with time zone,
	"date_updated" timestamp with time zone,
	"source_version" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_name" text,
	"last_name" text,
	"name" text,
	"email" text,
	"phone" text,
	"company_name" text,
	"source" text,
	"assigned_to" text,
	"dnd" boolean,
	"tags" text[],
	"custom_fields" jsonb,
	CONSTRAINT "contacts_location_ghl_uq" UNIQUE("location_id","ghl_id")
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"ghl_id" text NOT NULL,
	"date_added" timestamp with time zone,
	"date_updated" timestamp with time zone,
	"source_version" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text,
	"contact_ghl_id" text,
	"pipeline_id" text,
	"pipeline_stage_id" text,
	"status" text,
	"monetary_value" double precision,
	"assigned_to" text,
	"source" text,
	CONSTRAINT "opportunities_location_ghl_uq" UNIQUE("location_id","ghl_id")
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_location_fk" FOREIGN KEY ("agency_id","location_id") REFERENCES "public"."locations"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_location_fk" FOREIGN KEY ("agency_id","location_id") REFERENCES "public"."locations"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_location_fk" FOREIGN KEY ("agency_id","location_id") REFERENCES "public"."locations"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_events_dedup_uq" ON "webhook_events" USING btree ("provider","dedup_key");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_events_seq_uq" ON "webhook_events" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "webhook_events_due_idx" ON "webhook_events" USING btree ("next_attempt_at") WHERE "webhook_events"."status" in ('received', 'failed', 'processing');--> statement-breakpoint
CREATE INDEX "webhook_events_agency_idx" ON "webhook_events" USING btree ("agency_id","seq");--> statement-breakpoint
CREATE INDEX "webhook_events_location_idx" ON "webhook_events" USING btree ("location_id","seq");--> statement-breakpoint
CREATE INDEX "appointments_agency_location_idx" ON "appointments" USING btree ("agency_id","location_id");--> statement-breakpoint
CREATE INDEX "contacts_agency_location_idx" ON "contacts" USING btree ("agency_id","location_id");--> statement-breakpoint
CREATE INDEX "opportunities_agency_location_idx" ON "opportunities" USING btree ("agency_id","location_id");