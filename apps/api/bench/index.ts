// `npm run bench`: builds deterministic databases (100k and 1M encounters), then measures the
// write path against a bare Fastify + SQLite baseline, the read path at both sizes, and the
// web app's logging screen. Prints one table; `--write` also writes bench/results.md.
// `--engine postgres` measures the read and write paths a second time with the server on
// PostgreSQL (a throw-away local cluster; the same databases moved there by db:copy) against a
// bare Fastify + pg insert, and prints both engines side by side.
// Everything runs on 127.0.0.1 and stops by itself.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { localNow } from '@begegnung/domain';
import { BENCH_PASSWORD, generateBenchDb, type BenchDb } from './generate.ts';
import { READ_PATHS, explainHeavyQueries } from './read-paths.ts';
import pg from 'pg';
import { copySqliteToPg } from '../src/db/copy.ts';
import { openPgDatabase, runPgMigrations } from '../src/db/pg-client.ts';
import { startPostgres } from '../../../scripts/lib/postgres.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const api = join(here, '..');
const root = join(api, '..', '..');
const tmp = join(root, 'bench', 'tmp');
mkdirSync(tmp, { recursive: true });
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 10);

type Engine = 'SQLite' | 'PostgreSQL';
interface Row {
  figure: string;
  values: Partial<Record<Engine, { value: string; met: boolean | null }>>;
  goal: string;
}
const table: Row[] = [];
let engine: Engine = 'SQLite';
const add = (figure: string, value: string, goal = '', met: boolean | null = null) => {
  let row = table.find((r) => r.figure === figure);
  if (!row) table.push((row = { figure, values: {}, goal }));
  row.values[engine] = { value, met };
  console.log(
    `  [${engine}] ${figure}: ${value}${goal ? `   (goal ${goal}${met === null ? '' : met ? ' ✓' : ' ✗'})` : ''}`,
  );
};

function startProcess(cmd: string, args: string[], env: Record<string, string>, port: number) {
  const child = spawn(cmd, args, {
    cwd: api,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}
async function waitFor(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(url, { method: url.endsWith('/bare') ? 'OPTIONS' : 'GET' });
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timeout waiting for ${url}`);
}
const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Where each benchmark database lives on PostgreSQL, when that engine is measured. */
const pgUrls = new Map<BenchDb, string>();

async function startApp(db: BenchDb, port: number) {
  const pgUrl = engine === 'PostgreSQL' ? pgUrls.get(db) : undefined;
  const child = startProcess(
    process.execPath,
    [join(api, 'dist', 'server.js')],
    {
      DATABASE_PATH: db.path,
      ...(pgUrl ? { DATABASE_URL: pgUrl } : {}),
      DEMO_SEED: 'false',
      WEB_DIST: join(root, 'apps', 'web', 'dist'),
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    },
    port,
  );
  await waitFor(`http://127.0.0.1:${port}/api/health`, child);
  return child;
}

/** Signs in over HTTP like the web app: session cookie plus the CSRF token. */
export async function signIn(base: string, email: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const session = (await (
    await fetch(`${base}/api/auth/session`, { headers: { cookie } })
  ).json()) as {
    csrfToken: string;
  };
  return { cookie, csrf: session.csrfToken };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function timeGet(base: string, cookie: string, path: string, samples = SAMPLES) {
  const run = async () => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 3; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) ms.push(await run());
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

async function writeBench(url: string, headers: Record<string, string>, body: () => object) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 10,
    duration: WRITE_SECONDS,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(body()) }) }],
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/** Runs the Playwright web-vitals probe (e2e/bench) against a running server. */
function measureWeb(base: string, email: string) {
  const out = join(tmp, 'web.json');
  rmSync(out, { force: true });
  const r = spawnSync(
    join(root, 'e2e', 'node_modules', '.bin', 'playwright'),
    ['test', '-c', join(root, 'e2e', 'bench', 'playwright.config.ts')],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        BENCH_BASE_URL: base,
        BENCH_EMAIL: email,
        BENCH_PASSWORD,
        BENCH_WEB_OUT: out,
      },
    },
  );
  if (r.status !== 0) throw new Error('web probe failed');
  return JSON.parse(readFileSync(out, 'utf8')) as {
    initialJsGzip: number;
    swJsGzip: number;
    lcpMs: number;
    inpMs: number;
  };
}

