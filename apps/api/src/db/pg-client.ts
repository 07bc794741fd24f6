import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './pg-schema/index.ts';
import { migrationsFolder } from './client.ts';

/**
 * count(*), sum(…) over integers and bigint columns are int8 and averages numeric in
 * PostgreSQL, which `pg` hands over as strings (they may exceed 2^53); SQLite answers numbers.
 * Every such value here is a count or a small sum, so read them as JS numbers, as the
 * repositories' hand-written SQL expects on both engines. `pg` keeps type parsers per process
 * (drizzle's node-postgres session falls back to them), so this is set once, at load.
 */
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));

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
