import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Timestamped file name such as begegnung-2026-11-25T10-30-00-000Z.db */
export const backupFileName = (now = new Date()) =>
  `begegnung-${now.toISOString().replace(/[:.]/g, '-')}.db`;

/**
 * Online backup through SQLite's backup API, consistent while the server keeps writing.
 * All pages are copied in one step under a WAL read snapshot (writers are not blocked):
 * in small steps, every write by the server's connection would restart the copy, and under
 * steady load it would never finish. Returns the file written.
 */
export async function backupDatabase(databasePath: string, targetDir: string): Promise<string> {
  mkdirSync(targetDir, { recursive: true });
  const target = join(targetDir, backupFileName());
  const source = new Database(databasePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(target, { progress: () => Number.MAX_SAFE_INTEGER });
  } finally {
    source.close();
  }
  const check = new Database(target, { readonly: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`backup failed integrity check: ${String(result)}`);
  } finally {
    check.close();
  }
  return target;
}

/**
 * Replaces the database with a backup. The server must be stopped. The current file is kept
 * beside it as <name>.before-restore so a wrong restore can be undone.
 */
export function restoreDatabase(backupPath: string, databasePath: string): { previous?: string } {
  if (!existsSync(backupPath)) throw new Error(`backup not found: ${backupPath}`);
  const check = new Database(backupPath, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`backup failed integrity check: ${String(result)}`);
  } finally {
    check.close();
  }
  mkdirSync(dirname(databasePath), { recursive: true });
  let previous: string | undefined;
  if (existsSync(databasePath)) {
    previous = `${databasePath}.before-restore`;
    // Fold the WAL into the main file first so the kept copy is complete.
    const current = new Database(databasePath);
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.close();
    renameSync(databasePath, previous);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
  copyFileSync(backupPath, databasePath);
  return { previous };
}
