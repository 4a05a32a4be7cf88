CREATE TABLE `break_glass_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer NOT NULL,
	`requested_by` integer NOT NULL,
	`impact` text NOT NULL,
	`justification` text NOT NULL,
	`contacts` text NOT NULL,
	`allowed` integer NOT NULL,
	`security_unavailable_since` integer,
	`single_signer_declared_at` integer,
	`granted_at` integer,
	`retrospective_due` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `break_glass_requests_audit_id_unique` ON `break_glass_requests` (`audit_id`);--> statement-breakpoint
CREATE TABLE `break_glass_signatures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`signer_id` integer NOT NULL,
	`slot` text NOT NULL,
	`statement` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `break_glass_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `break_glass_signatures_signer` ON `break_glass_signatures` (`request_id`,`signer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `break_glass_signatures_slot` ON `break_glass_signatures` (`request_id`,`slot`);--> statement-breakpoint
CREATE TABLE `sign_off_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer NOT NULL,
	`requested_by` integer NOT NULL,
	`approver_id` integer,
	`deadline` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approver_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sign_offs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer NOT NULL,
	`signer_id` integer NOT NULL,
	`snapshot_hash` text NOT NULL,
	`snapshot` text NOT NULL,
	`statement` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`revoked_at` integer,
	`revoke_reason` text,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sign_offs_once` ON `sign_offs` (`audit_id`,`signer_id`,`snapshot_hash`);--> statement-breakpoint
CREATE TABLE `signed_heads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`head_hash` text NOT NULL,
	`reason` text NOT NULL,
	`signed_at` text NOT NULL,
	`signature` text NOT NULL,
	`key_id` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `two_person_approvals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer NOT NULL,
	`approver_id` integer NOT NULL,
	`statement` text NOT NULL,
	`degraded` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approver_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `two_person_approvals_once` ON `two_person_approvals` (`audit_id`,`approver_id`);--> statement-breakpoint
CREATE TABLE `waivers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer NOT NULL,
	`waiver_id` text NOT NULL,
	`record` text NOT NULL,
	`signature` text NOT NULL,
	`key_id` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waivers_waiver_id_unique` ON `waivers` (`waiver_id`);--> statement-breakpoint
ALTER TABLE `audits` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `audits` ADD `closed_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `sample_units` ADD `remediation_due_at` integer;--> statement-breakpoint
ALTER TABLE `sample_units` ADD `remediation_destructive` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `available` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `availability_changed_at` integer;