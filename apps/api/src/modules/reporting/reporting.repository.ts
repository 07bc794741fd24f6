import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { flag, greatest, jsonTextArray, plusDays } from '../../db/engine.ts';
import { rawAll } from '../../db/raw.ts';

/**
 * Aggregate queries for the dashboard, the out-of-view list and the council report. Encounter
 * figures read the day rollup (`encounter_day_rollup`: centre, day, activity), people figures
 * the person-month rollup (`person_month_rollup`), both kept by triggers in the write
 * transaction (migration 0019, drizzle-pg 0009; `npm run db:rollups` checks and rebuilds).
 * The raw attendance is read only where a rollup cannot answer exactly: a period that starts
 * and ends inside one month, and the partial months at the edges of the mixed-contact window.
 * Every query aggregates in SQL; nothing loops per row in JavaScript. `centreIds` is never
 * empty (the service resolves the scope first).
 */
const ids = (centreIds: readonly number[]) =>
  sql.join(
    centreIds.map((id) => sql`${id}`),
    sql`, `,
  );

/** Sum of record keys modulo 2^32 (SQLite integers are 64-bit: exact for 2^31 rows). */
const keySum = (expr: SQL) => sql`(coalesce(sum(${expr}), 0) % 4294967296)`;

/** Day rows of the scope and period (the rollup's primary key is centre, date, activity). */
const days = (centreIds: readonly number[], p: Period) => sql`encounter_day_rollup
    where centre_id in (${ids(centreIds)}) and date >= ${p.from} and date <= ${p.to}`;

export interface Period {
  from: string;
  to: string;
}

export interface EncounterTotals {
  centreId: number;
  encounters: number;
  minutes: number;
  anonymousNewcomers: number;
  /** Key sum of the anonymous headcount units (cell key method). */
  anonymousKey: number;
  mixed: number;
}

export const encounterTotals = async (db: Db, centreIds: readonly number[], p: Period) =>
  rawAll(db)<EncounterTotals>(sql`
    select centre_id as "centreId", sum(encounters) as encounters, sum(minutes) as minutes,
           sum(newcomers) as "anonymousNewcomers", ${keySum(sql`anonymous_key`)} as "anonymousKey",
           sum(mixed) as mixed
    from ${days(centreIds, p)}
    group by centre_id having sum(encounters) > 0`);

export const encountersByActivity = async (db: Db, centreIds: readonly number[], p: Period) =>
  rawAll(db)<{
    key: string | null;
    name: string;
    encounters: number;
    minutes: number;
    mixed: number;
  }>(sql`
    select a.key as key, a.name as name, x.encounters, x.minutes, x.mixed
    from (
      select activity_id, sum(encounters) as encounters, sum(minutes) as minutes, sum(mixed) as mixed
      from ${days(centreIds, p)}
      group by activity_id having sum(encounters) > 0
    ) x join activities a on a.id = x.activity_id
    order by x.encounters desc, a.id`);

export const encountersByMonth = async (db: Db, centreIds: readonly number[], p: Period) =>
  rawAll(db)<{ month: string; encounters: number; minutes: number; mixed: number }>(sql`
    select substr(date, 1, 7) as month, sum(encounters) as encounters, sum(minutes) as minutes,
           sum(mixed) as mixed
    from ${days(centreIds, p)}
    group by substr(date, 1, 7) having sum(encounters) > 0 order by month`);

const monthOf = (date: string) => date.slice(0, 7);
const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/**
 * Whether the person-month rollup answers "seen in the period" exactly: a person-month row
 * at the period's first month counts when its last day seen is on or after the start, at its
 * last month when its first day seen is on or before the end. Only a period starting and
 * ending inside the same month, cutting it at both ends, needs the raw attendance.
 */
const rollupAnswers = (p: Period) =>
  monthOf(p.from) !== monthOf(p.to) ||
  p.from.endsWith('-01') ||
  p.to === lastDayOfMonth(monthOf(p.to));

/**
 * Named newcomers seen in the period: one row per (centre, month, person), with the person's
 * first attendance ever (`participants.first_attended_on`, kept by triggers). "New" means that
 * first attendance lies in the period.
 */
