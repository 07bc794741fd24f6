-- Rollups for the dashboard, the staffing view and the council report (issue 15 part 5), as
-- SQLite migration 0019: same tables, columns and trigger names. Kept in the write transaction
-- by triggers. Concurrent writers: every trigger first takes a transaction-scoped advisory lock
-- on the centre whose rollup rows it changes, so writers of one centre's rollups take turns
-- (one lock order: centre, then rollup rows and participants; no deadlock between an entry and
-- a correction of the same people), and a person's month recomputed after the lock sees every
-- committed attendance. Day rows change only by INSERT … ON CONFLICT DO UPDATE deltas.
ALTER TABLE "encounters" ADD COLUMN "named_attendees" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE "encounters" SET "named_attendees" = (SELECT count(*) FROM "encounter_attendees" ea WHERE ea."encounter_id" = "encounters"."id");
--> statement-breakpoint
CREATE OR REPLACE VIEW "public"."counted_encounters" AS (select "id", "centre_id", "activity_id", "group_id", "date", "start_time", "duration_minutes", "newcomers", "host", "volunteers", "other", "record_key", "author_id", "client_request_id", "voided_at", "voided_by_id", "void_reason", "created_at", "updated_at", "named_attendees" from "encounters" where "encounters"."voided_at" IS NULL);
--> statement-breakpoint
CREATE TABLE "encounter_day_rollup" (
	"centre_id" integer NOT NULL,
	"date" text NOT NULL,
	"activity_id" integer NOT NULL,
	"encounters" integer NOT NULL,
	"minutes" integer NOT NULL,
	"newcomers" integer NOT NULL,
	"anonymous_key" bigint NOT NULL,
	"mixed" integer NOT NULL,
	CONSTRAINT "encounter_day_rollup_centre_id_date_activity_id_pk" PRIMARY KEY("centre_id","date","activity_id")
);
--> statement-breakpoint
CREATE TABLE "person_month_rollup" (
	"centre_id" integer NOT NULL,
	"month" text NOT NULL,
	"participant_id" integer NOT NULL,
	"first_on" text NOT NULL,
	"last_on" text NOT NULL,
	"attendances" integer NOT NULL,
	"host_attendances" integer NOT NULL,
	CONSTRAINT "person_month_rollup_centre_id_month_participant_id_pk" PRIMARY KEY("centre_id","month","participant_id")
);
--> statement-breakpoint
CREATE INDEX "person_month_rollup_participant_idx" ON "person_month_rollup" USING btree ("participant_id");
--> statement-breakpoint
CREATE INDEX "person_month_rollup_month_idx" ON "person_month_rollup" USING btree ("month","participant_id","centre_id","first_on","last_on");
--> statement-breakpoint
INSERT INTO encounter_day_rollup SELECT centre_id, date, activity_id, count(*), sum(duration_minutes), sum(newcomers),
  coalesce(sum((newcomers * record_key + 2654435769 * (newcomers * (newcomers - 1) / 2)) % 4294967296), 0) % 4294967296,
  sum(CASE WHEN host > 0 AND (newcomers > 0 OR named_attendees > 0) THEN 1 ELSE 0 END)
  FROM encounters WHERE voided_at IS NULL GROUP BY centre_id, date, activity_id;
--> statement-breakpoint
INSERT INTO person_month_rollup SELECT e.centre_id, substr(e.date, 1, 7), ea.participant_id, min(e.date), max(e.date), count(*),
  sum(CASE WHEN e.host > 0 THEN 1 ELSE 0 END)
  FROM encounter_attendees ea JOIN encounters e ON e.id = ea.encounter_id WHERE e.voided_at IS NULL
  GROUP BY e.centre_id, substr(e.date, 1, 7), ea.participant_id;
