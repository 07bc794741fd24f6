import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/**
 * Aggregate queries for the dashboard, the out-of-view list and the council report. Every
 * query starts from `encounters` filtered by the indexed (centre_id, date) pair, or from
 * participants/follow-ups by their indexed keys, and aggregates in SQL; nothing loops per row
 * in JavaScript. `centreIds` is never empty (the service resolves the scope first).
 */
const ids = (centreIds: readonly number[]) =>
  sql.join(
    centreIds.map((id) => sql`${id}`),
    sql`, `,
  );

/**
 * Mixed encounter (the domain's isMixedEncounter): at least one newcomer, named or in the
 * anonymous headcount, and at least one host-society resident. The attendee probe uses the
 * attendees' primary key (encounter_id, participant_id).
 */
const MIXED = sql.raw(`(host > 0 and (newcomers > 0 or exists (
  select 1 from encounter_attendees mx where mx.encounter_id = encounters.id)))`);

export interface Period {
  from: string;
  to: string;
}

export interface EncounterTotals {
  centreId: number;
  encounters: number;
  minutes: number;
  anonymousNewcomers: number;
  mixed: number;
}

export const encounterTotals = (db: Db, centreIds: readonly number[], p: Period) =>
  db.all<EncounterTotals>(sql`
    select centre_id as centreId, count(*) as encounters, sum(duration_minutes) as minutes,
           sum(newcomers) as anonymousNewcomers, sum(${MIXED}) as mixed
    from encounters
    where centre_id in (${ids(centreIds)}) and date >= ${p.from} and date <= ${p.to}
    group by centre_id`);

export const encountersByActivity = (db: Db, centreIds: readonly number[], p: Period) =>
  db.all<{
    key: string | null;
    name: string;
    encounters: number;
    minutes: number;
    mixed: number;
  }>(sql`
    select a.key as key, a.name as name, x.encounters, x.minutes, x.mixed
    from (
      select activity_id, count(*) as encounters, sum(duration_minutes) as minutes,
             sum(${MIXED}) as mixed
      from encounters
      where centre_id in (${ids(centreIds)}) and date >= ${p.from} and date <= ${p.to}
      group by activity_id
    ) x join activities a on a.id = x.activity_id
    order by x.encounters desc, a.id`);

export const encountersByMonth = (db: Db, centreIds: readonly number[], p: Period) =>
  db.all<{ month: string; encounters: number; minutes: number; mixed: number }>(sql`
    select substr(date, 1, 7) as month, count(*) as encounters, sum(duration_minutes) as minutes,
           sum(${MIXED}) as mixed
    from encounters
    where centre_id in (${ids(centreIds)}) and date >= ${p.from} and date <= ${p.to}
    group by month order by month`);

/**
 * Named newcomers seen in the period: one row per (centre, month, person), with the person's
 * first attendance ever (`participants.first_attended_on`, kept by triggers). "New" means that
 * first attendance lies in the period.
 */
const seen = (centreIds: readonly number[], p: Period) => sql`
  with seen as (
    select e.centre_id as centreId, substr(e.date, 1, 7) as month, ea.participant_id as pid
    from encounters e join encounter_attendees ea on ea.encounter_id = e.id
    where e.centre_id in (${ids(centreIds)}) and e.date >= ${p.from} and e.date <= ${p.to}
    group by e.centre_id, month, ea.participant_id
  )`;

export interface PeopleRow {
  key: string;
  reached: number;
  newcomers: number;
}

/**
 * People reached and new people per centre and per month in one pass over the period's
 * attendance (the `seen` rows are materialised once and grouped twice).
 */