const seen = (centreIds: readonly number[], p: Period) =>
  rollupAnswers(p)
    ? sql`
  with seen as (
    select centre_id as "centreId", month, participant_id as pid
    from person_month_rollup
    where centre_id in (${ids(centreIds)}) and month >= ${monthOf(p.from)} and month <= ${monthOf(p.to)}
      and (month <> ${monthOf(p.from)} or last_on >= ${p.from})
      and (month <> ${monthOf(p.to)} or first_on <= ${p.to})
  )`
    : sql`
  with seen as (
    select e.centre_id as "centreId", substr(e.date, 1, 7) as month, ea.participant_id as pid
    from counted_encounters e join encounter_attendees ea on ea.encounter_id = e.id
    where e.centre_id in (${ids(centreIds)}) and e.date >= ${p.from} and e.date <= ${p.to}
    group by e.centre_id, substr(e.date, 1, 7), ea.participant_id
  )`;

export interface PeopleRow {
  key: string;
  reached: number;
  newcomers: number;
  /** Key sums (cell key method) of the people reached and of the new ones. */
  reachedKey: number;
  newKey: number;
}

/**
 * People reached and new people per centre and per month, with the key sums of the same people
 * for the cell key method. The `seen` rows are grouped by (centre, person) and by (month,
 * person) first; only then is each distinct person joined for first attendance and key.
 */
export async function peopleByCentreAndMonth(db: Db, centreIds: readonly number[], p: Period) {
  const rows = await rawAll(db)<PeopleRow & { kind: 'centre' | 'month' }>(sql`
    ${seen(centreIds, p)},
    pc as (select "centreId", pid from seen group by "centreId", pid),
    pm as (select month, pid from seen group by month, pid)
    select 'centre' as kind, cast(pc."centreId" as text) as key, count(*) as reached,
           sum(${flag(sql`f.first_attended_on >= ${p.from}`)}) as newcomers,
           ${keySum(sql`f.record_key`)} as "reachedKey",
           ${keySum(sql`case when f.first_attended_on >= ${p.from} then f.record_key end`)} as "newKey"
    from pc join participants f on f.id = pc.pid group by pc."centreId"
    union all
    select 'month' as kind, pm.month as key, count(*) as reached,
           sum(${flag(sql`f.first_attended_on >= ${p.from} and substr(f.first_attended_on, 1, 7) = pm.month`)}) as newcomers,
           ${keySum(sql`f.record_key`)} as "reachedKey",
           ${keySum(sql`case when f.first_attended_on >= ${p.from} and substr(f.first_attended_on, 1, 7) = pm.month then f.record_key end`)} as "newKey"
    from pm join participants f on f.id = pm.pid group by pm.month
    order by kind, key`);
  const pick = (r: PeopleRow) => ({
    reached: r.reached,
    newcomers: r.newcomers,
    reachedKey: r.reachedKey,
    newKey: r.newKey,
  });
  return {
    byCentre: rows
      .filter((r) => r.kind === 'centre')
      .map((r) => ({ centreId: Number(r.key), ...pick(r) })),
    byMonth: rows.filter((r) => r.kind === 'month').map((r) => ({ month: r.key, ...pick(r) })),
  };
}

export const peopleByCentre = async (db: Db, centreIds: readonly number[], p: Period) =>
  rawAll(db)<{ centreId: number; reached: number; reachedKey: number }>(sql`
    ${seen(centreIds, p)}
    select "centreId", count(*) as reached, ${keySum(sql`k`)} as "reachedKey" from (
      select s."centreId" as "centreId", s.pid, min(f.record_key) as k
      from seen s join participants f on f.id = s.pid
      group by s."centreId", s.pid
    ) x group by "centreId"`);

/**
 * Per centre and number of mixed encounters attended in the window: how many people. The person
 * is a named newcomer at each of these encounters, so host > 0 is the whole rule here. Whole
 * months inside the window come from the person-month rollup (`host_attendances`), the partial
 * months at its edges from the raw attendance.
 */
