CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`scope` text NOT NULL,
	`project_name` text,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
ALTER TABLE `share_links` ADD `snapshot` text;--> statement-breakpoint
ALTER TABLE `share_links` ADD `snapshot_hash` text;--> statement-breakpoint
ALTER TABLE `share_links` ADD `snapshot_event_id` integer;--> statement-breakpoint
ALTER TABLE `share_links` ADD `published_at` integer;