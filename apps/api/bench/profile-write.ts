// Profiles the encounter write path in-process (no HTTP), on a copy of the 100k bench DB:
//   npm run bench (once, to build bench/tmp), then
//   N=4000 node --cpu-prof --import tsx bench/profile-write.ts
import { copyFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { localNow } from '@begegnung/domain';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/client.ts';
import { loadConfig } from '../src/config.ts';
const root = new URL('../../../', import.meta.url).pathname;
copyFileSync(`${root}bench/tmp/bench-100k.db`, '/tmp/prof.db');
if (process.env.NO_ROLLUP_TRIGGERS) {
  // Comparison only: the write without the report-rollup triggers.
  const raw = openDatabase('/tmp/prof.db').$client;
  for (const t of [
    'encounters_day_rollup_insert',
    'encounters_day_rollup_update',
    'attendees_person_month_insert',
    'attendees_person_month_delete',
    'encounters_person_month_update',
    'encounters_day_rollup_delete',
  ])
    raw.exec(`drop trigger if exists ${t}`);
  raw.close();
}
process.env.DATABASE_PATH = '/tmp/prof.db';
process.env.LOG_LEVEL = 'silent';
process.env.LOGIN_RATE_LIMIT_PER_MINUTE = '1000';
const config = loadConfig();
const db = openDatabase('/tmp/prof.db');
const app = await buildApp({ config, db });
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { email: 'staff1@bench.test', password: 'bench-passphrase-2026' },
});
const cookie = String(login.headers['set-cookie']).split(';')[0]!;
const csrf = (
  await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })
).json().csrfToken;
const centreId = (
  db.$client.prepare("select id from centres where code='B01'").get() as { id: number }
).id;
const activityId = (
  db.$client.prepare("select id from activities where key='language_cafe'").get() as { id: number }
).id;
const date = localNow().date;
const N = Number(process.env.N ?? 1000);
const t0 = performance.now();
const c0 = process.cpuUsage();
for (let i = 0; i < N; i++) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/encounters',
    headers: { cookie, 'x-csrf-token': csrf },
    payload: {
      centreId,
      activityId,
      date,
      startTime: '00:00',
      durationMinutes: 90,
      headcounts: { newcomers: 3, host: 2, volunteers: 1, other: 0 },
      attendeeIds: [],
      clientRequestId: randomUUID(),
      // Same slot every time: confirm, as a second session at the same time would be.
      confirmDuplicate: true,
    },
  });
  if (r.statusCode !== 201) {
    console.log(r.statusCode, r.body);
    break;
  }
}
const c = process.cpuUsage(c0);
console.log(
  `${((performance.now() - t0) / N).toFixed(2)} ms wall, ${((c.user + c.system) / 1000 / N).toFixed(2)} ms CPU per request`,
);
