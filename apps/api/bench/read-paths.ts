// The read paths the benchmark times, and the heavy queries whose plans it prints.
import Database from 'better-sqlite3';
import { addDays, localNow } from '@begegnung/domain';

export interface ReadPath {
  name: string;
  path: () => string;
  /** p95 goal at 1M encounters (issue 7), where one is set. */
  goalMs?: number;
  /** Fewer samples for rate-limited exports (20 per user and minute). */
  samples?: number;
}

const today = () => localNow().date;

const quarter = () => {
  const to = today();
  return `from=${addDays(to, -91)}&to=${to}`;
};

export const READ_PATHS: ReadPath[] = [
  {
    name: 'Dashboard, all centres, last 12 months',
    path: () => '/api/reporting/dashboard',
    goalMs: 100,
  },
  {
    name: 'Dashboard, one centre, last quarter',
    path: () => `/api/reporting/dashboard?centreId=1&${quarter()}`,
    goalMs: 100,
  },
  {
    name: 'Out-of-view list, all centres',
    path: () => '/api/reporting/out-of-view',
    goalMs: 100,
  },
  {
    name: 'Council report PDF, all centres, last quarter',
    path: () => `/api/reporting/report.pdf?${quarter()}`,
    samples: 12,
  },
  {
    name: 'Encounter list, all centres, newest 25',
    path: () => '/api/encounters?limit=25',
  },
  {
    name: 'Participant list, all centres, first 25',
    path: () => '/api/participants?limit=25',
  },
  {
    name: 'Encounter list, last 90 days',
    path: () => `/api/encounters?limit=25&from=${addDays(today(), -90)}`,
  },
];

/** `EXPLAIN QUERY PLAN` for the heavy queries, read straight from SQLite. */
export function explainHeavyQueries(path: string) {
  const db = new Database(path, { readonly: true });
  const since = addDays(today(), -90);
  const queries: [string, string][] = [
    [
      'Report totals per centre in a period (covering index)',
      `select centre_id, count(*), sum(duration_minutes), sum(newcomers), sum(host > 0) from counted_encounters
       where centre_id in (1, 2, 3) and date >= '${since}' and date <= '${today()}' group by centre_id`,
    ],
    [
      'People reached and new people (one pass, first attendance from the participant row)',
      `with seen as (select e.centre_id as c, substr(e.date, 1, 7) as m, ea.participant_id as pid
         from counted_encounters e join encounter_attendees ea on ea.encounter_id = e.id
         where e.centre_id in (1, 2, 3) and e.date >= '${since}' and e.date <= '${today()}'
         group by e.centre_id, m, ea.participant_id)
       select s.c, count(distinct s.pid), count(distinct case when p.first_attended_on >= '${since}' then s.pid end)
       from seen s join participants p on p.id = s.pid group by s.c`,
    ],
    [
      'Out of view (last attendance from the participant row)',
      `select p.id from participants p where p.centre_id in (1, 2, 3) and p.moved_in_at >= '${addDays(today(), -365)}'
       and coalesce(p.last_attended_on, '') < '${addDays(today(), -42)}'`,
    ],
  ];
  const out = queries.map(([name, sql]) => ({
    name,
    plan: (db.prepare(`explain query plan ${sql}`).all() as { detail: string }[])
      .map((r) => r.detail)
      .join('\n'),
  }));
  db.close();
  return out;
}
