CREATE TABLE `import_leases` (
	`audit_id` integer PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`started_by` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sample_unit_reasons` (
	`sample_unit_id` integer NOT NULL,
	`reason` text NOT NULL,
	PRIMARY KEY(`sample_unit_id`, `reason`),
	FOREIGN KEY (`sample_unit_id`) REFERENCES `sample_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sample_unit_reasons_reason` ON `sample_unit_reasons` (`reason`,`sample_unit_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_prev_hash_unique` ON `events` (`prev_hash`);--> statement-breakpoint
-- Carry each sampled unit's inclusion reasons (a JSON array until now) into the join table.
INSERT INTO `sample_unit_reasons` (`sample_unit_id`, `reason`) SELECT `sample_units`.`id`, `r`.`value` FROM `sample_units`, json_each(`sample_units`.`reasons`) AS `r`;--> statement-breakpoint
ALTER TABLE `sample_units` DROP COLUMN `reasons`;