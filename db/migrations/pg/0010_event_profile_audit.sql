ALTER TABLE "events" ADD COLUMN "profile_audit_id" integer;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_profile_audit_id_profile_audits_id_fk" FOREIGN KEY ("profile_audit_id") REFERENCES "public"."profile_audits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_profile_audit" ON "events" USING btree ("profile_audit_id");--> statement-breakpoint
UPDATE "events" SET "profile_audit_id" = ("payload"::jsonb ->> 'profileAuditId')::integer WHERE "audit_id" IS NULL AND jsonb_typeof("payload"::jsonb -> 'profileAuditId') = 'number';
