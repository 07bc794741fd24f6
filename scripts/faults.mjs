#!/usr/bin/env node
// `npm run test:faults`: crash and backup tests against the built server, with figures.
//  1. Crash test: write load over HTTP, SIGKILL mid-stream, restart; every write acknowledged
//     with 2xx must be in the database and `PRAGMA integrity_check` must say ok. Several rounds.
//  2. Backup under load: the backup CLI runs while the server takes writes; the restored copy
//     must hold the same row count as the backup and pass the integrity check.
//  3. Two instances on one PostgreSQL (scripts/faults-pg.mjs): writes to both, SIGKILL of one
//     mid-stream, several rounds; no acknowledged write lost, sessions valid on both, the
//     audit chain intact, the daily retention run once.
// Only ever targets 127.0.0.1; bounded in rounds and time.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.mjs';
import { twoInstancesOnPostgres } from './faults-pg.mjs';
import { waitHealthy } from './lib/http.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const api = join(root, 'apps', 'api');
const Database = createRequire(join(api, 'package.json'))('better-sqlite3');
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 5);
const PORT = Number(process.env.FAULTS_PORT ?? 3350);
const base = `http://127.0.0.1:${PORT}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (pnpm(['install', '--frozen-lockfile', '--reporter=silent']) !== 0) process.exit(1);
if (pnpm(['--filter', '@begegnung/api', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }) !== 0)
  process.exit(1);

const dir = mkdtempSync(join(tmpdir(), 'begegnung-faults-'));
const dbPath = join(dir, 'faults.db');

function startServer() {
  const child = spawn(process.execPath, [join(api, 'dist', 'server.js')], {
    cwd: api,
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_PATH: dbPath,
      DEMO_SEED: 'true',
      LOG_LEVEL: 'silent',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    },
    stdio: 'ignore',
  });
  return child;
}

async function signIn() {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.begegnung.de', password: 'begegnung-demo' }),
  });
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await res.json();
  return { cookie, csrfToken };
}

/** Fires writes with `concurrency` in flight until stopped; returns names acknowledged with 2xx. */
function writeLoad(session, round, concurrency = 8) {
  const acked = [];
  let n = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped) {
      const name = `crash-r${round}-${n++}`;
      try {
        const res = await fetch(`${base}/api/operators`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: session.cookie,
            'x-csrf-token': session.csrfToken,
          },
          body: JSON.stringify({ name, legalForm: 'e_v' }),
        });
        if (res.status === 201) acked.push(name);
      } catch {
        return; // connection refused or reset: the server is gone
      }
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, worker));
  return { acked, stop: () => ((stopped = true), done) };
}

const results = { rounds: 0, acknowledged: 0, found: 0, lost: 0, integrity: [] };
console.log(`Crash test: ${ROUNDS} rounds of write load + SIGKILL on ${dbPath}`);
for (let round = 1; round <= ROUNDS; round++) {
  const server = startServer();
  await waitHealthy(base, { timeoutMs: 10_000 });
  const session = await signIn();
  const load = writeLoad(session, round);
  await sleep(300 + Math.floor(Math.random() * 900));
  server.kill('SIGKILL');
  await new Promise((r) => server.once('exit', r));
  await load.stop();

  const db = new Database(dbPath);
  const found = new Set(
    db
      .prepare('select name from operators where name like ?')
      .all(`crash-r${round}-%`)
      .map((r) => r.name),
  );
  const integrity = db.pragma('integrity_check', { simple: true });
  db.close();
  const lost = load.acked.filter((name) => !found.has(name));
  results.rounds++;
  results.acknowledged += load.acked.length;
  results.found += load.acked.length - lost.length;
  results.lost += lost.length;
  results.integrity.push(integrity);
  console.log(
    `  round ${round}: acknowledged ${load.acked.length}, found ${load.acked.length - lost.length}, lost ${lost.length}, rows incl. unacknowledged ${found.size}, integrity ${integrity}`,
  );
}

// Backup under write load, then restore.
console.log('Backup under write load:');
const server = startServer();
await waitHealthy(base, { timeoutMs: 10_000 });
const load = writeLoad(await signIn(), 'backup');
await sleep(300);
const backupDir = join(dir, 'backups');
const started = Date.now();
const backup = spawnSync(process.execPath, [join(api, 'dist', 'cli', 'backup.js'), backupDir], {
  cwd: api,
  env: { ...process.env, DATABASE_PATH: dbPath },
  encoding: 'utf8',
});
const backupMs = Date.now() - started;
await sleep(200);
await load.stop();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
const file = join(backupDir, readdirSync(backupDir)[0]);
const countIn = (path) => {
  const db = new Database(path, { readonly: true });
  const n = db.prepare('select count(*) as n from operators').get().n;
  const ok = db.pragma('integrity_check', { simple: true });
  db.close();
  return { n, ok };
};
const inBackup = countIn(file);
const restoredPath = join(dir, 'restored.db');
const restore = spawnSync(process.execPath, [join(api, 'dist', 'cli', 'restore.js'), file], {
  cwd: api,
  env: { ...process.env, DATABASE_PATH: restoredPath },
  encoding: 'utf8',
});
const restored = countIn(restoredPath);
const live = countIn(dbPath);
console.log(
  `  backup exit ${backup.status} in ${backupMs} ms; writes acknowledged during the run: ${load.acked.length}`,
);
console.log(
  `  rows: live ${live.n}, backup ${inBackup.n}, restored ${restored.n}; integrity backup ${inBackup.ok}, restored ${restored.ok}; restore exit ${restore.status}`,
);

rmSync(dir, { recursive: true, force: true });

console.log('Two instances on one PostgreSQL, SIGKILL of one at a time:');
const pgRun = await twoInstancesOnPostgres({ api });
console.log(`  ${JSON.stringify(pgRun.figures)}`);

const failed =
  results.lost > 0 ||
  results.integrity.some((r) => r !== 'ok') ||
  backup.status !== 0 ||
  restore.status !== 0 ||
  restored.n !== inBackup.n ||
  restored.ok !== 'ok' ||
  load.acked.length === 0 ||
  !pgRun.ok;
console.log(
  `\nFigures: crash rounds ${results.rounds}, writes acknowledged ${results.acknowledged}, found ${results.found}, lost ${results.lost}; ` +
    `backup rows ${inBackup.n} = restored rows ${restored.n}`,
);
console.log(failed ? '0 passed, 1 failed' : '3 passed, 0 failed');
process.exit(failed ? 1 : 0);