export function peopleByCentreAndMonth(db: Db, centreIds: readonly number[], p: Period) {
  const rows = db.all<PeopleRow & { kind: 'centre' | 'month' }>(sql`
    ${seen(centreIds, p)}, joined as materialized (
      select s.centreId, s.month, s.pid, f.first_attended_on as first
      from seen s join participants f on f.id = s.pid
    )
    select 'centre' as kind, cast(centreId as text) as key, count(distinct pid) as reached,
           count(distinct case when first >= ${p.from} then pid end) as newcomers
    from joined group by centreId
    union all
    select 'month' as kind, month as key, count(distinct pid) as reached,
           count(distinct case when first >= ${p.from} and substr(first, 1, 7) = month
                               then pid end) as newcomers
    from joined group by month
    order by kind, key`);
  return {
    byCentre: rows
      .filter((r) => r.kind === 'centre')
      .map((r) => ({ centreId: Number(r.key), reached: r.reached, newcomers: r.newcomers })),
    byMonth: rows
      .filter((r) => r.kind === 'month')
      .map((r) => ({ month: r.key, reached: r.reached, newcomers: r.newcomers })),
  };
}

export const peopleByCentre = (db: Db, centreIds: readonly number[], p: Period) =>
  db.all<{ centreId: number; reached: number; newcomers: number }>(sql`
    ${seen(centreIds, p)}
    select s.centreId as centreId, count(distinct s.pid) as reached,
           count(distinct case when f.first_attended_on >= ${p.from} then s.pid end) as newcomers
    from seen s join participants f on f.id = s.pid
    group by s.centreId`);

/**
 * Per centre and number of mixed encounters attended in the window: how many people. The person
 * is a named newcomer at each of these encounters, so host > 0 is the whole rule here.
 */
export const mixedPerPerson = (db: Db, centreIds: readonly number[], p: Period) =>
  db.all<{ centreId: number; mixed: number; people: number }>(sql`
    select centreId, mixed, count(*) as people from (
      select e.centre_id as centreId, ea.participant_id as pid, sum(e.host > 0) as mixed
      from encounters e join encounter_attendees ea on ea.encounter_id = e.id
      where e.centre_id in (${ids(centreIds)}) and e.date >= ${p.from} and e.date <= ${p.to}
      group by e.centre_id, ea.participant_id
    ) group by centreId, mixed`);

export interface OutOfViewRow {
  participantId: number;
  code: string;
  alias: string | null;
  centreId: number;
  centreCode: string;
  movedInAt: string;
  lastContactOn: string | null;
  openTaskId: number | null;
}

/**
 * Moved into their own flat on or after `movedSince` and neither seen at an encounter nor
 * reached by an outreach attempt since `notSeenSince` (counting from the move when that is
 * later). People whose outreach ended with "moved away" after their last contact drop out.
 */
export function outOfView(
  db: Db,
  centreIds: readonly number[],
  movedSince: string,
  notSeenSince: string,
): OutOfViewRow[] {
  return db.all<OutOfViewRow>(sql`
    select * from (
      select p.id as participantId, p.code as code, p.alias as alias, p.centre_id as centreId,
             c.code as centreCode, p.moved_in_at as movedInAt,
             nullif(max(
               coalesce(p.last_attended_on, ''),
               coalesce((select max(a.attempted_on) from follow_ups f
                         join follow_up_attempts a on a.follow_up_id = f.id
                         where f.participant_id = p.id and a.outcome in ('reached', 're_engaged')), '')
             ), '') as lastContactOn,
             (select max(f.closed_on) from follow_ups f
              where f.participant_id = p.id and f.outcome = 'moved_away') as movedAwayOn,
             (select max(f.id) from follow_ups f
              where f.participant_id = p.id and f.status = 'open') as openTaskId
      from participants p join centres c on c.id = p.centre_id
      where p.centre_id in (${ids(centreIds)}) and p.moved_in_at >= ${movedSince}
    )
    where max(coalesce(lastContactOn, ''), movedInAt) < ${notSeenSince}
      and (movedAwayOn is null or movedAwayOn < max(coalesce(lastContactOn, ''), movedInAt))
    order by lastContactOn is not null, lastContactOn, movedInAt, participantId`);
}

