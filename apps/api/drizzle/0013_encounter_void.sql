ALTER TABLE `encounters` ADD `voided_at` text;--> statement-breakpoint
ALTER TABLE `encounters` ADD `voided_by_id` integer REFERENCES `users`(`id`);--> statement-breakpoint
ALTER TABLE `encounters` ADD `void_reason` text;--> statement-breakpoint
-- A voided (cancelled) entry stays for the audit trail but counts nowhere: every figure reads
-- `counted_encounters`, and the report index only holds counted rows, so the aggregates stay
-- covered by it (EXPLAIN: SEARCH encounters USING COVERING INDEX encounters_centre_date_idx).
DROP INDEX `encounters_centre_date_idx`;--> statement-breakpoint
CREATE INDEX `encounters_centre_date_idx` ON `encounters` (`centre_id`,`date`,`activity_id`,`duration_minutes`,`newcomers`,`host`,`voided_at`) WHERE `voided_at` IS NULL;--> statement-breakpoint
-- The duplicate check: the same centre, date and start time.
CREATE INDEX `encounters_slot_idx` ON `encounters` (`centre_id`,`date`,`start_time`);--> statement-breakpoint
CREATE VIEW `counted_encounters` AS SELECT * FROM `encounters` WHERE `voided_at` IS NULL;--> statement-breakpoint
-- First/last attendance (migration 0006) ignores voided entries.
DROP TRIGGER `attendees_rollup_insert`;--> statement-breakpoint
DROP TRIGGER `attendees_rollup_delete`;--> statement-breakpoint
DROP TRIGGER `encounters_rollup_date`;--> statement-breakpoint
CREATE TRIGGER `attendees_rollup_insert` AFTER INSERT ON `encounter_attendees`
WHEN (SELECT `voided_at` FROM `encounters` WHERE `id` = NEW.`encounter_id`) IS NULL BEGIN
  UPDATE `participants` SET
    `first_attended_on` = min(coalesce(`first_attended_on`, '9999-12-31'), (SELECT `date` FROM `encounters` WHERE `id` = NEW.`encounter_id`)),
    `last_attended_on` = max(coalesce(`last_attended_on`, ''), (SELECT `date` FROM `encounters` WHERE `id` = NEW.`encounter_id`))
  WHERE `id` = NEW.`participant_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `attendees_rollup_delete` AFTER DELETE ON `encounter_attendees` BEGIN
  UPDATE `participants` SET
    `first_attended_on` = (SELECT min(e.`date`) FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE ea.`participant_id` = OLD.`participant_id` AND e.`voided_at` IS NULL),
    `last_attended_on` = (SELECT max(e.`date`) FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE ea.`participant_id` = OLD.`participant_id` AND e.`voided_at` IS NULL)
  WHERE `id` = OLD.`participant_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `encounters_rollup_date` AFTER UPDATE OF `date`, `voided_at` ON `encounters` BEGIN
  UPDATE `participants` SET
    `first_attended_on` = (SELECT min(e.`date`) FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE ea.`participant_id` = `participants`.`id` AND e.`voided_at` IS NULL),
    `last_attended_on` = (SELECT max(e.`date`) FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE ea.`participant_id` = `participants`.`id` AND e.`voided_at` IS NULL)
  WHERE `id` IN (SELECT `participant_id` FROM `encounter_attendees` WHERE `encounter_id` = NEW.`id`);
END;
