// The test runner's own tests: `npm test` must not report green when a suite did not run.
// The pure part (how each runner's report is read) is tested on report shapes; the whole
// runner is then run for real against Playwright with a server that exits at once and with a
// filter that matches no test.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkOutcome, playwrightOutcome, total, vitestOutcome } from '../lib/outcome.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

describe('reading the runners’ reports', () => {
  it('counts a clean Vitest run exactly', () => {
    const o = vitestOutcome(0, {
      success: true,
      numPassedTests: 12,
      numFailedTests: 0,
      numPendingTests: 1,
      testResults: [{ name: 'a.test.ts', status: 'passed', assertionResults: [] }],
    });
    expect(o).toEqual({ passed: 12, failed: 0, skipped: 1, problems: [] });
  });

  it('fails a Vitest run whose file broke outside a test', () => {
    const o = vitestOutcome(1, {
      success: false,
      numPassedTests: 5,
      numFailedTests: 0,
      testResults: [{ name: 'broken.test.ts', status: 'failed', assertionResults: [] }],
    });
    expect(o.failed).toBe(1);
    expect(o.problems.join()).toMatch(/broken\.test\.ts/);
  });

  it('fails a Vitest run that executed no test, even with exit code 0', () => {
    const o = vitestOutcome(0, { success: true, numPassedTests: 0, numFailedTests: 0 });
    expect(o.failed).toBe(1);
    expect(o.problems).toContain('Vitest executed no test');
  });

  it('fails a missing report and a non-zero exit with all tests green', () => {
    expect(vitestOutcome(1, null).failed).toBe(1);
    expect(playwrightOutcome(0, null).failed).toBe(1);
    const o = playwrightOutcome(1, { stats: { expected: 3, unexpected: 0, flaky: 0 }, errors: [] });
    expect(o.failed).toBe(1);
    expect(o.passed).toBe(3);
  });

  it('fails Playwright errors outside tests even when tests passed', () => {
    const o = playwrightOutcome(0, {
      stats: { expected: 10, unexpected: 0, flaky: 1, skipped: 2 },
      errors: [{ message: 'Error: Process from config.webServer was not able to start.' }],
    });
    expect(o).toMatchObject({ passed: 11, failed: 1, skipped: 2 });
    expect(o.problems[0]).toMatch(/webServer/);
  });

  it('adds up and is only ok when something ran and nothing failed', () => {
    expect(total([checkOutcome('lint', 0), checkOutcome('tsc', 0)])).toEqual({
      passed: 2,
      failed: 0,
      ok: true,
    });
    expect(total([checkOutcome('lint', 2)]).ok).toBe(false);
    expect(total([]).ok).toBe(false);
  });
});

/** Runs the real `npm test` entry point, only its e2e stage, against a stand-in server. */
function runE2eStage(serverFixture, playwrightArgs = []) {
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'scripts', 'test.mjs'),
      '--suites',
      'e2e',
      '--no-install',
      '--no-build',
      '--',
      ...playwrightArgs,
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        E2E_PORT: '',
        E2E_SERVER_ENTRY: join(here, 'fixtures', serverFixture),
      },
      timeout: 90_000,
    },
  );
  const out = `${r.stdout}\n${r.stderr}`;
  const last = r.stdout.trim().split('\n').at(-1);
  return { status: r.status, out, last };
}

describe('npm test itself', () => {
  it('fails and says why when the e2e server exits at once', () => {
    const r = runE2eStage('exit-at-once.mjs');
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/webServer was not able to start/);
    expect(r.last).toMatch(/^0 passed, [1-9]\d* failed$/);
  });

  it('fails and says why when Playwright finds no test', () => {
    const r = runE2eStage('healthy-server.mjs', ['--grep', 'no-test-has-this-title']);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/No tests found/);
    expect(r.last).toMatch(/^0 passed, [1-9]\d* failed$/);
  });

  it('fails when Playwright is told to pass with no tests', () => {
    const r = runE2eStage('healthy-server.mjs', [
      '--grep',
      'no-test-has-this-title',
      '--pass-with-no-tests',
    ]);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/Playwright executed no test/);
    expect(r.last).toMatch(/^0 passed, [1-9]\d* failed$/);
  });
});

describe('npm test and PostgreSQL', () => {
  it('fails, and runs no Vitest, when PostgreSQL cannot be found or started', () => {
    const r = spawnSync(
      process.execPath,
      [join(root, 'scripts', 'test.mjs'), '--suites', 'vitest', '--no-install'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, POSTGRES_BIN: join(here, 'fixtures', 'no-postgres-here') },
        timeout: 60_000,
      },
    );
    const last = r.stdout.trim().split('\n').at(-1);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/FAILED postgres/);
    expect(r.stdout).toMatch(/PostgreSQL could not be installed or started/);
    expect(r.stdout).not.toMatch(/Unit and API integration tests/);
    expect(last).toBe('0 passed, 1 failed');
  });
});