export function openTasks(db: Db, taskIds: readonly number[]) {
  if (taskIds.length === 0) return [];
  return db.all<{
    id: number;
    assigneeId: number;
    assigneeName: string;
    dueOn: string;
    attempts: number;
  }>(sql`
    select f.id as id, f.assignee_id as assigneeId, u.display_name as assigneeName,
           f.due_on as dueOn, (select count(*) from follow_up_attempts a where a.follow_up_id = f.id) as attempts
    from follow_ups f join users u on u.id = f.assignee_id
    where f.id in (${sql.join(
      taskIds.map((id) => sql`${id}`),
      sql`, `,
    )})`);
}

/** Outreach tasks with at least one attempt in the period, by the participant's centre. */
export const contactedByCentre = (db: Db, centreIds: readonly number[], p: Period) =>
  db.all<{ centreId: number; tasks: number }>(sql`
    select centreId, count(*) as tasks from (
      select pa.centre_id as centreId, f.id as task
      from follow_up_attempts a join follow_ups f on f.id = a.follow_up_id
      join participants pa on pa.id = f.participant_id
      where pa.centre_id in (${ids(centreIds)}) and a.attempted_on >= ${p.from} and a.attempted_on <= ${p.to}
      group by pa.centre_id, f.id
      union all
      select r.centre_id, -r.id from outreach_residue r
      where r.centre_id in (${ids(centreIds)}) and exists (
        select 1 from json_each(r.attempts_json) j where j.value >= ${p.from} and j.value <= ${p.to})
    ) group by centreId`);

/**
 * Outreach tasks closed in the period by centre and outcome, with how many of the re-engaged
 * were verified: the person attended an encounter between the task's opening and `withinDays`
 * after closing. Erased people's tasks count from `outreach_residue`, so retention changes no
 * past figure.
 */
export const closedByCentre = (
  db: Db,
  centreIds: readonly number[],
  p: Period,
  withinDays: number,
) =>
  db.all<{ centreId: number; outcome: string; tasks: number; verified: number }>(sql`
    select centreId, outcome, count(*) as tasks, sum(verified) as verified from (
      select pa.centre_id as centreId, f.outcome as outcome,
             (f.outcome = 're_engaged' and exists (
               select 1 from encounter_attendees ea join encounters e on e.id = ea.encounter_id
               where ea.participant_id = f.participant_id
                 and e.date >= substr(f.created_at, 1, 10)
                 and e.date <= date(f.closed_on, '+' || ${withinDays} || ' days'))) as verified
      from follow_ups f join participants pa on pa.id = f.participant_id
      where pa.centre_id in (${ids(centreIds)}) and f.status = 'closed'
        and f.closed_on >= ${p.from} and f.closed_on <= ${p.to}
      union all
      select r.centre_id, r.outcome,
             (r.outcome = 're_engaged' and r.seen_on is not null
              and r.seen_on <= date(r.closed_on, '+' || ${withinDays} || ' days'))
      from outreach_residue r
      where r.centre_id in (${ids(centreIds)}) and r.closed_on is not null
        and r.closed_on >= ${p.from} and r.closed_on <= ${p.to}
    ) group by centreId, outcome`);

/** Newcomers in the catchment: registered at the centre, moved into their own flat since `since`. */
export const catchmentByCentre = (db: Db, centreIds: readonly number[], since: string) =>
  db.all<{ centreId: number; people: number }>(sql`
    select centre_id as centreId, count(*) as people from participants
    where centre_id in (${ids(centreIds)}) and moved_in_at >= ${since}
    group by centre_id`);

export const activeCentres = (db: Db) =>
  db.all<{ id: number; code: string; name: string }>(
    sql`select id, code, name from centres where active = 1 order by id`,
  );

export const centreExists = (db: Db, id: number) =>
  db.all<{ id: number }>(sql`select id from centres where id = ${id}`).length > 0;

/** For EXPLAIN QUERY PLAN in the docs and the benchmark. */
export const explain = (db: Db, query: SQL) =>
  db.all<{ detail: string }>(sql`explain query plan ${query}`).map((r) => r.detail);
