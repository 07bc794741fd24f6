import type { SQL } from 'drizzle-orm';
import type { Db } from './client.ts';
import type { PgDb } from './pg-client.ts';
import { onPg } from './engine.ts';

/**
 * Hand-written SQL (aggregates the query builder cannot express), run on either engine:
 * better-sqlite3's `all`/`run` or pg's `execute`. Column aliases that are not lower case must
 * be double-quoted in the SQL: PostgreSQL folds unquoted names to lower case.
 */
export const rawAll =
  (db: Db) =>
  async <T>(query: SQL): Promise<T[]> =>
    onPg ? ((await (db as unknown as PgDb).execute(query)).rows as T[]) : db.all<T>(query);

/** The first row, or undefined. */
export const rawGet =
  (db: Db) =>
  async <T>(query: SQL): Promise<T | undefined> =>
    (await rawAll(db)<T>(query))[0];

/** A statement without rows to return. */
export const rawRun = (db: Db) => async (query: SQL) => {
  if (onPg) await (db as unknown as PgDb).execute(query);
  else db.run(query);
};
