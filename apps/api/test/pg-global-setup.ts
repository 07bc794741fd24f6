import type { TestProject } from 'vitest/node';
import { startPostgres } from '../../../scripts/lib/postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test cluster; test/pg-helper.ts makes one database per test file. */
    pgAdminUrl: string;
  }
}

/**
 * A real PostgreSQL server for the API tests: the one `npm test` started (TEST_DATABASE_URL),
 * else a throw-away cluster for this run (scripts/lib/postgres.mjs). Fails the run when
 * neither is possible; the pg tests never skip.
 */
export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('pgAdminUrl', given);
    return;
  }
  const pg = await startPostgres({ log: (m) => console.error(m) });
  project.provide('pgAdminUrl', pg.url);
  return () => pg.stop();
}
