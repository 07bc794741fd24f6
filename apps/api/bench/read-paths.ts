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
  const month = (d: string) => d.slice(0, 7);
  const from = addDays(today(), -364);
  const queries: [string, string][] = [
    [
      'Encounter totals per centre in a period (day rollup)',
      `select centre_id, sum(encounters), sum(minutes), sum(newcomers), sum(mixed) from encounter_day_rollup
       where centre_id in (1, 2, 3) and date >= '${from}' and date <= '${today()}' group by centre_id`,
    ],
    [
      'People reached per centre in a period (person-month rollup, edge months by first/last day seen)',
      `with seen as (select centre_id as c, month as m, participant_id as pid from person_month_rollup
         where centre_id in (1, 2, 3) and month >= '${month(from)}' and month <= '${month(today())}'
           and (month <> '${month(from)}' or last_on >= '${from}')
           and (month <> '${month(today())}' or first_on <= '${today()}')),
       pc as (select c, pid from seen group by c, pid)
       select pc.c, count(*), sum(p.first_attended_on >= '${from}') from pc
       join participants p on p.id = pc.pid group by pc.c`,
    ],
    [
      'People reached per month (person-month rollup, month index)',
      `select month, count(*) from (select month, participant_id from person_month_rollup
         where month >= '${month(from)}' and month <= '${month(today())}'
         group by month, participant_id) group by month`,
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