/** Read and write paths over HTTP against the built server on the current engine. */
async function measureServer(small: BenchDb, large: BenchDb) {
  console.log('▸ Read path (HTTP, coordinator, all centres)…');
  const reads: Record<string, Record<string, { p50: number; p95: number }>> = {};
  for (const db of [small, large]) {
    const port = 3510;
    const server = await startApp(db, port);
    const base = `http://127.0.0.1:${port}`;
    const { cookie } = await signIn(base, db.coordinatorEmail);
    for (const r of READ_PATHS) {
      (reads[r.name] ??= {})[db === small ? '100k' : '1M'] = await timeGet(
        base,
        cookie,
        r.path(),
        Math.min(SAMPLES, r.samples ?? SAMPLES),
      );
    }
    await stop(server);
  }
  for (const r of READ_PATHS) {
    const a = reads[r.name]!['100k']!;
    const b = reads[r.name]!['1M']!;
    add(`${r.name}: p50 / p95 at 100k`, `${a.p50.toFixed(1)} / ${a.p95.toFixed(1)} ms`);
    add(
      `${r.name}: p50 / p95 at 1M`,
      `${b.p50.toFixed(1)} / ${b.p95.toFixed(1)} ms`,
      r.goalMs ? `p95 < ${r.goalMs} ms` : '',
      r.goalMs ? b.p95 < r.goalMs : null,
    );
    add(
      `${r.name}: growth p95 1M / 100k`,
      `${(b.p95 / a.p95).toFixed(2)}×`,
      r.goalMs ? '≤ 2×' : '',
      r.goalMs ? b.p95 / a.p95 <= 2 : null,
    );
  }

  console.log('▸ Write path (autocannon, 10 connections)…');
  const writePort = 3511;
  const server = await startApp(large, writePort);
  const base = `http://127.0.0.1:${writePort}`;
  const { cookie, csrf } = await signIn(base, large.staffEmail);
  const sqlite = new Database(large.path, { readonly: true });
  const centreId = (
    sqlite.prepare("select id from centres where code = 'B01'").get() as { id: number }
  ).id;
  const activityId = (
    sqlite.prepare("select id from activities where key = 'language_cafe'").get() as { id: number }
  ).id;
  sqlite.close();
  const date = localNow().date;
  const encounter = () => ({
    centreId,
    activityId,
    date,
    startTime: '00:00',
    durationMinutes: 90,
    headcounts: { newcomers: 3, host: 2, volunteers: 1, other: 0 },
    attendeeIds: [],
    clientRequestId: randomUUID(),
    // Every request logs the same slot: confirmed, as staff confirm a second group at one time.
    confirmDuplicate: true,
  });
  const full = await writeBench(
    `${base}/api/encounters`,
    { cookie, 'x-csrf-token': csrf },
    encounter,
  );
  await stop(server);
  const barePort = 3512;
  const bare =
    engine === 'PostgreSQL'
      ? startProcess(
          process.execPath,
          [join(here, 'bare-server-pg.mjs')],
          { DATABASE_URL: pgUrls.get(large)! },
          barePort,
        )
      : startProcess(
          process.execPath,
          [join(here, 'bare-server.mjs')],
          { DATABASE_PATH: join(tmp, 'bare.db') },
          barePort,
        );
  await waitFor(`http://127.0.0.1:${barePort}/bare`, bare);
  const baseline = await writeBench(`http://127.0.0.1:${barePort}/bare`, {}, encounter);
  await stop(bare);
  add(
    'POST /api/encounters (auth, CSRF, validation, audit, 1M rows)',
    `${full.rps.toFixed(0)} req/s, p99 ${full.p99} ms, non-2xx ${full.non2xx}`,
  );
  add(
    'Bare Fastify + insert (better-sqlite3, or pg pool)',
    `${baseline.rps.toFixed(0)} req/s, p99 ${baseline.p99} ms`,
  );
  const ratio = full.rps / baseline.rps;
  add('Write ratio full / bare', `${(ratio * 100).toFixed(0)} %`, '≥ 30 %', ratio >= 0.3);
}

