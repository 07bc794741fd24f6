-- Person-level read audit: which participants a response showed, stored in the audit row itself.
ALTER TABLE `audit_log` ADD `subjects` text;
--> statement-breakpoint
-- Lookup index derived from audit_log.subjects by the trigger below (no foreign key: the log
-- outlives the people it names). Append-only like the log.
CREATE TABLE `audit_subjects` (
	`audit_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	PRIMARY KEY(`participant_id`, `audit_id`)
);
--> statement-breakpoint
CREATE INDEX `audit_subjects_audit_idx` ON `audit_subjects` (`audit_id`);
--> statement-breakpoint
CREATE TRIGGER audit_log_subjects_index AFTER INSERT ON audit_log WHEN new.subjects IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO audit_subjects (audit_id, participant_id)
    SELECT new.id, CAST(value AS INTEGER) FROM json_each(new.subjects);
END;
--> statement-breakpoint
CREATE TRIGGER audit_subjects_no_update BEFORE UPDATE ON audit_subjects
BEGIN
  SELECT RAISE(ABORT, 'audit_subjects is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_subjects_no_delete BEFORE DELETE ON audit_subjects
BEGIN
  SELECT RAISE(ABORT, 'audit_subjects is append-only');
END;
--> statement-breakpoint
-- Rows written before this migration named one participant in entity_id: index them too.
INSERT OR IGNORE INTO audit_subjects (audit_id, participant_id)
  SELECT id, CAST(entity_id AS INTEGER) FROM audit_log
  WHERE entity_type = 'participant' AND entity_id GLOB '[0-9]*' AND entity_id NOT GLOB '*[^0-9]*';
--> statement-breakpoint
-- Outreach closed by the system when consent lapses carries the reason.
ALTER TABLE `follow_ups` ADD `closed_reason` text;
--> statement-breakpoint
-- Reviewed flag per consent-sheet translation, set by an admin.
CREATE TABLE `consent_text_reviews` (
	`language` text PRIMARY KEY NOT NULL,
	`reviewed` integer DEFAULT false NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
-- Text settings (controller, data-protection officer, supervisory authority) over domain defaults.
CREATE TABLE `text_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
