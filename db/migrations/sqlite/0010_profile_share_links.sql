PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_share_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer,
	`profile_audit_id` integer,
	`token_hash` text NOT NULL,
	`label` text,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`snapshot` text,
	`snapshot_hash` text,
	`snapshot_event_id` integer,
	`published_at` integer,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`profile_audit_id`) REFERENCES `profile_audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "share_links_one_audit" CHECK(("audit_id" is null) <> ("profile_audit_id" is null))
);
--> statement-breakpoint
INSERT INTO `__new_share_links`("id", "audit_id", "profile_audit_id", "token_hash", "label", "expires_at", "revoked_at", "created_by", "created_at", "snapshot", "snapshot_hash", "snapshot_event_id", "published_at") SELECT "id", "audit_id", NULL, "token_hash", "label", "expires_at", "revoked_at", "created_by", "created_at", "snapshot", "snapshot_hash", "snapshot_event_id", "published_at" FROM `share_links`;--> statement-breakpoint
DROP TABLE `share_links`;--> statement-breakpoint
ALTER TABLE `__new_share_links` RENAME TO `share_links`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `share_links_token_hash_unique` ON `share_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `share_links_profile_audit` ON `share_links` (`profile_audit_id`);