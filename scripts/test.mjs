#!/usr/bin/env node
// `npm test`: installs what is needed (dependencies, Debian's Chromium and PostgreSQL), runs the
// format check, typecheck, lint, unit + API integration tests (Vitest, with a throw-away
// PostgreSQL cluster in TEST_DATABASE_URL: scripts/lib/postgres.mjs) and end-to-end tests
// (Playwright, on a free port), then prints one summary line "N passed, N failed" summing every
// suite. A PostgreSQL that cannot be installed or started fails the run.
//
// It fails whenever a runner exits non-zero, reports an error outside a test (for example the
// e2e web server did not start) or executes no test: see scripts/lib/outcome.mjs and its tests.
//
// Options (for the runner's own tests and for quick local runs):
//   --suites format,typecheck,lint,vitest,e2e   run only these (default: all)
//   --no-install / --no-build                   skip the install (PostgreSQL too) or the build step
//   -- <args>                                   extra arguments for Playwright
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.mjs';
import { freePort } from './lib/free-port.mjs';
import { startPostgres } from './lib/postgres.mjs';
import { checkOutcome, playwrightOutcome, total, vitestOutcome } from './lib/outcome.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'e2e', '.artifacts');
const started = Date.now();

const argv = process.argv.slice(2);
const dashdash = argv.indexOf('--');
const own = dashdash === -1 ? argv : argv.slice(0, dashdash);
const e2eExtra = dashdash === -1 ? [] : argv.slice(dashdash + 1);
const ALL = ['format', 'typecheck', 'lint', 'vitest', 'e2e'];
const suitesArg = own.find((a) => a.startsWith('--suites'));
const suites = suitesArg
  ? (suitesArg.includes('=') ? suitesArg.split('=')[1] : own[own.indexOf(suitesArg) + 1]).split(',')
  : ALL;
const unknown = suites.filter((s) => !ALL.includes(s));
if (unknown.length) {
  console.error(`Unknown suite(s): ${unknown.join(', ')} (known: ${ALL.join(', ')})`);
  console.log('0 passed, 1 failed');
  process.exit(2);
}
const wants = (s) => suites.includes(s);

const run = (cmd, args, opts = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts }).status ?? 1;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const section = (title) =>
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 60 - title.length))}`);
const readJson = (file) => {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

/** [name, outcome] in the order they ran, for the closing table. */
const results = [];
const record = (name, outcome) => {
  results.push([name, outcome]);
  return outcome;
};

function finish() {
  const secs = Math.round((Date.now() - started) / 1000);
  section('Summary');
  for (const [name, o] of results) {
    const state = o.failed ? 'FAILED' : 'ok';
    const skipped = o.skipped ? `, ${o.skipped} skipped` : '';
    console.log(
      `${state.padEnd(6)} ${name.padEnd(22)} ${o.passed} passed, ${o.failed} failed${skipped}`,
    );
    for (const p of o.problems) console.log(`       ↳ ${p}`);
    for (const n of o.notes ?? []) console.log(`       · ${n}`);
  }
  const t = total(results.map(([, o]) => o));
  if (!t.ok && t.failed === 0) {
    console.log('       ↳ no test ran at all');
    t.failed = 1;
  }
  console.log(`Took ${secs}s`);
  console.log(`${t.passed} passed, ${t.failed} failed`);
  process.exit(t.failed > 0 ? 1 : 0);
}

if (!own.includes('--no-install')) {
  section('Install');
  const code = pnpm(['install', '--frozen-lockfile', '--reporter=silent']);
  if (code !== 0) {
    record('install', checkOutcome('dependency install', code));
    finish();
  }
  if (wants('e2e') && !existsSync('/usr/bin/chromium')) {
    section('Installing Debian Chromium for Playwright');
    const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
    const apt = (args) => run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args);
    const c = apt(['update', '-qq']) || apt(['install', '-y', '-qq', 'chromium']);
    if (c !== 0) {
      record('chromium install', checkOutcome('apt-get install chromium', c));
      finish();
    }
  }
}

if (wants('format')) {
  section('Format check (Prettier)');
  record(
    'format',
    checkOutcome('prettier --check', run(bin('prettier'), ['--check', '--log-level=warn', '.'])),
  );
}

if (wants('typecheck')) {
  section('Typecheck');
  record('typecheck', checkOutcome('tsc', pnpm(['-r', 'typecheck'])));
}

if (wants('lint')) {
  section('Lint');
  record('lint', checkOutcome('eslint', run(bin('eslint'), ['.'])));
}

mkdirSync(artifacts, { recursive: true });

if (wants('vitest')) {
  // The API tests run against a real PostgreSQL too: a throw-away cluster for this run,
  // installed from Debian's packages when missing. No PostgreSQL fails the run.
  section('PostgreSQL for the API tests');
  let pg = null;
  try {
    pg = await startPostgres({ install: !own.includes('--no-install') });
    console.log(`${pg.version} on ${pg.url}, started in ${pg.startedInMs} ms`);
    record('postgres', {
      ...checkOutcome('postgres', 0),
      notes: [`${pg.version}, ${pg.url}, started in ${(pg.startedInMs / 1000).toFixed(1)} s`],
    });
  } catch (e) {
    console.error(String(e?.message ?? e));
    const o = checkOutcome('PostgreSQL start', 1);
    o.problems = [
      `PostgreSQL could not be installed or started: ${String(e?.message ?? e).split('\n')[0]}`,
    ];
    record('postgres', o);
  }
  if (pg) {
    section('Unit and API integration tests (Vitest)');
    const vitestJson = join(artifacts, 'vitest.json');
    rmSync(vitestJson, { force: true });
    const code = run(
      bin('vitest'),
      ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
      { env: { ...process.env, TEST_DATABASE_URL: pg.url } },
    );
    record('vitest', vitestOutcome(code, readJson(vitestJson)));

    // The same API integration suite with the server on PostgreSQL (DATABASE_URL set): each
    // test file on a fresh database of the cluster (apps/api/vitest.pg.config.ts).
    section('API integration tests on PostgreSQL (Vitest, project api-pg)');
    const pgJson = join(artifacts, 'vitest-pg.json');
    rmSync(pgJson, { force: true });
    const pgCode = run(
      bin('vitest'),
      [
        'run',
        '--root',
        join(root, 'apps', 'api'),
        '--config',
        'vitest.pg.config.ts',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${pgJson}`,
      ],
      { env: { ...process.env, TEST_DATABASE_URL: pg.url } },
    );
    record('vitest api on pg', vitestOutcome(pgCode, readJson(pgJson)));
    pg.stop();
  }
}

if (wants('e2e')) {
  let built = true;
  if (!own.includes('--no-build')) {
    section('Build for end-to-end tests');
    const code = pnpm(['-r', '--filter', '@begegnung/web', '--filter', '@begegnung/api', 'build'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (code !== 0) {
      record('build', checkOutcome('build', code));
      built = false;
    }
  }
  if (built) {
    const port = process.env.E2E_PORT || String(await freePort());
    section(`End-to-end tests (Playwright, Chromium, port ${port})`);
    const pwJson = join(artifacts, `playwright-${port}.json`);
    rmSync(pwJson, { force: true });
    const code = run(
      join(root, 'e2e', 'node_modules', '.bin', 'playwright'),
      ['test', '-c', 'e2e/playwright.config.ts', ...e2eExtra],
      { env: { ...process.env, E2E_PORT: port, PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson } },
    );
    record('playwright', playwrightOutcome(code, readJson(pwJson)));
  }
}

finish();
