// What the SQLite triggers do, checked on a real PostgreSQL database built by drizzle-pg: the
// append-only, hash-chained audit log (refuses UPDATE, DELETE, TRUNCATE and unchained rows;
// the chain verifies, and tampering shows), record keys, first/last attendance.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations } from '../src/db/client.ts';
import { openPgDatabase, runPgMigrations, type PgDb } from '../src/db/pg-client.ts';
import { appendAuditRowPg, verifyChainPg } from '../src/db/audit-chain-pg.ts';
import { rowHash, verifyChain } from '../src/db/audit-chain.ts';
import * as t from '../src/db/pg-schema/index.ts';
import { createPgTestDatabase } from './pg-helper.ts';

let db: PgDb;
beforeAll(async () => {
  db = openPgDatabase(await createPgTestDatabase(), { max: 4 });
  await runPgMigrations(db);
});
afterAll(async () => {
  await db?.$client.end();
});

/** Runs `fn` on one pooled connection inside BEGIN … COMMIT (ROLLBACK on error). */
async function tx<T>(fn: (c: import('pg').PoolClient) => Promise<T>): Promise<T> {
  const c = await db.$client.connect();
  try {
    await c.query('begin');
    const out = await fn(c);
    await c.query('commit');
    return out;
  } catch (e) {
    await c.query('rollback');
    throw e;
  } finally {
    c.release();
  }
}

const record = (n: number) => ({
  actor_id: 1,
  actor_email: 'admin@example.org',
  action: 'update',
  entity_type: 'participant',
  entity_id: String(n),
  changed_fields: ['alias', 'notes'],
  reason: null,
  ip: '127.0.0.1',
  subjects: [n, n + 100],
});

