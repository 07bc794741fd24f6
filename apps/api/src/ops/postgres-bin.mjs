// Where PostgreSQL's programs are, for the API's backup commands (pg_dump, pg_restore) and the
// test cluster of scripts/lib/postgres.mjs (initdb, pg_ctl). Plain JavaScript so that the
// scripts, which run on Node without a TypeScript loader, import the same code; the API's
// bundle (scripts/build.mjs) includes it.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const PG_ROOT = '/usr/lib/postgresql';

/**
 * The directories to look in: POSTGRES_BIN alone when set (a PostgreSQL not installed from
 * Debian's packages), else every /usr/lib/postgresql/<version>/bin, newest first.
 */
export function postgresBinDirs(env = process.env) {
  if (env.POSTGRES_BIN) return [env.POSTGRES_BIN];
  if (!existsSync(PG_ROOT)) return [];
  return readdirSync(PG_ROOT)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(PG_ROOT, v, 'bin'));
}

/** The path of a PostgreSQL program in the first of postgresBinDirs() that has it, or null. */
export function findPostgresProgram(name, env = process.env) {
  return (
    postgresBinDirs(env)
      .map((d) => join(d, name))
      .find((p) => existsSync(p)) ?? null
  );
}
