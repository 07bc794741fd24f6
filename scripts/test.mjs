#!/usr/bin/env node
// `npm test`: installs what is needed (dependencies, Debian's Chromium), runs the format check,
// typecheck, lint, unit + API integration tests (Vitest) and end-to-end tests (Playwright, on a
// free port), then prints one summary line "N passed, N failed" summing every suite.
//
// It fails whenever a runner exits non-zero, reports an error outside a test (for example the
// e2e web server did not start) or executes no test: see scripts/lib/outcome.mjs and its tests.
//
// Options (for the runner's own tests and for quick local runs):
//   --suites format,typecheck,lint,vitest,e2e   run only these (default: all)
//   --no-install / --no-build                   skip the install or the build step
//   -- <args>                                   extra arguments for Playwright
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.mjs';
import { freePort } from './lib/free-port.mjs';
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
  section('Unit and API integration tests (Vitest)');
  const vitestJson = join(artifacts, 'vitest.json');
  rmSync(vitestJson, { force: true });
  const code = run(bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
  ]);
  record('vitest', vitestOutcome(code, readJson(vitestJson)));
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
