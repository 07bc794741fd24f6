-- What the SQLite migrations do beyond tables, the PostgreSQL way: record keys (SQLite 0008),
-- first/last attendance (0006, 0013), the append-only, hash-chained audit log (0001, 0011) and
-- its subjects index (0010). Tables, indexes and the counted_encounters view are in 0000.

-- Record keys for the cell key method: a key of 0 becomes a random one in [0, 2^32) on insert,
-- so every path that creates rows gets a key; a key once set never changes.
CREATE FUNCTION record_key_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.record_key = 0 THEN
    NEW.record_key := floor(random() * 4294967296)::bigint;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE FUNCTION record_key_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.record_key <> 0 THEN
    RAISE EXCEPTION 'record_key is fixed' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER participants_record_key BEFORE INSERT ON participants
  FOR EACH ROW EXECUTE FUNCTION record_key_fill();
--> statement-breakpoint
CREATE TRIGGER encounters_record_key BEFORE INSERT ON encounters
  FOR EACH ROW EXECUTE FUNCTION record_key_fill();
--> statement-breakpoint
CREATE TRIGGER participants_record_key_fixed BEFORE UPDATE OF record_key ON participants
  FOR EACH ROW EXECUTE FUNCTION record_key_fixed();
--> statement-breakpoint
CREATE TRIGGER encounters_record_key_fixed BEFORE UPDATE OF record_key ON encounters
  FOR EACH ROW EXECUTE FUNCTION record_key_fixed();
--> statement-breakpoint

-- First and last named attendance per participant, kept true on every path that changes
-- attendance or voids an entry; voided entries count nowhere.
CREATE FUNCTION participant_attendance_recompute(pid integer) RETURNS void LANGUAGE sql AS $$
  UPDATE participants SET
    first_attended_on = (SELECT min(e.date) FROM encounter_attendees ea JOIN encounters e ON e.id = ea.encounter_id
                          WHERE ea.participant_id = pid AND e.voided_at IS NULL),
    last_attended_on = (SELECT max(e.date) FROM encounter_attendees ea JOIN encounters e ON e.id = ea.encounter_id
                         WHERE ea.participant_id = pid AND e.voided_at IS NULL)
  WHERE id = pid;
$$;
--> statement-breakpoint
CREATE FUNCTION attendees_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d text;
BEGIN
  SELECT date INTO d FROM encounters WHERE id = NEW.encounter_id AND voided_at IS NULL;
  IF d IS NOT NULL THEN
    UPDATE participants SET
      first_attended_on = least(coalesce(first_attended_on, '9999-12-31'), d),
      last_attended_on = greatest(coalesce(last_attended_on, ''), d)
    WHERE id = NEW.participant_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION attendees_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM participant_attendance_recompute(OLD.participant_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION encounters_rollup_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM participant_attendance_recompute(ea.participant_id)
    FROM encounter_attendees ea WHERE ea.encounter_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attendees_rollup_insert AFTER INSERT ON encounter_attendees
  FOR EACH ROW EXECUTE FUNCTION attendees_rollup_insert();
--> statement-breakpoint
CREATE TRIGGER attendees_rollup_delete AFTER DELETE ON encounter_attendees
  FOR EACH ROW EXECUTE FUNCTION attendees_rollup_delete();
--> statement-breakpoint
CREATE TRIGGER encounters_rollup_date AFTER UPDATE OF date, voided_at ON encounters
  FOR EACH ROW EXECUTE FUNCTION encounters_rollup_date();
--> statement-breakpoint

-- The audit log is append-only: no UPDATE, DELETE or TRUNCATE (TRUNCATE fires no row
-- trigger, so it gets its own). The application role should also lack the privileges
-- (REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_subjects FROM <app role>).
CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();
--> statement-breakpoint

-- The chain's head, which SQLite keeps in sqlite_sequence: the verifier compares it with the
-- last row, so rows cut off the end of a copy show. Written only by the insert trigger below.
CREATE TABLE audit_log_head (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  id integer NOT NULL,
  hash text NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION audit_log_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id + 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log_head only moves forward with the log' USING ERRCODE = 'integrity_constraint_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_head_forward BEFORE UPDATE OR DELETE ON audit_log_head
  FOR EACH ROW EXECUTE FUNCTION audit_log_head_forward();
--> statement-breakpoint
CREATE TRIGGER audit_log_head_no_truncate BEFORE TRUNCATE ON audit_log_head
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();
--> statement-breakpoint

-- Appends only, in order, chained: the writer names the next id and the previous row's hash
-- (computed by src/db/audit-chain.ts). Concurrent writers serialise on the primary key: the
-- second one to name the same id fails instead of forking the chain.
CREATE FUNCTION audit_log_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last audit_log%ROWTYPE;
BEGIN
  SELECT * INTO last FROM audit_log ORDER BY id DESC LIMIT 1;
  IF NEW.id IS DISTINCT FROM coalesce(last.id, 0) + 1 THEN
    RAISE EXCEPTION 'audit_log: id must be the next id' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.at IS NULL OR NEW.at < last.at THEN
    RAISE EXCEPTION 'audit_log: row dated before the last row' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.hash IS NULL OR NEW.prev_hash IS DISTINCT FROM last.hash THEN
    RAISE EXCEPTION 'audit_log: row not chained to the last row' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append();
--> statement-breakpoint
CREATE FUNCTION audit_log_head_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_log_head (one, id, hash) VALUES (true, NEW.id, NEW.hash)
    ON CONFLICT (one) DO UPDATE SET id = EXCLUDED.id, hash = EXCLUDED.hash;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_head AFTER INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_head_move();
--> statement-breakpoint
-- Lookup index derived from audit_log.subjects (no foreign key: the log outlives the people
-- it names). Append-only like the log.
CREATE FUNCTION audit_log_subjects_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_subjects (audit_id, participant_id)
    SELECT NEW.id, value::integer FROM jsonb_array_elements_text(NEW.subjects)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_subjects_index AFTER INSERT ON audit_log
  FOR EACH ROW WHEN (NEW.subjects IS NOT NULL) EXECUTE FUNCTION audit_log_subjects_index();
--> statement-breakpoint
CREATE TRIGGER audit_subjects_no_update BEFORE UPDATE ON audit_subjects
  FOR EACH ROW EXECUTE FUNCTION append_only();
--> statement-breakpoint
CREATE TRIGGER audit_subjects_no_delete BEFORE DELETE ON audit_subjects
  FOR EACH ROW EXECUTE FUNCTION append_only();
--> statement-breakpoint
CREATE TRIGGER audit_subjects_no_truncate BEFORE TRUNCATE ON audit_subjects
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();
