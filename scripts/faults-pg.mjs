// Part 3 of `npm run test:faults`: two API instances on one PostgreSQL (decision 0003).
// Writes go to both instances with one session (signed in on the first), one instance is
// killed with SIGKILL mid-stream and restarted, several rounds, alternating. Then: every write
// acknowledged with 2xx is in the database, the audit chain is intact, the session worked on
// both instances, and the daily retention job ran once for the day although every start of
// every instance tried it. Only ever targets 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { waitHealthy } from './lib/http.mjs';
import { startPostgres } from './lib/postgres.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function twoInstancesOnPostgres({ api, rounds = 6, ports = [3351, 3352] }) {
  const pg = createRequire(join(api, 'package.json'))('pg');
  const cluster = await startPostgres({ log: () => undefined });
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('create database faults');
  await admin.end();
  const url = cluster.url.replace(/\/postgres$/, '/faults');
  const env = {
    ...process.env,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    DATABASE_POOL_SIZE: '8',
  };
  const email = 'faults-admin@stadt.example';
  const password = `Fk-${Math.random().toString(36).slice(2)}-Leineberg-7q`;
  const created = spawnSync(process.execPath, [join(api, 'dist', 'cli', 'create-admin.js')], {
    cwd: api,
    env: { ...env, ADMIN_EMAIL: email, ADMIN_PASSWORD: password },
    encoding: 'utf8',
  });
  if (created.status !== 0) throw new Error(`create-admin failed: ${created.stderr}`);

  const bases = ports.map((p) => `http://127.0.0.1:${p}`);
  const start = (i) =>
    spawn(process.execPath, [join(api, 'dist', 'server.js')], {
      cwd: api,
      env: { ...env, PORT: String(ports[i]) },
      stdio: 'ignore',
    });
  const healthy = (i) => waitHealthy(bases[i], { what: `instance ${i + 1}` });
  // Both start at the same moment: both migrate (in turn) and both try the day's retention.
  const servers = [start(0), start(1)];
  await Promise.all([healthy(0), healthy(1)]);

  const login = await fetch(`${bases[0]}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const session = {
    cookie: login.headers.get('set-cookie').split(';')[0],
    csrf: (await login.json()).csrfToken,
  };
  const me = await fetch(`${bases[1]}/api/auth/session`, { headers: { cookie: session.cookie } });
  const sessionOnSecond = me.status === 200;

  const acked = [];
  const perInstance = [0, 0];
  let n = 0;
  let stopped = false;
  const worker = async (w) => {
    while (!stopped) {
      const i = (n + w) % 2;
      const name = `pg-fault-${n++}`;
      try {
        const res = await fetch(`${bases[i]}/api/operators`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
          },
          body: JSON.stringify({ name, legalForm: 'e_v' }),
        });
        if (res.status === 201) {
          acked.push(name);
          perInstance[i]++;
        }
      } catch {
        await sleep(20); // that instance is down: try the other one next
      }
    }
  };
  const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
  for (let round = 0; round < rounds; round++) {
    const victim = round % 2;
    await sleep(400 + Math.floor(Math.random() * 600));
    servers[victim].kill('SIGKILL');
    await new Promise((r) => servers[victim].once('exit', r));
    await sleep(200);
    servers[victim] = start(victim);
    await healthy(victim);
  }
  await sleep(300);
  stopped = true;
  await load;
  for (const s of servers) {
    s.kill('SIGTERM');
    await new Promise((r) => s.once('exit', r));
  }

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const found = new Set(
    (await db.query(`select name from operators where name like 'pg-fault-%'`)).rows.map(
      (r) => r.name,
    ),
  );
  const retentionRuns = Number(
    (await db.query(`select count(*) as n from job_runs where job = 'retention'`)).rows[0].n,
  );
  await db.end();
  const verify = spawnSync(process.execPath, [join(api, 'dist', 'cli', 'audit-verify.js'), url], {
    cwd: api,
    encoding: 'utf8',
  });
  cluster.stop();

  const lost = acked.filter((name) => !found.has(name));
  const figures = {
    rounds,
    acknowledged: acked.length,
    perInstance,
    found: acked.length - lost.length,
    lost: lost.length,
    rowsInclUnacknowledged: found.size,
    sessionOnSecond,
    retentionRuns,
    // One start for each instance at the beginning and one per restart tried the job.
    retentionAttempts: 2 + rounds,
    auditChain: verify.status === 0 ? verify.stdout.split('\n')[0] : verify.stderr.trim(),
  };
  const ok =
    lost.length === 0 &&
    acked.length > 0 &&
    perInstance.every((c) => c > 0) &&
    sessionOnSecond &&
    retentionRuns === 1 &&
    verify.status === 0;
  return { ok, figures };
}
