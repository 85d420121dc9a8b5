DROP INDEX "contacts_location_email_idx";--> statement-breakpoint
DROP INDEX "contacts_location_updated_idx";--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("agency_id","target_type","target_id","occurred_at") WHERE "audit_log"."target_id" is not null;--> statement-breakpoint
CREATE INDEX "webhook_events_object_idx" ON "webhook_events" USING btree ("location_id","ghl_object_id","seq") WHERE "webhook_events"."ghl_object_id" is not null;--> statement-breakpoint
CREATE INDEX "contacts_phone_trgm_idx" ON "contacts" USING gin ("phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_location_name_idx" ON "contacts" USING btree ("agency_id","location_id",lower("name"),"id") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_location_added_idx" ON "contacts" USING btree ("agency_id","location_id","date_added","id") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_location_email_idx" ON "contacts" USING btree ("agency_id","location_id",lower("email"),"id") WHERE "contacts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_location_updated_idx" ON "contacts" USING btree ("agency_id","location_id","date_updated" DESC NULLS LAST,"ghl_id","id") WHERE "contacts"."deleted_at" is null;