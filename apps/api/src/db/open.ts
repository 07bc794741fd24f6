import type { AppConfig } from '../config.ts';
import { openDatabase, runMigrations, type Db } from './client.ts';
import { ENGINE, type Engine } from './engine.ts';
import { openPgDatabase, runPgMigrations, type PgDb } from './pg-client.ts';

export interface OpenDatabase {
  db: Db;
  engine: Engine;
  /** Where the data lives, for the start banner (a PostgreSQL URL without its password). */
  label: string;
  close: () => Promise<void>;
}

/** Key of the session lock that lets one instance at a time apply PostgreSQL migrations. */
const MIGRATION_LOCK = 0x6d696772; // 'migr'

/**
 * Opens the configured database and brings its schema up to date: the SQLite file by default,
 * PostgreSQL when DATABASE_URL is set. Instances starting together on one PostgreSQL migrate
 * one after the other (a blocking advisory lock), so the later ones find nothing left to do.
 */
export async function openAppDatabase(config: AppConfig): Promise<OpenDatabase> {
  if (!config.databaseUrl) {
    const db = openDatabase(config.databasePath);
    runMigrations(db);
    return {
      db,
      engine: 'sqlite',
      label: config.databasePath,
      close: async () => void db.$client.close(),
    };
  }
  if (ENGINE !== 'pg') throw new Error('DATABASE_URL must be set in the environment at start');
  const pgDb = openPgDatabase(config.databaseUrl, { max: config.databasePoolSize });
  await migrateLocked(pgDb);
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return {
    db: pgDb as unknown as Db,
    engine: 'pg',
    label: url.toString(),
    close: () => pgDb.$client.end(),
  };
}

async function migrateLocked(db: PgDb) {
  const client = await db.$client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await runPgMigrations(db);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
