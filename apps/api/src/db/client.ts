import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index.ts';
import { sealUnsealedRows } from './audit-chain.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * The committed SQL migrations (apps/api/drizzle, or drizzle-pg for PostgreSQL), found from
 * src/ in dev and from dist/ when built.
 */
export function migrationsFolder(name: 'drizzle' | 'drizzle-pg' = 'drizzle'): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, name);
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`Migrations folder apps/api/${name} not found`);
}

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return drizzle(sqlite, { schema }) as Db;
}

/** Applies the committed migrations, then seals audit rows written before the hash chain. */
export function runMigrations(db: Db) {
  migrate(db, { migrationsFolder: migrationsFolder() });
  sealUnsealedRows(db.$client);
}

/**
 * A drizzle prepared query built once per connection: for the few statements every request
 * runs (session lookup, roles, audit insert), skipping query building each time.
 */
const preparedCache = new WeakMap<Db, Map<string, unknown>>();
export function prepared<T>(db: Db, key: string, build: (db: Db) => T): T {
  let m = preparedCache.get(db);
  if (!m) preparedCache.set(db, (m = new Map()));
  let q = m.get(key) as T | undefined;
  if (!q) m.set(key, (q = build(db)));
  return q;
}
