import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './pg-schema/index.ts';
import { migrationsFolder } from './client.ts';

// Counts (int8) and sums over bigint (numeric) arrive as strings by default, because they may
// exceed 2^53; every such value here is a row count, a key sum modulo 2^32 or a sum of minutes,
// so they are read as numbers, as SQLite returns them.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** drizzle over a `pg` pool (decision 0003); the schema mirrors the SQLite one table for table. */
export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export function openPgDatabase(url: string, options: { max?: number } = {}): PgDb {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  return drizzle({ client: pool, schema });
}

/** Applies the committed PostgreSQL migrations (apps/api/drizzle-pg), each run in one transaction. */
export async function runPgMigrations(db: PgDb) {
  await migrate(db, { migrationsFolder: migrationsFolder('drizzle-pg') });
}
