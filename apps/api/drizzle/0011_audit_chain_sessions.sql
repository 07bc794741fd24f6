-- Tamper-evident audit log: each row carries the previous row's hash and its own (SHA-256
-- over the canonical content, computed by the app: src/db/audit-chain.ts).
ALTER TABLE `audit_log` ADD `prev_hash` text;
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;
--> statement-breakpoint
-- Sealed rows never change. A row written before the chain existed has no hash yet and may
-- be sealed exactly once (hash NULL → value, same id), which runMigrations does at start-up.
DROP TRIGGER IF EXISTS `audit_log_no_update`;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL OR NEW.id IS NOT OLD.id
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- Appends only, in order, chained. A BEFORE INSERT trigger fires before conflict resolution,
-- so INSERT OR REPLACE / REPLACE / upsert on an existing id are refused here (REPLACE would
-- otherwise delete the old row without firing the DELETE trigger). An id left to SQLite shows
-- as -1 in a BEFORE trigger, so the writer must name the next id explicitly.
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log: id must be the next id')
    WHERE NEW.id IS NOT coalesce((SELECT max(id) FROM audit_log), 0) + 1;
  SELECT RAISE(ABORT, 'audit_log: row dated before the last row')
    WHERE NEW.at IS NULL OR NEW.at < (SELECT at FROM audit_log ORDER BY id DESC LIMIT 1);
  SELECT RAISE(ABORT, 'audit_log: row not chained to the last row')
    WHERE NEW.hash IS NULL
       OR NEW.prev_hash IS NOT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1);
END;
--> statement-breakpoint
-- Failed sign-ins are counted per account+address, per address and per account.
CREATE INDEX `audit_login_failed_email_idx` ON `audit_log` (`actor_email`,`at`) WHERE action = 'login_failed';
--> statement-breakpoint
CREATE INDEX `audit_login_failed_ip_idx` ON `audit_log` (`ip`,`at`) WHERE action = 'login_failed';
--> statement-breakpoint
-- Idle timeout: the session's last request (written at most once a minute).
ALTER TABLE `sessions` ADD `last_seen_at` text;
