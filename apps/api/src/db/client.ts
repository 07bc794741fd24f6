import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The committed SQL migrations (apps/api/drizzle), found from src/ in dev and from dist/ when built. */
export function migrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('Migrations folder apps/api/drizzle not found');
}

/**
 * drizzle prepares every query anew; compiling SQL was the largest single cost of a write
 * request (see docs/ARCHITECTURE.md, performance). Statements are reusable in better-sqlite3,
 * so `prepare` returns a cached one per SQL text, reset to plain row mode (drizzle switches
 * readers to raw mode for joins and does not switch back). Nothing here iterates statements.
 */
function cacheStatements(sqlite: Database.Database, max = 1000) {
  const cache = new Map<string, Database.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(source);
      if (cache.size >= max) cache.clear();
      cache.set(source, stmt);
    } else if (stmt.reader) {
      stmt.raw(false);
    }
    return stmt;
  }) as typeof sqlite.prepare;
}

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  cacheStatements(sqlite);
  return drizzle(sqlite, { schema }) as Db;
}

export function runMigrations(db: Db) {
  migrate(db, { migrationsFolder: migrationsFolder() });
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
