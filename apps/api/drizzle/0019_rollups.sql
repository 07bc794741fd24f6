-- Rollups for the dashboard, the staffing view and the council report (issue 15 part 5), kept
-- in the write transaction by triggers, so every path that writes encounters or attendance
-- (logging, corrections, voids, erasure, retention, imports, seeds, db:copy) keeps them true.
-- `npm run db:rollups` rebuilds them from the raw rows and reports any difference first;
-- test/rollups.test.ts compares them with a full recomputation after random writes.
-- PostgreSQL: drizzle-pg/0009_rollups.sql (same tables, columns and trigger names).
--
-- How many named attendees an encounter has: makes "mixed" (host > 0 and at least one
-- newcomer, named or counted) a function of the encounter row alone.
ALTER TABLE `encounters` ADD `named_attendees` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `encounters` SET `named_attendees` = (SELECT count(*) FROM `encounter_attendees` ea WHERE ea.`encounter_id` = `encounters`.`id`);--> statement-breakpoint
-- One row per centre, day and activity: counted (not voided) encounters, minutes, anonymous
-- newcomers with the key sum of their cell-key units (mod 2^32), mixed encounters.
CREATE TABLE `encounter_day_rollup` (
	`centre_id` integer NOT NULL,
	`date` text NOT NULL,
	`activity_id` integer NOT NULL,
	`encounters` integer NOT NULL,
	`minutes` integer NOT NULL,
	`newcomers` integer NOT NULL,
	`anonymous_key` integer NOT NULL,
	`mixed` integer NOT NULL,
	PRIMARY KEY(`centre_id`, `date`, `activity_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- One row per centre, month and named participant seen there: first and last day seen in that
-- month, attendances and attendances with host-society residents present.
CREATE TABLE `person_month_rollup` (
	`centre_id` integer NOT NULL,
	`month` text NOT NULL,
	`participant_id` integer NOT NULL,
	`first_on` text NOT NULL,
	`last_on` text NOT NULL,
	`attendances` integer NOT NULL,
	`host_attendances` integer NOT NULL,
	PRIMARY KEY(`centre_id`, `month`, `participant_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `person_month_rollup_participant_idx` ON `person_month_rollup` (`participant_id`);--> statement-breakpoint
-- The month breakdown groups by (month, person) straight from this index.
CREATE INDEX `person_month_rollup_month_idx` ON `person_month_rollup` (`month`,`participant_id`,`centre_id`,`first_on`,`last_on`);--> statement-breakpoint
INSERT INTO `encounter_day_rollup` SELECT `centre_id`, `date`, `activity_id`, count(*), sum(`duration_minutes`), sum(`newcomers`),
  coalesce(sum((`newcomers` * `record_key` + 2654435769 * (`newcomers` * (`newcomers` - 1) / 2)) % 4294967296), 0) % 4294967296,
  sum(CASE WHEN `host` > 0 AND (`newcomers` > 0 OR `named_attendees` > 0) THEN 1 ELSE 0 END)
  FROM `encounters` WHERE `voided_at` IS NULL GROUP BY `centre_id`, `date`, `activity_id`;
--> statement-breakpoint
INSERT INTO `person_month_rollup` SELECT e.`centre_id`, substr(e.`date`, 1, 7), ea.`participant_id`, min(e.`date`), max(e.`date`), count(*),
  sum(CASE WHEN e.`host` > 0 THEN 1 ELSE 0 END)
  FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE e.`voided_at` IS NULL
  GROUP BY e.`centre_id`, substr(e.`date`, 1, 7), ea.`participant_id`;
--> statement-breakpoint
-- An encounter's share of its day row, added on insert, moved on update, taken away on delete.
CREATE TRIGGER `encounters_day_rollup_insert` AFTER INSERT ON `encounters` WHEN NEW.`voided_at` IS NULL BEGIN
  INSERT INTO `encounter_day_rollup` VALUES (NEW.`centre_id`, NEW.`date`, NEW.`activity_id`, 1, NEW.`duration_minutes`, NEW.`newcomers`,
    (NEW.`newcomers` * NEW.`record_key` + 2654435769 * (NEW.`newcomers` * (NEW.`newcomers` - 1) / 2)) % 4294967296,
    CASE WHEN NEW.`host` > 0 AND (NEW.`newcomers` > 0 OR NEW.`named_attendees` > 0) THEN 1 ELSE 0 END)
  ON CONFLICT (`centre_id`, `date`, `activity_id`) DO UPDATE SET `encounters` = `encounters` + excluded.`encounters`,
    `minutes` = `minutes` + excluded.`minutes`, `newcomers` = `newcomers` + excluded.`newcomers`,
    `anonymous_key` = (`anonymous_key` + excluded.`anonymous_key`) % 4294967296, `mixed` = `mixed` + excluded.`mixed`;
END;
--> statement-breakpoint
CREATE TRIGGER `encounters_day_rollup_update` AFTER UPDATE ON `encounters` WHEN
  OLD.`centre_id` IS NOT NEW.`centre_id` OR OLD.`date` IS NOT NEW.`date` OR OLD.`activity_id` IS NOT NEW.`activity_id`
  OR OLD.`duration_minutes` IS NOT NEW.`duration_minutes` OR OLD.`newcomers` IS NOT NEW.`newcomers` OR OLD.`host` IS NOT NEW.`host`
  OR OLD.`voided_at` IS NOT NEW.`voided_at` OR OLD.`record_key` IS NOT NEW.`record_key`
  OR (OLD.`named_attendees` > 0) IS NOT (NEW.`named_attendees` > 0) BEGIN
  INSERT INTO `encounter_day_rollup` SELECT OLD.`centre_id`, OLD.`date`, OLD.`activity_id`, -1, -OLD.`duration_minutes`, -OLD.`newcomers`,
    (4294967296 - (OLD.`newcomers` * OLD.`record_key` + 2654435769 * (OLD.`newcomers` * (OLD.`newcomers` - 1) / 2)) % 4294967296) % 4294967296,
    -(CASE WHEN OLD.`host` > 0 AND (OLD.`newcomers` > 0 OR OLD.`named_attendees` > 0) THEN 1 ELSE 0 END)
  WHERE OLD.`voided_at` IS NULL
  ON CONFLICT (`centre_id`, `date`, `activity_id`) DO UPDATE SET `encounters` = `encounters` + excluded.`encounters`,
    `minutes` = `minutes` + excluded.`minutes`, `newcomers` = `newcomers` + excluded.`newcomers`,
    `anonymous_key` = (`anonymous_key` + excluded.`anonymous_key`) % 4294967296, `mixed` = `mixed` + excluded.`mixed`;
  INSERT INTO `encounter_day_rollup` SELECT NEW.`centre_id`, NEW.`date`, NEW.`activity_id`, 1, NEW.`duration_minutes`, NEW.`newcomers`,
    (NEW.`newcomers` * NEW.`record_key` + 2654435769 * (NEW.`newcomers` * (NEW.`newcomers` - 1) / 2)) % 4294967296,
    CASE WHEN NEW.`host` > 0 AND (NEW.`newcomers` > 0 OR NEW.`named_attendees` > 0) THEN 1 ELSE 0 END
  WHERE NEW.`voided_at` IS NULL
  ON CONFLICT (`centre_id`, `date`, `activity_id`) DO UPDATE SET `encounters` = `encounters` + excluded.`encounters`,
    `minutes` = `minutes` + excluded.`minutes`, `newcomers` = `newcomers` + excluded.`newcomers`,
    `anonymous_key` = (`anonymous_key` + excluded.`anonymous_key`) % 4294967296, `mixed` = `mixed` + excluded.`mixed`;
END;
--> statement-breakpoint
CREATE TRIGGER `encounters_day_rollup_delete` AFTER DELETE ON `encounters` WHEN OLD.`voided_at` IS NULL BEGIN
  INSERT INTO `encounter_day_rollup` VALUES (OLD.`centre_id`, OLD.`date`, OLD.`activity_id`, -1, -OLD.`duration_minutes`, -OLD.`newcomers`,
    (4294967296 - (OLD.`newcomers` * OLD.`record_key` + 2654435769 * (OLD.`newcomers` * (OLD.`newcomers` - 1) / 2)) % 4294967296) % 4294967296,
    -(CASE WHEN OLD.`host` > 0 AND (OLD.`newcomers` > 0 OR OLD.`named_attendees` > 0) THEN 1 ELSE 0 END))
  ON CONFLICT (`centre_id`, `date`, `activity_id`) DO UPDATE SET `encounters` = `encounters` + excluded.`encounters`,
    `minutes` = `minutes` + excluded.`minutes`, `newcomers` = `newcomers` + excluded.`newcomers`,
    `anonymous_key` = (`anonymous_key` + excluded.`anonymous_key`) % 4294967296, `mixed` = `mixed` + excluded.`mixed`;
END;
--> statement-breakpoint
-- A named attendance: counts on its encounter and joins the person's month at that centre.
CREATE TRIGGER `attendees_person_month_insert` AFTER INSERT ON `encounter_attendees` BEGIN
  UPDATE `encounters` SET `named_attendees` = `named_attendees` + 1 WHERE `id` = NEW.`encounter_id`;
  INSERT INTO `person_month_rollup` SELECT `centre_id`, substr(`date`, 1, 7), NEW.`participant_id`, `date`, `date`, 1,
    CASE WHEN `host` > 0 THEN 1 ELSE 0 END
  FROM `encounters` WHERE `id` = NEW.`encounter_id` AND `voided_at` IS NULL
  ON CONFLICT (`centre_id`, `month`, `participant_id`) DO UPDATE SET `first_on` = min(`first_on`, excluded.`first_on`),
    `last_on` = max(`last_on`, excluded.`last_on`), `attendances` = `attendances` + 1,
    `host_attendances` = `host_attendances` + excluded.`host_attendances`;
END;
--> statement-breakpoint
-- A removed attendance: the person's month at that centre is recomputed from their own rows.
CREATE TRIGGER `attendees_person_month_delete` AFTER DELETE ON `encounter_attendees` BEGIN
  UPDATE `encounters` SET `named_attendees` = `named_attendees` - 1 WHERE `id` = OLD.`encounter_id`;
  DELETE FROM `person_month_rollup` WHERE `participant_id` = OLD.`participant_id`
    AND `centre_id` = (SELECT `centre_id` FROM `encounters` WHERE `id` = OLD.`encounter_id`)
    AND `month` = (SELECT substr(`date`, 1, 7) FROM `encounters` WHERE `id` = OLD.`encounter_id`);
  INSERT INTO `person_month_rollup` SELECT e.`centre_id`, substr(e.`date`, 1, 7), ea.`participant_id`, min(e.`date`), max(e.`date`),
    count(*), sum(CASE WHEN e.`host` > 0 THEN 1 ELSE 0 END)
  FROM `encounters` o JOIN `encounter_attendees` ea ON ea.`participant_id` = OLD.`participant_id`
    JOIN `encounters` e ON e.`id` = ea.`encounter_id`
  WHERE o.`id` = OLD.`encounter_id` AND e.`centre_id` = o.`centre_id` AND substr(e.`date`, 1, 7) = substr(o.`date`, 1, 7)
    AND e.`voided_at` IS NULL
  GROUP BY e.`centre_id`, substr(e.`date`, 1, 7), ea.`participant_id`;
END;
--> statement-breakpoint
-- An encounter moved to another centre or month, voided, or its host count changed: the months
-- before and after are recomputed for each of its attendees.
CREATE TRIGGER `encounters_person_month_update` AFTER UPDATE ON `encounters` WHEN
  (OLD.`centre_id` IS NOT NEW.`centre_id` OR OLD.`date` IS NOT NEW.`date` OR OLD.`voided_at` IS NOT NEW.`voided_at`
   OR (OLD.`host` > 0) IS NOT (NEW.`host` > 0)) AND NEW.`named_attendees` > 0 BEGIN
  DELETE FROM `person_month_rollup`
  WHERE `participant_id` IN (SELECT `participant_id` FROM `encounter_attendees` WHERE `encounter_id` = NEW.`id`)
    AND ((`centre_id` = OLD.`centre_id` AND `month` = substr(OLD.`date`, 1, 7))
      OR (`centre_id` = NEW.`centre_id` AND `month` = substr(NEW.`date`, 1, 7)));
  INSERT INTO `person_month_rollup` SELECT e.`centre_id`, substr(e.`date`, 1, 7), ea.`participant_id`, min(e.`date`), max(e.`date`),
    count(*), sum(CASE WHEN e.`host` > 0 THEN 1 ELSE 0 END)
  FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id`
  WHERE ea.`participant_id` IN (SELECT `participant_id` FROM `encounter_attendees` WHERE `encounter_id` = NEW.`id`)
    AND e.`voided_at` IS NULL
    AND ((e.`centre_id` = OLD.`centre_id` AND substr(e.`date`, 1, 7) = substr(OLD.`date`, 1, 7))
      OR (e.`centre_id` = NEW.`centre_id` AND substr(e.`date`, 1, 7) = substr(NEW.`date`, 1, 7)))
  GROUP BY e.`centre_id`, substr(e.`date`, 1, 7), ea.`participant_id`;
END;
--> statement-breakpoint
-- First/last attendance (0013) is recomputed only when the date or the void really changes (a
-- correction writes every column); as on PostgreSQL, where the unconditional version deadlocked.
DROP TRIGGER `encounters_rollup_date`;--> statement-breakpoint
CREATE TRIGGER `encounters_rollup_date` AFTER UPDATE OF `date`, `voided_at` ON `encounters`
WHEN OLD.`date` IS NOT NEW.`date` OR OLD.`voided_at` IS NOT NEW.`voided_at` BEGIN
  UPDATE `participants` SET
    `first_attended_on` = (SELECT min(e.`date`) FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE ea.`participant_id` = `participants`.`id` AND e.`voided_at` IS NULL),
    `last_attended_on` = (SELECT max(e.`date`) FROM `encounter_attendees` ea JOIN `encounters` e ON e.`id` = ea.`encounter_id` WHERE ea.`participant_id` = `participants`.`id` AND e.`voided_at` IS NULL)
  WHERE `id` IN (SELECT `participant_id` FROM `encounter_attendees` WHERE `encounter_id` = NEW.`id`);
END;
