import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './pg-schema/index.ts';
import { migrationsFolder } from './client.ts';

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
