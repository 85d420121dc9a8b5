-- Trigram search on contact names (trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."sync_run_kind" AS ENUM('backfill', 'reconcile');--> statement-breakpoint
CREATE TYPE "public"."sync_run_status" AS ENUM('running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."import_row_plan" AS ENUM('create', 'update', 'skip', 'invalid');--> statement-breakpoint
CREATE TYPE "public"."import_row_status" AS ENUM('pending', 'done', 'failed', 'undone');--> statement-breakpoint
CREATE TYPE "public"."import_status" AS ENUM('planned', 'running', 'completed', 'failed', 'cancelled', 'undoing', 'undone');--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"kind" "sync_run_kind" NOT NULL,
	"trigger" text NOT NULL,
	"status" "sync_run_status" DEFAULT 'running' NOT NULL,
	"scanned" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"missed" integer DEFAULT 0 NOT NULL,
	"ghl_calls" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"agency_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"cursor_updated_at" timestamp with time zone,
	"cursor_id" text,
	"backfilled_at" timestamp with time zone,
	"last_run_id" uuid,
	"next_due_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_state_location_id_entity_pk" PRIMARY KEY("location_id","entity")
);
--> statement-breakpoint
CREATE TABLE "canonical_field_mappings" (
	"agency_id" uuid NOT NULL,
	"canonical_field_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"custom_field_ghl_id" text NOT NULL,
	CONSTRAINT "canonical_field_mappings_canonical_field_id_location_id_pk" PRIMARY KEY("canonical_field_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "canonical_fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"data_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canonical_fields_agency_key_uq" UNIQUE("agency_id","key"),
	CONSTRAINT "canonical_fields_agency_id_uq" UNIQUE("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "custom_fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"ghl_id" text NOT NULL,
	"name" text NOT NULL,
	"field_key" text,
	"data_type" text NOT NULL,
	"options" jsonb,
	"position" integer,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_fields_location_ghl_uq" UNIQUE("location_id","ghl_id")
);
--> statement-breakpoint
CREATE TABLE "contact_import_rows" (
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"agency_id" uuid NOT NULL,
	"location_id" uuid,
	"raw" jsonb NOT NULL,
	"payload" jsonb,
	"plan" "import_row_plan" NOT NULL,
	"matched_ghl_id" text,
	"status" "import_row_status" DEFAULT 'pending' NOT NULL,
	"outcome" text,
	"ghl_contact_id" text,
	"tags_before" text[],
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_import_rows_import_id_line_pk" PRIMARY KEY("import_id","line")
);
--> statement-breakpoint
CREATE TABLE "contact_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"created_by" text,
	"file_name" text NOT NULL,
	"status" "import_status" DEFAULT 'planned' NOT NULL,
	"mapping" jsonb NOT NULL,
	"options" jsonb NOT NULL,
	"location_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"planned" jsonb NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"undone" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "type" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "address1" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "state" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "timezone" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "date_of_birth" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_location_fk" FOREIGN KEY ("agency_id","location_id") REFERENCES "public"."locations"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_state" ADD CONSTRAINT "sync_state_location_fk" FOREIGN KEY ("agency_id","location_id") REFERENCES "public"."locations"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canonical_field_mappings" ADD CONSTRAINT "canonical_field_mappings_field_fk" FOREIGN KEY ("agency_id","canonical_field_id") REFERENCES "public"."canonical_fields"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canonical_field_mappings" ADD CONSTRAINT "canonical_field_mappings_location_fk" FOREIGN KEY ("agency_id","location_id") REFERENCES "public"."locations"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canonical_fields" ADD CONSTRAINT "canonical_fields_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_fields" ADD CONSTRAINT "custom_fields_location_fk" FOREIGN KEY ("agency_id","location_id") REFERENCES "public"."locations"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_import_rows" ADD CONSTRAINT "contact_import_rows_import_id_contact_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."contact_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_import_rows" ADD CONSTRAINT "contact_import_rows_location_fk" FOREIGN KEY ("agency_id","location_id") REFERENCES "public"."locations"("agency_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_imports" ADD CONSTRAINT "contact_imports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_imports" ADD CONSTRAINT "contact_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_runs_location_idx" ON "sync_runs" USING btree ("location_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sync_runs_agency_idx" ON "sync_runs" USING btree ("agency_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contact_import_rows_work_idx" ON "contact_import_rows" USING btree ("import_id","location_id","status","line");--> statement-breakpoint
CREATE INDEX "contact_imports_agency_idx" ON "contact_imports" USING btree ("agency_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin (lower(coalesce("name", '') || ' ' || coalesce("email", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_location_email_idx" ON "contacts" USING btree ("location_id",lower("email"));--> statement-breakpoint
CREATE INDEX "contacts_location_phone_idx" ON "contacts" USING btree ("location_id","phone");--> statement-breakpoint
CREATE INDEX "contacts_tags_idx" ON "contacts" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "contacts_custom_fields_idx" ON "contacts" USING gin ("custom_fields" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "contacts_location_updated_idx" ON "contacts" USING btree ("location_id","date_updated" DESC NULLS LAST,"ghl_id");