CREATE TABLE `audits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`project_name` text NOT NULL,
	`audit_date` text NOT NULL,
	`title` text NOT NULL,
	`change_description` text NOT NULL,
	`risk_tier` integer NOT NULL,
	`trigger_reasons` text NOT NULL,
	`trigger_contract_version` text NOT NULL,
	`bulk_mutation_threshold` integer NOT NULL,
	`duplicate_cluster_cap` integer NOT NULL,
	`sot_query` text NOT NULL,
	`sot_stability_query` text NOT NULL,
	`sot_expected_result` text NOT NULL,
	`consistency_model` text NOT NULL,
	`staleness_bound_seconds` integer,
	`stability_actual_result` text,
	`stability_checked_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audits_slug_unique` ON `audits` (`slug`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer,
	`actor_id` integer,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_hash_unique` ON `events` (`hash`);--> statement-breakpoint
CREATE INDEX `events_audit` ON `events` (`audit_id`);--> statement-breakpoint
CREATE TABLE `population_imports` (
	`audit_id` integer PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`sha256` text NOT NULL,
	`byte_size` integer NOT NULL,
	`row_count` integer NOT NULL,
	`failed_count` integer NOT NULL,
	`unknown_count` integer NOT NULL,
	`population_checksum` text NOT NULL,
	`column_mapping` text NOT NULL,
	`high_risk_subgroups` text NOT NULL,
	`imported_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `review_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sample_unit_id` integer NOT NULL,
	`finding` text NOT NULL,
	`critical_kind` text,
	`false_positive` integer NOT NULL,
	`remediation_owner` text,
	`note` text,
	`reviewed_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`sample_unit_id`) REFERENCES `sample_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_history_unit` ON `review_history` (`sample_unit_id`);--> statement-breakpoint
CREATE TABLE `sample_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`position` integer NOT NULL,
	`stratum` text NOT NULL,
	`reasons` text NOT NULL,
	`finding` text,
	`critical_kind` text,
	`false_positive` integer DEFAULT false NOT NULL,
	`remediation_owner` text,
	`note` text,
	`reviewed_by` integer,
	`reviewed_at` integer,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sample_units_audit_unit` ON `sample_units` (`audit_id`,`unit_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sample_units_audit_position` ON `sample_units` (`audit_id`,`position`);--> statement-breakpoint
CREATE TABLE `samples` (
	`audit_id` integer PRIMARY KEY NOT NULL,
	`seed` text NOT NULL,
	`population_checksum` text NOT NULL,
	`risk_tier` integer NOT NULL,
	`tier_size` integer NOT NULL,
	`population_size` integer NOT NULL,
	`census_size` integer NOT NULL,
	`random_size` integer NOT NULL,
	`clusters_included` integer NOT NULL,
	`cluster_units` integer NOT NULL,
	`clusters_available` integer NOT NULL,
	`warnings` text NOT NULL,
	`drawn_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`drawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `share_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`label` text,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `share_links_token_hash_unique` ON `share_links` (`token_hash`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer NOT NULL,
	`position` integer NOT NULL,
	`unit_key` text NOT NULL,
	`execution_status` text NOT NULL,
	`subgroup` text,
	`identity_key` text,
	`record` text NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_audit_key` ON `units` (`audit_id`,`unit_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `units_audit_position` ON `units` (`audit_id`,`position`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`roles` text NOT NULL,
	`failed_sign_ins` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);