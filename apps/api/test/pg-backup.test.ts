import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupPg, restorePg } from '../src/ops/pg-backup.ts';
import { openPgDatabase, runPgMigrations } from '../src/db/pg-client.ts';
import { createPgTestDatabase } from './pg-helper.ts';

const dir = mkdtempSync(join(tmpdir(), 'begegnung-pg-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const url = await createPgTestDatabase();
const db = openPgDatabase(url, { max: 2 });
await runPgMigrations(db);
afterAll(() => db.$client.end());
const pool = db.$client;
const count = async (table: string) =>
  Number((await pool.query(`select count(*) as n from ${table}`)).rows[0].n);

/** Runs a CLI of this package as `npm run …` would, with DATABASE_URL set. */
function cli(script: string, args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

describe('backup and restore on PostgreSQL (pg_dump, pg_restore)', () => {
  it('backs up while writes continue and restores exactly the rows of the backup', async () => {
    await pool.query(
      `insert into operators (name, legal_form) select 'op-' || i, 'e_v' from generate_series(1, 2000) i`,
    );
    let written = 2000;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await pool.query(`insert into operators (name, legal_form) values ($1, 'e_v')`, [
          `w-${written++}`,
        ]);
      }
    })();
    const file = backupPg(url, join(dir, 'backups'));
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(2000); // writes really ran during the dump
    const live = await count('operators');

    // Changes after the backup: more rows, and the chain grows.
    await pool.query(`insert into operators (name, legal_form) values ('after', 'e_v')`);
    restorePg(file, url);
    const restored = await count('operators');
    expect(restored).toBeGreaterThanOrEqual(2000);
    expect(restored).toBeLessThanOrEqual(live);
    expect(
      (await pool.query(`select count(*) as n from operators where name = 'after'`)).rows[0].n,
    ).toBe(0);
    // The append-only guard came back with the restore.
    await expect(pool.query('truncate audit_log')).rejects.toThrow(/append-only/);
  });

  it('runs as npm run db:backup / db:restore, migrating and re-applying retention after the restore', () => {
    const backup = cli('backup', [join(dir, 'cli')]);
    expect(backup.status, backup.out).toBe(0);
    const file = /Backup written to (\S+\.dump)/.exec(backup.out)?.[1];
    expect(file, backup.out).toBeTruthy();
    const restore = cli('restore', [file!]);
    expect(restore.status, restore.out).toBe(0);
    expect(restore.out).toMatch(/Restored .*\.dump to postgres/);
    expect(restore.out).toMatch(/Retention re-applied: \{/);
  });

  it('refuses a file that is not a backup, changing nothing', async () => {
    const before = await count('operators');
    expect(() => restorePg(join(dir, 'missing.dump'), url)).toThrow(/backup not found/);
    const bogus = join(dir, 'bogus.dump');
    (await import('node:fs')).writeFileSync(bogus, 'not a dump');
    expect(() => restorePg(bogus, url)).toThrow(/pg_restore failed/);
    expect(await count('operators')).toBe(before);
  });
});
