CREATE TABLE `external_audit_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`role` text NOT NULL,
	`version` integer NOT NULL,
	`template_id` integer,
	`path` text NOT NULL,
	`body` text NOT NULL,
	`sha256` text NOT NULL,
	`valid` integer DEFAULT false NOT NULL,
	`errors` text,
	`model_family` text,
	`model_name` text,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_id`) REFERENCES `prompt_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `external_audit_documents_version` ON `external_audit_documents` (`audit_id`,`kind`,`role`,`version`);--> statement-breakpoint
CREATE TABLE `external_audits` (
	`audit_id` integer PRIMARY KEY NOT NULL,
	`git_range` text,
	`git_diff` text,
	`ailog_paths` text,
	`ailog_contents` text,
	`same_family_override_reason` text,
	`same_family_override_by` integer,
	`same_family_override_at` integer,
	`finalized_at` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`same_family_override_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `external_finding_decisions` (
	`audit_id` integer NOT NULL,
	`finding_id` text NOT NULL,
	`decision` text NOT NULL,
	`category` text,
	`note` text NOT NULL,
	`decided_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`audit_id`, `finding_id`),
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `external_finding_links` (
	`audit_id` integer NOT NULL,
	`role` text NOT NULL,
	`finding_id` text NOT NULL,
	`sample_unit_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`audit_id`, `role`, `finding_id`, `sample_unit_id`),
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sample_unit_id`) REFERENCES `sample_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `prompt_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`role` text NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prompt_templates_role_version` ON `prompt_templates` (`role`,`version`);