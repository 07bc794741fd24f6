-- Need figures: catchment numbers the coordinator enters with source and date. Placeholder
-- rows were never need figures; they go, and the centre shows "keine Daten" until entered.
DELETE FROM `centre_needs` WHERE `placeholder` = 1;--> statement-breakpoint
ALTER TABLE `centre_needs` DROP COLUMN `placeholder`;--> statement-breakpoint
ALTER TABLE `centre_needs` ADD `source` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `centre_needs` ADD `as_of` text;--> statement-breakpoint
-- Pay groups onto the TVöD SuE catalogue spelling ("S11b", "s 11 B", "SuE S 12" → "S 11b",
-- "S 12"), as normalisePayGroup() in the domain package does for new input.
UPDATE `posts` SET `pay_group` = 'S ' || ltrim(substr(
  CASE WHEN replace(lower(`pay_group`), ' ', '') LIKE 'sue%' THEN substr(replace(lower(`pay_group`), ' ', ''), 4)
       ELSE replace(lower(`pay_group`), ' ', '') END, 2), '0')
WHERE replace(lower(`pay_group`), ' ', '') GLOB 's[0-9]*' OR replace(lower(`pay_group`), ' ', '') GLOB 'sues[0-9]*';--> statement-breakpoint
UPDATE `cost_assumptions` SET `pay_group` = 'S ' || ltrim(substr(
  CASE WHEN replace(lower(`pay_group`), ' ', '') LIKE 'sue%' THEN substr(replace(lower(`pay_group`), ' ', ''), 4)
       ELSE replace(lower(`pay_group`), ' ', '') END, 2), '0')
WHERE replace(lower(`pay_group`), ' ', '') GLOB 's[0-9]*' OR replace(lower(`pay_group`), ' ', '') GLOB 'sues[0-9]*';--> statement-breakpoint
-- Frozen council reports: the bytes as published, their hashes and the data state they show.
CREATE TABLE `published_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`centre_id` integer,
	`scope_key` text NOT NULL,
	`figures_json` text NOT NULL,
	`pdf` blob NOT NULL,
	`csv` blob NOT NULL,
	`figures_sha256` text NOT NULL,
	`pdf_sha256` text NOT NULL,
	`csv_sha256` text NOT NULL,
	`data_max_audit_id` integer NOT NULL,
	`data_as_of` text NOT NULL,
	`published_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`published_by_id` integer,
	`published_by_email` text NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`published_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);--> statement-breakpoint
CREATE UNIQUE INDEX `published_reports_scope_unique` ON `published_reports` (`period_from`,`period_to`,`scope_key`);--> statement-breakpoint
CREATE INDEX `published_reports_period_idx` ON `published_reports` (`period_to`,`period_from`);--> statement-breakpoint
CREATE TRIGGER `published_reports_no_update` BEFORE UPDATE ON `published_reports` BEGIN
  SELECT RAISE(ABORT, 'published reports are frozen');
END;--> statement-breakpoint
CREATE TRIGGER `published_reports_no_delete` BEFORE DELETE ON `published_reports` BEGIN
  SELECT RAISE(ABORT, 'published reports are frozen');
END;--> statement-breakpoint
-- Entries dated inside a published period: who changed what, for which date, and why.
CREATE TABLE `report_corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer,
	`centre_id` integer NOT NULL,
	`dated_on` text NOT NULL,
	`action` text NOT NULL,
	`reason` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor_id` integer,
	`actor_email` text,
	FOREIGN KEY (`report_id`) REFERENCES `published_reports`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);--> statement-breakpoint
CREATE INDEX `report_corrections_at_idx` ON `report_corrections` (`at`);--> statement-breakpoint
-- What erasure leaves of an outreach task: anonymous, enough for the outcome counts and the
-- verified re-engagement rate (first attendance on or after the task was opened), and the
-- task's cell key unit key (person key + task id · 2654435769 mod 2^32, migration 0008), so
-- the published (perturbed) counts stay the same after erasure. Never selected into a response.
CREATE TABLE `outreach_residue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`centre_id` integer NOT NULL,
	`opened_on` text NOT NULL,
	`closed_on` text,
	`outcome` text,
	`seen_on` text,
	`attempts_json` text DEFAULT '[]' NOT NULL,
	`task_key` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE restrict
);--> statement-breakpoint
CREATE INDEX `outreach_residue_centre_closed_idx` ON `outreach_residue` (`centre_id`,`closed_on`);
