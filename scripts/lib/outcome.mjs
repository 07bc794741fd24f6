// Pure interpretation of what each test runner reported, so `npm test` can never print green
// for a suite that did not run. Each function returns { passed, failed, skipped, problems }:
// `problems` lists why the suite counts as failed even when no single test failed (runner exit
// code, load errors, web-server failure, zero tests executed). Tested in scripts/test/.

/** A check step (typecheck, lint, format): one unit that passed or failed. */
export function checkOutcome(name, exitCode) {
  return exitCode === 0
    ? { passed: 1, failed: 0, skipped: 0, problems: [] }
    : { passed: 0, failed: 1, skipped: 0, problems: [`${name} exited with code ${exitCode}`] };
}

/** Vitest's JSON reporter output (`--reporter=json`), or null when no report was written. */
export function vitestOutcome(exitCode, report) {
  const problems = [];
  if (!report) {
    return { passed: 0, failed: 1, skipped: 0, problems: [`no Vitest report (exit ${exitCode})`] };
  }
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that failed to load or threw outside a test has no failed assertion of its own.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  );
  for (const f of brokenFiles) problems.push(`test file failed outside a test: ${f.name}`);
  failed += brokenFiles.length;
  if (exitCode !== 0) problems.push(`Vitest exited with code ${exitCode}`);
  if (report.success === false && failed === 0) problems.push('Vitest reported failure');
  if (passed + failed === 0) problems.push('Vitest executed no test');
  if (problems.length && failed === 0) failed = 1;
  return { passed, failed, skipped, problems };
}

/** Playwright's JSON reporter output, or null when no report was written. */
export function playwrightOutcome(exitCode, report) {
  const problems = [];
  if (!report) {
    return {
      passed: 0,
      failed: 1,
      skipped: 0,
      problems: [`no Playwright report (exit ${exitCode})`],
    };
  }
  const s = report.stats ?? {};
  const passed = (s.expected ?? 0) + (s.flaky ?? 0);
  let failed = s.unexpected ?? 0;
  const skipped = s.skipped ?? 0;
  for (const e of report.errors ?? []) {
    // Errors outside tests: the web server did not start, a spec failed to load, no tests found.
    const text = String(e.message ?? e.value ?? e).split('\n')[0];
    problems.push(`Playwright error: ${text}`);
  }
  if (exitCode !== 0) problems.push(`Playwright exited with code ${exitCode}`);
  if (passed + failed === 0) problems.push('Playwright executed no test');
  if (problems.length && failed === 0) failed = 1;
  return { passed, failed, skipped, problems };
}

/** Sums the outcomes; `ok` only when nothing failed and something ran. */
export function total(outcomes) {
  let passed = 0;
  let failed = 0;
  for (const o of outcomes) {
    passed += o.passed;
    failed += o.failed;
  }
  return { passed, failed, ok: failed === 0 && passed > 0 };
}