async function main() {
  const write = process.argv.includes('--write');
  const engineArg =
    process.argv.find((a) => a.startsWith('--engine='))?.slice(9) ??
    process.argv[process.argv.indexOf('--engine') + 1];
  if (process.argv.includes('--engine') || engineArg) {
    if (engineArg !== 'postgres' && engineArg !== 'sqlite') {
      console.error('Usage: npm run bench [-- --engine postgres] [--write]');
      process.exit(2);
    }
  }
  console.log('▸ Generating benchmark databases (deterministic)…');
  const small = await generateBenchDb(join(tmp, 'bench-100k.db'), {
    encounters: 100_000,
    participants: 5_000,
    centres: 40,
  });
  add('Build 100k encounters / 5k participants / 40 centres', `${small.seconds.toFixed(1)} s`);
  const large = await generateBenchDb(join(tmp, 'bench-1m.db'), {
    encounters: 1_000_000,
    participants: 50_000,
    centres: 40,
  });
  add(
    'Build 1M encounters / 50k participants / 40 centres',
    `${large.seconds.toFixed(1)} s`,
    '< 120 s',
    large.seconds < 120,
  );

  await measureServer(small, large);

  if (engineArg === 'postgres') {
    console.log('▸ PostgreSQL: throw-away cluster, the same databases moved there by db:copy…');
    const cluster = await startPostgres({ log: (m: string) => console.log(m) });
    try {
      for (const [db, name] of [
        [small, 'bench_100k'],
        [large, 'bench_1m'],
      ] as const) {
        const admin = new pg.Client({ connectionString: cluster.url });
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        const url = cluster.url.replace(/\/postgres$/, `/${name}`);
        const target = openPgDatabase(url, { max: 1 });
        await runPgMigrations(target);
        const client = await target.$client.connect();
        const source = new Database(db.path, { readonly: true });
        const t0 = Date.now();
        try {
          await copySqliteToPg(source, client);
          await client.query('analyze');
        } finally {
          source.close();
          client.release();
          await target.$client.end();
        }
        engine = 'PostgreSQL';
        add(
          `Move ${name === 'bench_1m' ? '1M' : '100k'} encounters to PostgreSQL (db:copy)`,
          `${((Date.now() - t0) / 1000).toFixed(1)} s`,
        );
        engine = 'SQLite';
        pgUrls.set(db, url);
      }
      engine = 'PostgreSQL';
      await measureServer(small, large);
    } finally {
      engine = 'SQLite';
      cluster.stop();
    }
  }

  console.log('▸ Web: logging screen (Chromium, 4× CPU throttling)…');
  const webServer = await startApp(small, 3513);
  const web = measureWeb('http://127.0.0.1:3513', small.staffEmail);
  await stop(webServer);
  add(
    'Initial JS for /today incl. service worker (gzip)',
    `${(web.initialJsGzip / 1024).toFixed(1)} KB (SW ${(web.swJsGzip / 1024).toFixed(1)} KB)`,
    '≤ 200 KB',
    web.initialJsGzip <= 200 * 1024,
  );
  add(
    'LCP /today, 4× CPU throttling',
    `${web.lcpMs.toFixed(0)} ms`,
    '≤ 2500 ms',
    web.lcpMs <= 2500,
  );
  add(
    'INP (slowest tap) /today, 4× throttling',
    `${web.inpMs.toFixed(0)} ms`,
    '≤ 200 ms',
    web.inpMs <= 200,
  );

  const plans = explainHeavyQueries(large.path);
  const md = [
    '# Benchmark results',
    '',
    `Run on ${new Date().toISOString()} · Node ${process.version} · ${SAMPLES} samples per read path · writes ${WRITE_SECONDS} s × 10 connections`,
    '',
    '| Figure | SQLite | PostgreSQL | Goal |',
    '| --- | --- | --- | --- |',
    ...table.map((r) => {
      const cell = (e: Engine) => {
        const v = r.values[e];
        if (!v) return '';
        return `${v.value}${v.met === null ? '' : v.met ? ' ✓' : ' ✗'}`;
      };
      return `| ${r.figure} | ${cell('SQLite')} | ${cell('PostgreSQL')} | ${r.goal} |`;
    }),
    '',
    '## Query plans at 1M encounters',
    '',
    ...plans.flatMap((p) => [`### ${p.name}`, '', '```', p.plan, '```', '']),
  ].join('\n');
  console.log(`\n${md}`);
  if (write) {
    writeFileSync(join(root, 'bench', 'results.md'), `${md}\n`);
    console.log('\nWritten to bench/results.md');
  }
  const verdicts = table.flatMap((r) => Object.values(r.values).map((v) => v!.met));
  console.log(
    `\n${verdicts.filter((m) => m === true).length} goals met, ${verdicts.filter((m) => m === false).length} missed`,
  );
}

await main();
