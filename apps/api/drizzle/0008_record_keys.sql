-- Record keys for the cell key method (packages/domain/src/reporting/cellkey.ts): every counted
-- unit gets a fixed random integer in [0, 2^32), generated once and never shown. Participants are
-- the units of every named count; the anonymous headcount units of an encounter derive their keys
-- from the encounter's key. A key of 0 is replaced by a random one on insert, so every path that
-- creates rows (API, seeds, imports) gets a key without knowing about it.
ALTER TABLE `participants` ADD `record_key` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `encounters` ADD `record_key` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `participants` SET `record_key` = random() & 4294967295;--> statement-breakpoint
UPDATE `encounters` SET `record_key` = random() & 4294967295;--> statement-breakpoint
CREATE TRIGGER `participants_record_key` AFTER INSERT ON `participants` WHEN NEW.`record_key` = 0 BEGIN
  UPDATE `participants` SET `record_key` = random() & 4294967295 WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `encounters_record_key` AFTER INSERT ON `encounters` WHEN NEW.`record_key` = 0 BEGIN
  UPDATE `encounters` SET `record_key` = random() & 4294967295 WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
-- Keys are fixed: an update may not change them (a changed key would change published figures).
CREATE TRIGGER `participants_record_key_fixed` BEFORE UPDATE OF `record_key` ON `participants` WHEN OLD.`record_key` <> 0 BEGIN
  SELECT RAISE(ABORT, 'record_key is fixed');
END;
--> statement-breakpoint
CREATE TRIGGER `encounters_record_key_fixed` BEFORE UPDATE OF `record_key` ON `encounters` WHEN OLD.`record_key` <> 0 BEGIN
  SELECT RAISE(ABORT, 'record_key is fixed');
END;
