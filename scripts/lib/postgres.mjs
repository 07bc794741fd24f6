// A throw-away PostgreSQL cluster for the tests: installs Debian's `postgresql` when no
// `initdb` is found (as scripts/test.mjs does for Chromium), runs `initdb` in a temporary
// directory as the unprivileged `postgres` user (initdb refuses root), starts it on a free port
// on 127.0.0.1 with its socket in that directory, and stops it and removes the directory when
// the process exits or is signalled. Never touches the system cluster.
//
//   const pg = await startPostgres();   // { url, port, dir, version, startedInMs, stop() }
//
// Run directly (`node scripts/lib/postgres.mjs`) it prints the admin URL and keeps the cluster
// up until Ctrl-C, for running single test files: TEST_DATABASE_URL=<url> npx vitest run ….
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';
import { findPostgresProgram } from '../../apps/api/src/ops/postgres-bin.mjs';

/**
 * The bin directory of the newest installed PostgreSQL with an initdb, or null. POSTGRES_BIN
 * names another directory (a PostgreSQL not installed from Debian's packages). The search is
 * the API's own (apps/api/src/ops/postgres-bin.mjs, which also finds pg_dump for backups).
 */
export function findPostgresBin() {
  const initdb = findPostgresProgram('initdb');
  return initdb ? dirname(initdb) : null;
}

const isRoot = () => process.getuid?.() === 0;

function run(cmd, args, { quiet = false } = {}) {
  const r = spawnSync(cmd, args, { stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (r.error) return { status: 1, output: String(r.error.message) };
  return { status: r.status ?? 1, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Installs Debian's postgresql package (apt-get, through sudo when not root). */
function installPostgres(log) {
  log('PostgreSQL not found: installing Debian’s postgresql package');
  const apt = (args) => (isRoot() ? run('apt-get', args) : run('sudo', ['-n', 'apt-get', ...args]));
  const code =
    apt(['update', '-qq']).status ||
    run(isRoot() ? 'env' : 'sudo', [
      ...(isRoot() ? [] : ['-n', 'env']),
      'DEBIAN_FRONTEND=noninteractive',
      'apt-get',
      'install',
      '-y',
      '-qq',
      'postgresql',
    ]).status;
  if (code !== 0) throw new Error(`apt-get install postgresql exited with code ${code}`);
}

/**
 * Starts a fresh cluster and returns its admin URL (user `postgres`, trust authentication,
 * database `postgres`). Throws when PostgreSQL cannot be installed, initialised or started.
 */
export async function startPostgres({ log = (m) => console.log(m), install = true } = {}) {
  const t0 = Date.now();
  let bin = findPostgresBin();
  if (!bin && install && !process.env.POSTGRES_BIN) {
    installPostgres(log);
    bin = findPostgresBin();
  }
  if (!bin)
    throw new Error(
      `no PostgreSQL found (${process.env.POSTGRES_BIN ? `POSTGRES_BIN=${process.env.POSTGRES_BIN}` : '/usr/lib/postgresql/*/bin/initdb'})`,
    );

  const dir = mkdtempSync(join(tmpdir(), 'begegnung-pg-'));
  const data = join(dir, 'data');
  // As root, run the server as the `postgres` user the package created; otherwise as ourselves.
  const asOwner = (cmd, args, opts) =>
    isRoot() ? run('runuser', ['-u', 'postgres', '--', cmd, ...args], opts) : run(cmd, args, opts);
  if (isRoot()) {
    const id = (flag) => Number(run('id', [flag, 'postgres'], { quiet: true }).output.trim());
    chownSync(dir, id('-u'), id('-g'));
  }

  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      asOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], { quiet: true });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const fail = (what, r) => {
    const logFile = join(dir, 'log');
    const serverLog = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    stop();
    throw new Error(`${what} failed (exit ${r.status}): ${r.output}${serverLog}`.trim());
  };

  const init = asOwner(
    join(bin, 'initdb'),
    ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8'],
    { quiet: true },
  );
  if (init.status !== 0) fail('initdb', init);

  const port = await freePort();
  // A throw-away cluster: durability settings off, they only cost time in tests.
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const start = asOwner(
    join(bin, 'pg_ctl'),
    ['-D', data, '-o', serverOptions, '-l', join(dir, 'log'), '-w', '-t', '30', 'start'],
    { quiet: true },
  );
  if (start.status !== 0) fail('pg_ctl start', start);
  started = true;

  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      stop();
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 0));
    });
  }

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    version: run(join(bin, 'postgres'), ['--version'], { quiet: true }).output.trim(),
    startedInMs: Date.now() - t0,
    stop,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pg = await startPostgres();
  console.log(`PostgreSQL ${pg.version} up in ${pg.startedInMs} ms (Ctrl-C stops and removes it)`);
  console.log(pg.url);
  setInterval(() => {}, 1 << 30);
}
