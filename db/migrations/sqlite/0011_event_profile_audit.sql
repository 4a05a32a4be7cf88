ALTER TABLE `events` ADD `profile_audit_id` integer REFERENCES profile_audits(id);--> statement-breakpoint
CREATE INDEX `events_profile_audit` ON `events` (`profile_audit_id`);--> statement-breakpoint
UPDATE `events` SET `profile_audit_id` = json_extract(`payload`, '$.profileAuditId') WHERE `audit_id` IS NULL AND json_type(`payload`, '$.profileAuditId') = 'integer';
