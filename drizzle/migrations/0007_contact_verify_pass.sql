ALTER TYPE "public"."sync_run_kind" ADD VALUE 'verify';--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "removed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_state" ADD COLUMN "verify_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_state" ADD COLUMN "verified_at" timestamp with time zone;