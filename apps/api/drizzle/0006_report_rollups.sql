DROP INDEX `encounters_centre_date_idx`;--> statement-breakpoint
CREATE INDEX `encounters_centre_date_idx` ON `encounters` (`centre_id`,`date`,`activity_id`,`duration_minutes`,`newcomers`,`host`);--> statement-breakpoint
ALTER TABLE `participants` ADD `first_attended_on` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `last_attended_on` text;--> statement-breakpoint
-- First and last named attendance per participant, kept true by triggers on every path that
-- changes attendance (logging, corrections, erasure, seeds), so the reports need not scan the
-- whole attendance history. The reporting tests recompute both from the raw rows.
UPDATE `participants` SET
  `first_attended_on` = (SELECT min(e.`date`) FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE ea.`participant_id` = `participants`.`id`),
  `last_attended_on` = (SELECT max(e.`date`) FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE ea.`participant_id` = `participants`.`id`);
--> statement-breakpoint
CREATE TRIGGER `attendees_rollup_insert` AFTER INSERT ON `encounter_attendees` BEGIN
  UPDATE `participants` SET
    `first_attended_on` = min(coalesce(`first_attended_on`, '9999-12-31'), (SELECT `date` FROM `encounters` WHERE `id` = NEW.`encounter_id`)),
    `last_attended_on` = max(coalesce(`last_attended_on`, ''), (SELECT `date` FROM `encounters` WHERE `id` = NEW.`encounter_id`))
  WHERE `id` = NEW.`participant_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `attendees_rollup_delete` AFTER DELETE ON `encounter_attendees` BEGIN
  UPDATE `participants` SET
    `first_attended_on` = (SELECT min(e.`date`) FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE ea.`participant_id` = OLD.`participant_id`),
    `last_attended_on` = (SELECT max(e.`date`) FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE ea.`participant_id` = OLD.`participant_id`)
  WHERE `id` = OLD.`participant_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `encounters_rollup_date` AFTER UPDATE OF `date` ON `encounters` BEGIN
  UPDATE `participants` SET
    `first_attended_on` = (SELECT min(e.`date`) FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE ea.`participant_id` = `participants`.`id`),
    `last_attended_on` = (SELECT max(e.`date`) FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE ea.`participant_id` = `participants`.`id`)
  WHERE `id` IN (SELECT `participant_id` FROM `encounter_attendees` WHERE `encounter_id` = NEW.`id`);
END;
