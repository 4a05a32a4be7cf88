CREATE TABLE `expansion_scorecards` (
	`profile_audit_id` integer NOT NULL,
	`target_percentage` integer NOT NULL,
	`items` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`profile_audit_id`, `target_percentage`),
	FOREIGN KEY (`profile_audit_id`) REFERENCES `profile_audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `expansion_votes` (
	`profile_audit_id` integer NOT NULL,
	`target_percentage` integer NOT NULL,
	`role` text NOT NULL,
	`voter_id` integer NOT NULL,
	`vote` text NOT NULL,
	`rationale` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`profile_audit_id`, `target_percentage`, `role`),
	FOREIGN KEY (`profile_audit_id`) REFERENCES `profile_audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `profile_audits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`project_name` text NOT NULL,
	`profile` text NOT NULL,
	`title` text NOT NULL,
	`context` text NOT NULL,
	`config` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `profile_audits_slug_unique` ON `profile_audits` (`slug`);--> statement-breakpoint
CREATE TABLE `profile_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`profile_audit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`version` integer NOT NULL,
	`file_name` text NOT NULL,
	`body` text NOT NULL,
	`sha256` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`profile_audit_id`) REFERENCES `profile_audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `profile_documents_version` ON `profile_documents` (`profile_audit_id`,`kind`,`version`);--> statement-breakpoint
CREATE TABLE `profile_findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`profile_audit_id` integer NOT NULL,
	`section` text NOT NULL,
	`title` text NOT NULL,
	`severity` text NOT NULL,
	`category` text,
	`evidence` text,
	`location` text,
	`owner` text,
	`due_date` text,
	`status` text NOT NULL,
	`tags` text NOT NULL,
	`approach` text,
	`effort_days` integer,
	`check_ref` text,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`profile_audit_id`) REFERENCES `profile_audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `profile_findings_audit` ON `profile_findings` (`profile_audit_id`);--> statement-breakpoint
CREATE TABLE `profile_lens_scores` (
	`profile_audit_id` integer NOT NULL,
	`lens` text NOT NULL,
	`score` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`profile_audit_id`, `lens`),
	FOREIGN KEY (`profile_audit_id`) REFERENCES `profile_audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `profile_sign_offs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`profile_audit_id` integer NOT NULL,
	`signer_id` integer NOT NULL,
	`snapshot_hash` text NOT NULL,
	`statement` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`revoked_at` integer,
	`revoke_reason` text,
	FOREIGN KEY (`profile_audit_id`) REFERENCES `profile_audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `profile_sign_offs_once` ON `profile_sign_offs` (`profile_audit_id`,`signer_id`,`snapshot_hash`);--> statement-breakpoint
CREATE TABLE `rollout_events` (
	`profile_audit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`at` integer NOT NULL,
	`recorded_by` integer NOT NULL,
	`note` text,
	PRIMARY KEY(`profile_audit_id`, `kind`, `name`),
	FOREIGN KEY (`profile_audit_id`) REFERENCES `profile_audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
