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
      'Encounters of a centre in a period',
      `select count(*), sum(duration_minutes) from encounters where centre_id = 1 and date >= '${since}'`,
    ],
    [
      'Last named contact per participant',
      `select a.participant_id, max(e.date) from encounter_attendees a join encounters e on e.id = a.encounter_id group by a.participant_id`,
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
