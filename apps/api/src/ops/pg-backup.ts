import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findPostgresProgram } from './postgres-bin.mjs';

/**
 * Backup and restore when the API runs on PostgreSQL (decision 0003): PostgreSQL's own
 * `pg_dump` (custom format, one consistent snapshot while the instances keep writing) and
 * `pg_restore`. For point-in-time recovery a data centre adds WAL archiving (pgBackRest or
 * the managed service's own); these commands are the portable daily copy.
 */

/**
 * A PostgreSQL client tool: POSTGRES_BIN's, else the newest installed under
 * /usr/lib/postgresql (ops/postgres-bin.mjs), else the bare name for PATH to find.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  return findPostgresProgram(name) ?? name;
}

function run(tool: string, args: string[]) {
  const res = spawnSync(tool, args, { encoding: 'utf8' });
  if (res.error) throw new Error(`${tool} could not be started: ${res.error.message}`);
  if (res.status !== 0) {
    throw new Error(`${tool} failed (exit ${res.status}): ${res.stderr.trim().split('\n').at(-1)}`);
  }
  return res.stdout;
}

/** Timestamped file name such as begegnung-2026-11-25T10-30-00-000Z.dump */
export const pgBackupFileName = (now = new Date()) =>
  `begegnung-${now.toISOString().replace(/[:.]/g, '-')}.dump`;

/** Dumps the database at `url` into `targetDir`; the file's table of contents is read back as a check. */
export function backupPg(url: string, targetDir: string): string {
  mkdirSync(targetDir, { recursive: true });
  const file = join(targetDir, pgBackupFileName());
  run(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--file', file, '--dbname', url]);
  const toc = run(pgTool('pg_restore'), ['--list', file]);
  if (!/TABLE DATA public audit_log /.test(toc)) {
    throw new Error(`backup ${file} holds no audit log: not a Begegnung database`);
  }
  return file;
}

/**
 * Replaces the database at `url` with a dump, in one transaction: on any error nothing changes.
 * Stop every instance first. The caller migrates and re-applies retention afterwards.
 */
export function restorePg(file: string, url: string) {
  if (!existsSync(file)) throw new Error(`backup not found: ${file}`);
  run(pgTool('pg_restore'), [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--single-transaction',
    '--exit-on-error',
    '--dbname',
    url,
    file,
  ]);
}