--> statement-breakpoint
-- Writers of one centre's rollup rows take turns (held to the end of the transaction).
CREATE FUNCTION rollup_lock(c integer) RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(hashtext('begegnung_rollups'), c);
$$;
--> statement-breakpoint
-- An encounter's share (sign +1 or -1) of its day row.
CREATE FUNCTION encounter_day_add(r encounters, sign integer) RETURNS void LANGUAGE sql AS $$
  SELECT rollup_lock(r.centre_id);
  INSERT INTO encounter_day_rollup AS t VALUES (r.centre_id, r.date, r.activity_id, sign, sign * r.duration_minutes,
    sign * r.newcomers,
    (4294967296 + sign * ((r.newcomers * r.record_key + 2654435769 * (r.newcomers * (r.newcomers - 1) / 2)) % 4294967296)) % 4294967296,
    sign * (CASE WHEN r.host > 0 AND (r.newcomers > 0 OR r.named_attendees > 0) THEN 1 ELSE 0 END))
  ON CONFLICT (centre_id, date, activity_id) DO UPDATE SET encounters = t.encounters + excluded.encounters,
    minutes = t.minutes + excluded.minutes, newcomers = t.newcomers + excluded.newcomers,
    anonymous_key = (t.anonymous_key + excluded.anonymous_key) % 4294967296, mixed = t.mixed + excluded.mixed;
