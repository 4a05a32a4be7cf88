ALTER TABLE `audits` ADD `confidence_percent` integer DEFAULT 95 NOT NULL;--> statement-breakpoint
ALTER TABLE `audits` ADD `decision_basis` text DEFAULT 'point_estimate' NOT NULL;--> statement-breakpoint
ALTER TABLE `samples` ADD `requested_random_size` integer;