ALTER TABLE "audits" ADD COLUMN "confidence_percent" integer DEFAULT 95 NOT NULL;--> statement-breakpoint
ALTER TABLE "audits" ADD COLUMN "decision_basis" text DEFAULT 'point_estimate' NOT NULL;--> statement-breakpoint
ALTER TABLE "samples" ADD COLUMN "requested_random_size" integer;