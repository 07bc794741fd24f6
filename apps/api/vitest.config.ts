import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'api',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Each test file builds its own app on its own SQLite file; files run in parallel.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
