import { defineConfig } from '@playwright/test';

// Only for the benchmark (npm run bench): no web server of its own, no retries.
export default defineConfig({
  testDir: '.',
  testMatch: 'web-vitals.spec.ts',
  workers: 1,
  retries: 0,
  reporter: 'line',
  outputDir: '../.artifacts/bench-results',
});
