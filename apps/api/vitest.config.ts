import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'api',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Each test file builds its own app on its own SQLite file; files run in parallel.
    pool: 'forks',
    // A real PostgreSQL for the pg tests: npm test's (TEST_DATABASE_URL) or one started here.
    globalSetup: ['test/pg-global-setup.ts'],
    testTimeout: 20_000,
  },
});