export async function mixedPerPerson(db: Db, centreIds: readonly number[], p: Period) {
  const first = monthOf(p.from);
  const last = monthOf(p.to);
  const attendance =
    first === last
      ? sql`select e.centre_id as "centreId", ea.participant_id as pid, ${flag(sql`e.host > 0`)} as h
          from counted_encounters e join encounter_attendees ea on ea.encounter_id = e.id
          where e.centre_id in (${ids(centreIds)}) and e.date >= ${p.from} and e.date <= ${p.to}`
      : sql`select centre_id as "centreId", participant_id as pid, host_attendances as h
          from person_month_rollup
          where centre_id in (${ids(centreIds)}) and month > ${first} and month < ${last}
        union all
        select e.centre_id, ea.participant_id, ${flag(sql`e.host > 0`)}
          from counted_encounters e join encounter_attendees ea on ea.encounter_id = e.id
          where e.centre_id in (${ids(centreIds)})
            and ((e.date >= ${p.from} and e.date <= ${lastDayOfMonth(first)})
              or (e.date >= ${`${last}-01`} and e.date <= ${p.to}))`;
  return rawAll(db)<{ centreId: number; mixed: number; people: number; key: number }>(sql`
    select x."centreId" as "centreId", x.mixed, count(*) as people, ${keySum(sql`f.record_key`)} as key from (
      select "centreId", pid, sum(h) as mixed from (${attendance}) a group by "centreId", pid
    ) x join participants f on f.id = x.pid
    group by x."centreId", x.mixed`);
}

export interface OutOfViewRow {
  participantId: number;
  code: string;
  alias: string | null;
  centreId: number;
  centreCode: string;
  movedInAt: string;
  lastContactOn: string | null;
  openTaskId: number | null;
  /** Cell key method only; never leaves the reporting service. */
  recordKey: number;
}

/**
 * Moved into their own flat on or after `movedSince` and neither seen at an encounter nor
 * reached by an outreach attempt since `notSeenSince` (counting from the move when that is
 * later). People whose outreach ended with "moved away" after their last contact drop out.
 */
export async function outOfView(
  db: Db,
  centreIds: readonly number[],
  movedSince: string,
  notSeenSince: string,
): Promise<OutOfViewRow[]> {
  const lastSeen = greatest(sql`coalesce("lastContactOn", '')`, sql`"movedInAt"`);
  return rawAll(db)<OutOfViewRow>(sql`
    select * from (
      select p.id as "participantId", p.code as code, p.alias as alias, p.centre_id as "centreId",
             c.code as "centreCode", p.moved_in_at as "movedInAt", p.record_key as "recordKey",
             nullif(${greatest(
               sql`coalesce(p.last_attended_on, '')`,
               sql`coalesce((select max(a.attempted_on) from follow_ups f
                         join follow_up_attempts a on a.follow_up_id = f.id
                         where f.participant_id = p.id and a.outcome in ('reached', 're_engaged')), '')`,
             )}, '') as "lastContactOn",
             (select max(f.closed_on) from follow_ups f
              where f.participant_id = p.id and f.outcome = 'moved_away') as "movedAwayOn",
             (select max(f.id) from follow_ups f
              where f.participant_id = p.id and f.status = 'open') as "openTaskId"
      from participants p join centres c on c.id = p.centre_id
      where p.centre_id in (${ids(centreIds)}) and p.moved_in_at >= ${movedSince}
    ) o
    where ${lastSeen} < ${notSeenSince}
      and ("movedAwayOn" is null or "movedAwayOn" < ${lastSeen})
    order by "lastContactOn" is not null, "lastContactOn", "movedInAt", "participantId"`);
}

export async function openTasks(db: Db, taskIds: readonly number[]) {
  if (taskIds.length === 0) return [];
  return rawAll(db)<{
    id: number;
    assigneeId: number;
    assigneeName: string;
    dueOn: string;
    attempts: number;
  }>(sql`
    select f.id as id, f.assignee_id as "assigneeId", u.display_name as "assigneeName",
           f.due_on as "dueOn", (select count(*) from follow_up_attempts a where a.follow_up_id = f.id) as attempts
    from follow_ups f join users u on u.id = f.assignee_id
    where f.id in (${sql.join(
      taskIds.map((id) => sql`${id}`),
      sql`, `,
    )})`);
}

