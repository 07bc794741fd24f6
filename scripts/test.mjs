#!/usr/bin/env node
// `npm test`: installs what is needed (dependencies, Debian's Chromium), runs typecheck, lint,
// unit + API integration tests (Vitest) and end-to-end tests (Playwright), then prints one
// summary line "N passed, N failed" summing every suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'e2e', '.artifacts');
const started = Date.now();
const run = (cmd, args, opts = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts }).status ?? 1;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const section = (title) =>
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 60 - title.length))}`);

section('Install');
if (pnpm(['install', '--frozen-lockfile', '--reporter=silent']) !== 0) {
  console.log('\n0 passed, 1 failed (dependency install failed)');
  process.exit(1);
}

if (!existsSync('/usr/bin/chromium')) {
  section('Installing Debian Chromium for Playwright');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) => run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args);
  if (apt(['update', '-qq']) !== 0 || apt(['install', '-y', '-qq', 'chromium']) !== 0) {
    console.log('\n0 passed, 1 failed (could not install chromium)');
    process.exit(1);
  }
}

let passed = 0;
let failed = 0;
const failures = [];

section('Typecheck');
if (pnpm(['-r', 'typecheck']) === 0) passed++;
else {
  failed++;
  failures.push('typecheck');
}

section('Lint');
if (run(bin('eslint'), ['.']) === 0) passed++;
else {
  failed++;
  failures.push('lint');
}

mkdirSync(artifacts, { recursive: true });
section('Unit and API integration tests (Vitest)');
const vitestJson = join(artifacts, 'vitest.json');
rmSync(vitestJson, { force: true });
run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (r.numFailedTests > 0 || !r.success) failures.push('vitest');
  if (!r.success && r.numFailedTests === 0) failed++; // a file failed to load
} else {
  failed++;
  failures.push('vitest (no report)');
}

section('Build for end-to-end tests');
if (
  pnpm(['-r', '--filter', '@begegnung/web', '--filter', '@begegnung/api', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  }) !== 0
) {
  failed++;
  failures.push('build');
} else {
  section('End-to-end tests (Playwright, Chromium)');
  const pwJson = join(artifacts, 'playwright.json');
  rmSync(pwJson, { force: true });
  run(
    join(root, 'e2e', 'node_modules', '.bin', 'playwright'),
    ['test', '-c', 'e2e/playwright.config.ts'],
    {
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson },
    },
  );
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    if (s.unexpected > 0) failures.push('playwright');
  } else {
    failed++;
    failures.push('playwright (no report)');
  }
}

const secs = Math.round((Date.now() - started) / 1000);
console.log(`\n${failures.length ? `Failed: ${failures.join(', ')}\n` : ''}Took ${secs}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
