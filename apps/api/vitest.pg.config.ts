import { defineProject } from 'vitest/config';

/**
 * The API suite again on PostgreSQL (decision 0003): the same test files, each on its own fresh
 * database of the test cluster, with the server's repositories on drizzle's pg dialect
 * (DATABASE_URL selects the engine; test/helper.ts creates the database per file).
 *
 * Left out, each for a stated reason:
 */
export const SQLITE_ONLY: Record<string, string> = {
  // The engine-specific suites: they open both engines themselves, once.
  'test/pg-schema.test.ts': 'compares both schemas itself',
  'test/pg-behaviour.test.ts': 'pg triggers, tested directly',
  'test/pg-errors.test.ts': 'pg error mapping, tested directly',
  'test/pg-roles.test.ts': 'pg roles, tested directly',
  'test/pg-lock.test.ts': 'pg advisory locks, tested directly',
  'test/pg-rate-limit.test.ts': 'pg rate-limit store, tested directly',
  'test/db-copy.test.ts': 'copies SQLite to pg itself',
  'test/backup.test.ts': 'SQLite online backup API',
  'test/pg-backup.test.ts': 'pg_dump and pg_restore, run once by the SQLite lane',
  'src/lib/tx.test.ts': 'the SQLite transaction guard',
  'test/bench-generate.test.ts': 'the benchmark generator writes a SQLite file',
  // SQLite's hash-chain writer and triggers, attacked on copies of the database file (vacuum
  // into, better-sqlite3, audit:verify CLI); the pg chain: pg-behaviour and pg-roles tests. The
  // engine-neutral DPO check (GET /api/audit/verify) runs on both lanes in audit-verify.test.ts.
  'test/audit-chain.test.ts': 'SQLite hash-chain writer, triggers and file copies',
};

export default defineProject({
  test: {
    name: 'api-pg',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: Object.keys(SQLITE_ONLY),
    env: { DATABASE_URL: 'postgres://per-test-file/' },
    pool: 'forks',
    globalSetup: ['test/pg-global-setup.ts'],
    testTimeout: 20_000,
  },
});