$$;
--> statement-breakpoint
-- A person's month at a centre, recomputed from their own attendance under the centre's lock.
CREATE FUNCTION person_month_refresh(c integer, m text, p integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  f text; l text; n integer; h integer;
BEGIN
  IF c IS NULL OR m IS NULL THEN RETURN; END IF;
  PERFORM rollup_lock(c);
  SELECT min(e.date), max(e.date), count(*), coalesce(sum(CASE WHEN e.host > 0 THEN 1 ELSE 0 END), 0)
    INTO f, l, n, h
    FROM encounter_attendees ea JOIN encounters e ON e.id = ea.encounter_id
    WHERE ea.participant_id = p AND e.centre_id = c AND substr(e.date, 1, 7) = m AND e.voided_at IS NULL;
  IF n = 0 THEN
    DELETE FROM person_month_rollup WHERE centre_id = c AND month = m AND participant_id = p;
  ELSE
    INSERT INTO person_month_rollup VALUES (c, m, p, f, l, n, h)
    ON CONFLICT (centre_id, month, participant_id) DO UPDATE SET first_on = excluded.first_on,
      last_on = excluded.last_on, attendances = excluded.attendances, host_attendances = excluded.host_attendances;
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION encounters_day_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM encounter_day_add(NEW, 1);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION encounters_day_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.voided_at IS NULL THEN PERFORM encounter_day_add(OLD, -1); END IF;
  IF NEW.voided_at IS NULL THEN PERFORM encounter_day_add(NEW, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION encounters_day_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM encounter_day_add(OLD, -1);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Statement level: one pass over the statement's new attendance (a logged entry's attendees,
-- or a bulk load's batch) merges it into the person-months and the encounters' named counts.
CREATE FUNCTION attendees_person_month_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rollup_lock(c) FROM (SELECT DISTINCT e.centre_id AS c FROM new_rows n
    JOIN encounters e ON e.id = n.encounter_id ORDER BY 1) x;
  UPDATE encounters e SET named_attendees = e.named_attendees + n.k
    FROM (SELECT encounter_id, count(*) AS k FROM new_rows GROUP BY encounter_id) n
    WHERE e.id = n.encounter_id;
  INSERT INTO person_month_rollup AS t
    SELECT e.centre_id, substr(e.date, 1, 7), n.participant_id, min(e.date), max(e.date), count(*),
      sum(CASE WHEN e.host > 0 THEN 1 ELSE 0 END)
    FROM new_rows n JOIN encounters e ON e.id = n.encounter_id WHERE e.voided_at IS NULL
    GROUP BY e.centre_id, substr(e.date, 1, 7), n.participant_id
  ON CONFLICT (centre_id, month, participant_id) DO UPDATE SET
    first_on = least(t.first_on, excluded.first_on), last_on = greatest(t.last_on, excluded.last_on),
    attendances = t.attendances + excluded.attendances,
    host_attendances = t.host_attendances + excluded.host_attendances;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- First/last attendance (0001), per row, now takes the centre's lock before the participant's
-- row: row triggers run before the statement trigger above, and every writer must take the
-- centre's lock first.
CREATE OR REPLACE FUNCTION attendees_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d text;
  c integer;
BEGIN
  SELECT date, centre_id INTO d, c FROM encounters WHERE id = NEW.encounter_id AND voided_at IS NULL;
  IF d IS NOT NULL THEN
    PERFORM rollup_lock(c);
    UPDATE participants SET
      first_attended_on = least(coalesce(first_attended_on, '9999-12-31'), d),
      last_attended_on = greatest(coalesce(last_attended_on, ''), d)
    WHERE id = NEW.participant_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION attendees_person_month_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE encounters SET named_attendees = named_attendees - 1 WHERE id = OLD.encounter_id;
  PERFORM person_month_refresh(e.centre_id, substr(e.date, 1, 7), OLD.participant_id)
    FROM encounters e WHERE e.id = OLD.encounter_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION encounters_person_month_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM person_month_refresh(OLD.centre_id, substr(OLD.date, 1, 7), ea.participant_id)
    FROM encounter_attendees ea WHERE ea.encounter_id = NEW.id;
  PERFORM person_month_refresh(NEW.centre_id, substr(NEW.date, 1, 7), ea.participant_id)
    FROM encounter_attendees ea WHERE ea.encounter_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER encounters_day_rollup_insert AFTER INSERT ON encounters
  FOR EACH ROW WHEN (NEW.voided_at IS NULL) EXECUTE FUNCTION encounters_day_rollup_insert();
--> statement-breakpoint
CREATE TRIGGER encounters_day_rollup_update AFTER UPDATE ON encounters FOR EACH ROW WHEN (
  OLD.centre_id IS DISTINCT FROM NEW.centre_id OR OLD.date IS DISTINCT FROM NEW.date
  OR OLD.activity_id IS DISTINCT FROM NEW.activity_id OR OLD.duration_minutes IS DISTINCT FROM NEW.duration_minutes
  OR OLD.newcomers IS DISTINCT FROM NEW.newcomers OR OLD.host IS DISTINCT FROM NEW.host
  OR OLD.voided_at IS DISTINCT FROM NEW.voided_at OR OLD.record_key IS DISTINCT FROM NEW.record_key
  OR (OLD.named_attendees > 0) IS DISTINCT FROM (NEW.named_attendees > 0))
  EXECUTE FUNCTION encounters_day_rollup_update();
--> statement-breakpoint
CREATE TRIGGER encounters_day_rollup_delete AFTER DELETE ON encounters
  FOR EACH ROW WHEN (OLD.voided_at IS NULL) EXECUTE FUNCTION encounters_day_rollup_delete();
--> statement-breakpoint
CREATE TRIGGER attendees_person_month_insert AFTER INSERT ON encounter_attendees
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION attendees_person_month_insert();
--> statement-breakpoint
CREATE TRIGGER attendees_person_month_delete AFTER DELETE ON encounter_attendees
  FOR EACH ROW EXECUTE FUNCTION attendees_person_month_delete();
--> statement-breakpoint
CREATE TRIGGER encounters_person_month_update AFTER UPDATE ON encounters FOR EACH ROW WHEN (
  (OLD.centre_id IS DISTINCT FROM NEW.centre_id OR OLD.date IS DISTINCT FROM NEW.date
   OR OLD.voided_at IS DISTINCT FROM NEW.voided_at OR (OLD.host > 0) IS DISTINCT FROM (NEW.host > 0))
  AND NEW.named_attendees > 0)
  EXECUTE FUNCTION encounters_person_month_update();
--> statement-breakpoint
-- First/last attendance (0001) is recomputed only when the date or the void really changes. A
-- correction writes every column, and without this condition each correction recomputed the
-- attendees' participant rows before any rollup trigger had taken the centre's lock. An entry
-- logged at the same time for the same people took the locks in the other order: a deadlock
-- (test/rollups.test.ts, two instances).
DROP TRIGGER encounters_rollup_date ON encounters;
--> statement-breakpoint
CREATE TRIGGER encounters_rollup_date AFTER UPDATE OF date, voided_at ON encounters FOR EACH ROW
  WHEN (OLD.date IS DISTINCT FROM NEW.date OR OLD.voided_at IS DISTINCT FROM NEW.voided_at)
  EXECUTE FUNCTION encounters_rollup_date();