/**
 * Key of an outreach task as a counted unit: derived from its person's record key and the
 * task id, so two tasks of one person are two units with different keys.
 */
const taskKey = sql`((pa.record_key + f.id * 2654435769) % 4294967296)`;

/** Outreach tasks with at least one attempt in the period, by the participant's centre. */
export const contactedByCentre = async (db: Db, centreIds: readonly number[], p: Period) =>
  rawAll(db)<{ centreId: number; tasks: number; key: number }>(sql`
    select "centreId", count(*) as tasks, ${keySum(sql`k`)} as key from (
      select distinct pa.centre_id as "centreId", f.id as fid, ${taskKey} as k
      from follow_up_attempts a join follow_ups f on f.id = a.follow_up_id
      join participants pa on pa.id = f.participant_id
      where pa.centre_id in (${ids(centreIds)}) and a.attempted_on >= ${p.from} and a.attempted_on <= ${p.to}
      union all
      select r.centre_id, -r.id, r.task_key from outreach_residue r
      where r.centre_id in (${ids(centreIds)}) and exists (
        select 1 from ${jsonTextArray(sql`r.attempts_json`)} j where j.value >= ${p.from} and j.value <= ${p.to})
    ) x group by "centreId"`);

/**
 * Outreach tasks closed in the period by centre and outcome, with how many of the re-engaged
 * were verified: the person attended a (not voided) encounter between the task's opening and
 * `withinDays` after closing. Erased people's tasks count from `outreach_residue` with the key
 * their task had, so retention changes no past figure. Each count comes with its key sum.
 */
export const closedByCentre = (
  db: Db,
  centreIds: readonly number[],
  p: Period,
  withinDays: number,
) =>
  rawAll(db)<{
    centreId: number;
    outcome: string;
    tasks: number;
    key: number;
    verified: number;
    verifiedKey: number;
  }>(sql`
    select "centreId", outcome, count(*) as tasks, ${keySum(sql`k`)} as key,
           coalesce(sum(${flag(sql`verified`)}), 0) as verified,
           ${keySum(sql`case when verified then k end`)} as "verifiedKey" from (
      select pa.centre_id as "centreId", f.outcome as outcome, ${taskKey} as k,
             (f.outcome = 're_engaged' and exists (
               select 1 from encounter_attendees ea join counted_encounters e on e.id = ea.encounter_id
               where ea.participant_id = f.participant_id
                 and e.date >= substr(f.created_at, 1, 10)
                 and e.date <= ${plusDays(sql`f.closed_on`, withinDays)})) as verified
      from follow_ups f join participants pa on pa.id = f.participant_id
      where pa.centre_id in (${ids(centreIds)}) and f.status = 'closed'
        and f.closed_on >= ${p.from} and f.closed_on <= ${p.to}
      union all
      select r.centre_id, r.outcome, r.task_key,
             (r.outcome = 're_engaged' and r.seen_on is not null
              and r.seen_on <= ${plusDays(sql`r.closed_on`, withinDays)})
      from outreach_residue r
      where r.centre_id in (${ids(centreIds)}) and r.closed_on is not null
        and r.closed_on >= ${p.from} and r.closed_on <= ${p.to}
    ) x group by "centreId", outcome`);

export const activeCentres = async (db: Db) =>
  rawAll(db)<{ id: number; code: string; name: string }>(
    sql`select id, code, name from centres where active order by id`,
  );

export const centreExists = async (db: Db, id: number) =>
  (await rawAll(db)<{ id: number }>(sql`select id from centres where id = ${id}`)).length > 0;

/** For EXPLAIN QUERY PLAN in the docs and the benchmark. */
export const explain = async (db: Db, query: SQL) =>
  (await rawAll(db)<{ detail: string }>(sql`explain query plan ${query}`)).map((r) => r.detail);
