CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer NOT NULL,
	`sample_unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`sha256` text,
	`file_name` text,
	`media_type` text,
	`size_bytes` integer,
	`url` text,
	`added_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`removed_by` integer,
	`removed_at` integer,
	`removed_reason` text,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sample_unit_id`) REFERENCES `sample_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_unit` ON `evidence` (`sample_unit_id`);--> statement-breakpoint
ALTER TABLE `audits` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `audits` ADD `rerun_of` integer;--> statement-breakpoint
ALTER TABLE `review_history` ADD `round` text DEFAULT 'primary' NOT NULL;--> statement-breakpoint
ALTER TABLE `sample_units` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sample_units` ADD `assigned_to` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `sample_units` ADD `second_review_requested` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sample_units` ADD `second_reviewed_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `sample_units` ADD `second_finding` text;--> statement-breakpoint
ALTER TABLE `sample_units` ADD `second_reviewed_at` integer;--> statement-breakpoint
ALTER TABLE `sample_units` ADD `adjudicated_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `sample_units` ADD `adjudicated_at` integer;--> statement-breakpoint
ALTER TABLE `units` ADD `claim_differs` integer DEFAULT false NOT NULL;