import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, runMigrations } from '../db/client.ts';
import { operators } from '../db/schema/index.ts';
import { afterCommit, rootDb, withTransactionAsync } from './tx.ts';

const dir = mkdtempSync(join(tmpdir(), 'begegnung-tx-'));
const db = openDatabase(join(dir, 'tx.db'));
runMigrations(db);
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const add = async (d: typeof db, name: string) =>
  (await d.insert(operators).values({ name, legalForm: 'e_v' }).returning())[0]!;
const names = () =>
  db
    .select({ name: operators.name })
    .from(operators)
    .all()
    .map((r) => r.name)
    .sort();

describe('withTransactionAsync on SQLite', () => {
  beforeEach(() => {
    db.delete(operators).run();
  });

  it('commits what the callback wrote', async () => {
    const out = await withTransactionAsync(db, async (tx) => (await add(tx, 'A')).name);
    expect(out).toBe('A');
    expect(names()).toEqual(['A']);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('rolls everything back when the callback throws', async () => {
    await expect(
      withTransactionAsync(db, async (tx) => {
        await add(tx, 'A');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(names()).toEqual([]);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('makes nested calls savepoints', async () => {
    await withTransactionAsync(db, async (tx) => {
      await add(tx, 'outer');
      await expect(
        withTransactionAsync(tx, async (inner) => {
          await add(inner, 'inner');
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await withTransactionAsync(tx, async (s) => {
        await s.insert(operators).values({ name: 'sync', legalForm: 'city' });
      });
      await tx.update(operators).set({ legalForm: 'other' }).where(eq(operators.name, 'outer'));
    });
    expect(names()).toEqual(['outer', 'sync']);
  });

  it('refuses to commit a transaction that awaited real I/O, and rolls it back', async () => {
    await expect(
      withTransactionAsync(db, async (tx) => {
        await add(tx, 'A');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }),
    ).rejects.toThrow(/event-loop turn/);
    expect(names()).toEqual([]);
    expect(db.$client.inTransaction).toBe(false);
  });
});

describe('afterCommit on SQLite', () => {
  it('runs after the outermost commit, savepoints included, and at once outside a transaction', async () => {
    const log: string[] = [];
    await withTransactionAsync(db, async (tx) => {
      expect(rootDb(tx)).toBe(db);
      afterCommit(tx, () => log.push(`outer, in transaction: ${db.$client.inTransaction}`));
      await withTransactionAsync(tx, async (sp) => {
        afterCommit(sp, () => log.push('savepoint'));
      });
      log.push('body done');
    });
    expect(log).toEqual(['body done', 'outer, in transaction: false', 'savepoint']);
    afterCommit(db, () => log.push('now'));
    expect(log.at(-1)).toBe('now');
  });

  it('does not run when the transaction rolls back', async () => {
    const log: string[] = [];
    await expect(
      withTransactionAsync(db, async (tx) => {
        afterCommit(tx, () => log.push('committed'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(log).toEqual([]);
    // Nor later, with the next transaction.
    await withTransactionAsync(db, async () => undefined);
    expect(log).toEqual([]);
  });
});
