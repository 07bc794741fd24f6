import type Database from 'better-sqlite3';

/**
 * The report rollups (SQLite migration 0019, drizzle-pg/0009_rollups.sql) as the raw rows say
 * they should be: the same SELECTs the migrations used to fill them, valid on both engines.
 * Plain strings, so that db:copy can run them on its own PostgreSQL client.
 */
export const ROLLUP_DAY_ROWS = `select centre_id, date, activity_id, count(*) as encounters,
    sum(duration_minutes) as minutes, sum(newcomers) as newcomers,
    coalesce(sum((newcomers * record_key + 2654435769 * (newcomers * (newcomers - 1) / 2)) % 4294967296), 0) % 4294967296 as anonymous_key,
    sum(case when host > 0 and (newcomers > 0 or exists (
      select 1 from encounter_attendees mx where mx.encounter_id = e.id)) then 1 else 0 end) as mixed
  from encounters e where voided_at is null group by centre_id, date, activity_id`;

export const ROLLUP_PERSON_MONTH_ROWS = `select e.centre_id, substr(e.date, 1, 7) as month, ea.participant_id,
    min(e.date) as first_on, max(e.date) as last_on, count(*) as attendances,
    sum(case when e.host > 0 then 1 else 0 end) as host_attendances
  from encounter_attendees ea join encounters e on e.id = ea.encounter_id where e.voided_at is null
  group by e.centre_id, substr(e.date, 1, 7), ea.participant_id`;

/** Day rows whose every figure is zero (left behind by voids and moves) count as absent. */
const STORED_DAY_ROWS = `select centre_id, date, activity_id, encounters, minutes, newcomers,
    anonymous_key, mixed from encounter_day_rollup
  where not (encounters = 0 and minutes = 0 and newcomers = 0 and anonymous_key = 0 and mixed = 0)`;

const STORED_PERSON_MONTH_ROWS = `select centre_id, month, participant_id, first_on, last_on,
    attendances, host_attendances from person_month_rollup`;

const difference = (a: string, b: string) =>
  `(select count(*) from (${a} except ${b}) x) + (select count(*) from (${b} except ${a}) y)`;

/**
 * One row: rows that differ between stored and recomputed (a changed row counts twice), and
 * encounters whose named-attendee count differs from their attendee rows.
 */
export const ROLLUP_DRIFT = `select
  ${difference(STORED_DAY_ROWS, ROLLUP_DAY_ROWS)} as "encounterDays",
  ${difference(STORED_PERSON_MONTH_ROWS, ROLLUP_PERSON_MONTH_ROWS)} as "personMonths",
  (select count(*) from encounters e where named_attendees <>
    (select count(*) from encounter_attendees ea where ea.encounter_id = e.id)) as "namedAttendees"`;

/** Replaces both rollups and the named-attendee counts with a full recomputation. */
export const ROLLUP_REBUILD = [
  `update encounters set named_attendees = (
     select count(*) from encounter_attendees ea where ea.encounter_id = encounters.id)
   where named_attendees <> (select count(*) from encounter_attendees ea where ea.encounter_id = encounters.id)`,
  'delete from encounter_day_rollup',
  'delete from person_month_rollup',
  `insert into encounter_day_rollup ${ROLLUP_DAY_ROWS}`,
  `insert into person_month_rollup ${ROLLUP_PERSON_MONTH_ROWS}`,
];

/** The triggers that keep the rollups (db:copy fills the tables in one pass instead). */
export const ROLLUP_TRIGGERS: readonly [table: string, trigger: string][] = [
  ['encounters', 'encounters_day_rollup_insert'],
  ['encounters', 'encounters_day_rollup_update'],
  ['encounters', 'encounters_day_rollup_delete'],
  ['encounters', 'encounters_person_month_update'],
  ['encounter_attendees', 'attendees_person_month_insert'],
  ['encounter_attendees', 'attendees_person_month_delete'],
];
export const ROLLUP_TABLES = new Set(['encounter_day_rollup', 'person_month_rollup']);

/**
 * Bulk load into a SQLite database (the benchmark generator): the rollup triggers are dropped
 * for the load and the rollups rebuilt in one pass afterwards, all in one transaction. SQLite
 * cannot disable a trigger, so each is re-created from its own stored SQL.
 */
export function bulkLoadSqlite(sqlite: Database.Database, load: () => void) {
  const names = ROLLUP_TRIGGERS.map(([, name]) => name);
  const saved = sqlite
    .prepare(
      `select name, sql from sqlite_master where type = 'trigger' and name in (${names.map(() => '?').join(', ')})`,
    )
    .all(...names) as { name: string; sql: string }[];
  if (saved.length !== names.length) throw new Error('rollup triggers missing: migrate first');
  sqlite.transaction(() => {
    for (const t of saved) sqlite.exec(`drop trigger "${t.name}"`);
    load();
    for (const statement of ROLLUP_REBUILD) sqlite.exec(statement);
    for (const t of saved) sqlite.exec(t.sql);
  })();
}
