ALTER TABLE "share_links" ALTER COLUMN "audit_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "share_links" ADD COLUMN "profile_audit_id" integer;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_profile_audit_id_profile_audits_id_fk" FOREIGN KEY ("profile_audit_id") REFERENCES "public"."profile_audits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "share_links_profile_audit" ON "share_links" USING btree ("profile_audit_id");--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_one_audit" CHECK (("share_links"."audit_id" is null) <> ("share_links"."profile_audit_id" is null));