describe('audit log on PostgreSQL', () => {
  it('appends chained rows that verify, and indexes their subjects', async () => {
    for (let n = 1; n <= 3; n++) await tx((c) => appendAuditRowPg(c, record(n)));
    const report = await verifyChainPg(db.$client);
    expect(report).toMatchObject({ ok: true, rowsChecked: 3, problem: null });
    expect(report.head?.id).toBe(3);
    const subjects = await db.select().from(t.auditSubjects).orderBy(t.auditSubjects.auditId);
    expect(subjects.map((s) => [s.auditId, s.participantId])).toEqual(
      expect.arrayContaining([
        [1, 1],
        [1, 101],
        [3, 103],
      ]),
    );
  });

  it('serialises concurrent appends from several connections into one chain', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => tx((c) => appendAuditRowPg(c, record(10 + i)))),
    );
    const report = await verifyChainPg(db.$client);
    expect(report).toMatchObject({ ok: true, rowsChecked: 15 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log and of its subjects index', async () => {
    const refused = [
      'update audit_log set reason = $$x$$ where id = 2',
      'update audit_log set hash = hash where id = 1',
      'delete from audit_log where id = (select max(id) from audit_log)',
      'delete from audit_log',
      'truncate audit_log',
      'truncate audit_log cascade',
      'update audit_subjects set participant_id = 7',
      'delete from audit_subjects',
      'truncate audit_subjects',
      'delete from audit_log_head',
      'update audit_log_head set id = 1',
    ];
    for (const statement of refused)
      await expect(db.$client.query(statement), statement).rejects.toThrow(
        /append-only|only moves forward/,
      );
    expect((await verifyChainPg(db.$client)).ok).toBe(true);
  });

  it('refuses rows that skip an id, are back-dated or are not chained to the last row', async () => {
    const head = (
      await db.$client.query('select id, at, hash from audit_log order by id desc limit 1')
    ).rows[0] as { id: number; at: string; hash: string };
    const insert = (row: Record<string, unknown>) => {
      const full: Record<string, unknown> = {
        ...record(1),
        changed_fields: '["alias"]',
        subjects: null,
        ...row,
      };
      if (!('hash' in row)) full.hash = rowHash(full);
      const cols = Object.keys(full);
      return db.$client.query(
        `insert into audit_log (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        cols.map((c) => full[c]),
      );
    };
    const later = new Date(Date.parse(head.at) + 1000).toISOString();
    await expect(insert({ id: head.id + 2, at: later, prev_hash: head.hash })).rejects.toThrow(
      /next id/,
    );
    await expect(insert({ id: head.id + 1, at: later, prev_hash: 'f'.repeat(64) })).rejects.toThrow(
      /not chained/,
    );
    await expect(
      insert({ id: head.id + 1, at: '2000-01-01T00:00:00.000Z', prev_hash: head.hash }),
    ).rejects.toThrow(/dated before/);
    await expect(
      insert({ id: head.id + 1, at: later, prev_hash: head.hash, hash: null }),
    ).rejects.toThrow(/not chained/);
  });

  it('hashes rows exactly as SQLite does, so a copied chain verifies on SQLite too', async () => {
    const rows = (await db.$client.query('select * from audit_log order by id')).rows as Record<
      string,
      unknown
    >[];
    const dir = mkdtempSync(join(tmpdir(), 'begegnung-chain-'));
    const lite = openDatabase(join(dir, 'copy.db'));
    try {
      runMigrations(lite);
      const cols = Object.keys(rows[0]!);
      const ins = lite.$client.prepare(
        `insert into audit_log (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`,
      );
      for (const r of rows)
        ins.run(
          Object.fromEntries(
            cols.map((c) => [
              c,
              r[c] !== null && typeof r[c] === 'object' ? JSON.stringify(r[c]) : r[c],
            ]),
          ),
        );
      expect(verifyChain(lite.$client)).toMatchObject({ ok: true, rowsChecked: rows.length });
    } finally {
      lite.$client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows tampering by someone who switched the triggers off (altered row, cut-off end)', async () => {
    const c = await db.$client.connect();
    try {
      await c.query('begin');
      await c.query('alter table audit_log disable trigger user');
      await c.query(`update audit_log set reason = 'edited' where id = 2`);
      expect(await verifyChainPg(c)).toMatchObject({
        ok: false,
        problem: { kind: 'altered', rowId: 2 },
      });
      await c.query('rollback');

      await c.query('begin');
      await c.query('alter table audit_log disable trigger user');
      await c.query('delete from audit_log where id = (select max(id) from audit_log)');
      expect(await verifyChainPg(c)).toMatchObject({
        ok: false,
        problem: { kind: 'missing', rowId: 15 },
      });
      await c.query('rollback');
    } finally {
      c.release();
    }
    expect((await verifyChainPg(db.$client)).ok).toBe(true);
  });
});

describe('record keys and first/last attendance on PostgreSQL', () => {
  it('gives new rows a fixed random key and keeps first/last attendance of counted entries', async () => {
    const [op] = await db
      .insert(t.operators)
      .values({ name: 'Träger', legalForm: 'e_v' })
      .returning();
    const [centre] = await db
      .insert(t.centres)
      .values({ name: 'Z', code: 'QAA', operatorId: op!.id, address: 'A 1', district: 'Mitte' })
      .returning();
    const [user] = await db
      .insert(t.users)
      .values({ email: 'a@example.org', displayName: 'A', passwordHash: 'x' })
      .returning();
    const [activity] = await db
      .insert(t.activities)
      .values({ name: 'Café', defaultDurationMinutes: 60 })
      .returning();
    const [p] = await db
      .insert(t.participants)
      .values({ code: 'P-1', centreId: centre!.id })
      .returning();
    expect(p!.recordKey).toBeGreaterThan(0);
    expect(p!.recordKey).toBeLessThan(2 ** 32);
    expect(p!.languages).toEqual([]);
    // drizzle wraps the driver's error; the trigger's message is its cause.
    await expect(
      db.update(t.participants).set({ recordKey: 5 }).where(eq(t.participants.id, p!.id)),
    ).rejects.toMatchObject({ cause: { message: 'record_key is fixed' } });

    const encounter = async (date: string) => {
      const [e] = await db
        .insert(t.encounters)
        .values({
          centreId: centre!.id,
          activityId: activity!.id,
          date,
          startTime: '10:00',
          durationMinutes: 60,
          authorId: user!.id,
          clientRequestId: date,
        })
        .returning();
      await db.insert(t.encounterAttendees).values({ encounterId: e!.id, participantId: p!.id });
      return e!;
    };
    const attendance = async () =>
      (
        await db
          .select({ first: t.participants.firstAttendedOn, last: t.participants.lastAttendedOn })
          .from(t.participants)
          .where(eq(t.participants.id, p!.id))
      )[0];
    const march = await encounter('2026-03-10');
    await encounter('2026-01-05');
    const may = await encounter('2026-05-20');
    expect(may.recordKey).toBeGreaterThan(0);
    expect(await attendance()).toEqual({ first: '2026-01-05', last: '2026-05-20' });
    await db
      .update(t.encounters)
      .set({ voidedAt: '2026-06-01T00:00:00.000Z' })
      .where(eq(t.encounters.id, may.id));
    expect(await attendance()).toEqual({ first: '2026-01-05', last: '2026-03-10' });
    await db.update(t.encounters).set({ date: '2025-12-24' }).where(eq(t.encounters.id, march.id));
    expect(await attendance()).toEqual({ first: '2025-12-24', last: '2026-01-05' });
    await db.delete(t.encounterAttendees).where(eq(t.encounterAttendees.encounterId, march.id));
    expect(await attendance()).toEqual({ first: '2026-01-05', last: '2026-01-05' });
  });
});

describe('published reports on PostgreSQL', () => {
  it('are frozen: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await db.insert(t.publishedReports).values({
      periodFrom: '2026-01-01',
      periodTo: '2026-03-31',
      scopeKey: 'all',
      figuresJson: '{}',
      pdf: Buffer.from('%PDF-1.7'),
      csv: Buffer.from('a;b'),
      figuresSha256: 'f',
      pdfSha256: 'p',
      csvSha256: 'c',
      dataMaxAuditId: 0,
      dataAsOf: '2026-04-01T00:00:00.000Z',
      publishedByEmail: 'c@example.org',
    });
    const [row] = await db.select().from(t.publishedReports);
    expect(row!.pdf.toString()).toBe('%PDF-1.7');
    for (const statement of [
      `update published_reports set scope_key = 'x'`,
      'delete from published_reports',
      'truncate published_reports cascade',
    ])
      await expect(db.$client.query(statement), statement).rejects.toThrow(/frozen/);
  });
});
