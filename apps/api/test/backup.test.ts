import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations } from '../src/db/client.ts';
import { backupDatabase, restoreDatabase } from '../src/ops/backup.ts';

const dir = mkdtempSync(join(tmpdir(), 'begegnung-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const count = (path: string, table: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('online backup and restore', () => {
  it('backs up while writes continue and restores to the identical row count', async () => {
    const dbPath = join(dir, 'live.db');
    const db = openDatabase(dbPath);
    runMigrations(db);
    const insert = db.$client.prepare("insert into operators (name, legal_form) values (?, 'e_v')");
    for (let i = 0; i < 5_000; i++) insert.run(`op-${i}`);

    // Keep writing on the event loop while the backup steps through the pages.
    let written = 5_000;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        db.$client.transaction(() => {
          for (let i = 0; i < 50; i++) insert.run(`op-${written++}`);
        })();
        await new Promise((r) => setImmediate(r));
      }
    })();
    const backup = await backupDatabase(dbPath, join(dir, 'backups'));
    writing = false;
    await writer;
    db.$client.close();

    const inBackup = count(backup, 'operators');
    expect(inBackup).toBeGreaterThanOrEqual(5_000);
    expect(inBackup).toBeLessThanOrEqual(written);
    expect(written).toBeGreaterThan(5_000); // writes really ran during the backup

    const restoredPath = join(dir, 'restored.db');
    restoreDatabase(backup, restoredPath);
    expect(count(restoredPath, 'operators')).toBe(inBackup);
    const check = new Database(restoredPath, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });

  it('keeps the replaced database when restoring over an existing one', async () => {
    const live = join(dir, 'keep.db');
    const db = openDatabase(live);
    runMigrations(db);
    db.$client.prepare("insert into operators (name, legal_form) values ('before', 'e_v')").run();
    const backup = await backupDatabase(live, join(dir, 'keep-backups'));
    db.$client.prepare("insert into operators (name, legal_form) values ('after', 'e_v')").run();
    db.$client.close();

    const { previous } = restoreDatabase(backup, live);
    expect(count(live, 'operators')).toBe(1);
    expect(count(previous!, 'operators')).toBe(2);
  });

  it('refuses a file that is not a database', () => {
    const bogus = join(dir, 'bogus.db');
    writeFileSync(bogus, 'not a database');
    expect(() => restoreDatabase(bogus, join(dir, 'x.db'))).toThrow();
  });
});
