// Moving a city from SQLite to PostgreSQL (`npm run db:copy`): the demo city with its history,
// sign-ins and audit trail copied into a real PostgreSQL database built by drizzle-pg, every
// table's rows and the audit chain checked; refused into a non-empty target and from a
// tampered source, leaving the target as it was.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditRowPg } from '../src/db/audit-chain-pg.ts';
import { CopyError, copySqliteToPg } from '../src/db/copy.ts';
import { openPgDatabase, runPgMigrations, type PgDb } from '../src/db/pg-client.ts';
import { seedDemoIfEmpty } from '../src/seed/demo.ts';
import { createTestApp, userClient } from './helper.ts';
import { createPgTestDatabase } from './pg-helper.ts';

const apiDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const t = await createTestApp();

let target: PgDb;
let targetUrl: string;
beforeAll(async () => {
  await seedDemoIfEmpty(t.db);
  // Requests that write sessions, audit rows with subjects and a consent, as a real city has.
  const coordinator = await userClient(t, ['coordinator']);
  expect((await coordinator.request({ method: 'GET', url: '/api/participants' })).statusCode).toBe(
    200,
  );
  expect(
    (await coordinator.request({ method: 'GET', url: '/api/reporting/dashboard' })).statusCode,
  ).toBe(200);
  targetUrl = await createPgTestDatabase();
  target = openPgDatabase(targetUrl, { max: 2 });
  await runPgMigrations(target);
}, 120_000);
afterAll(async () => {
  await target?.$client.end();
});

const sqliteCount = (db: Database.Database, table: string) =>
  (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;

async function pgCount(table: string) {
  const { rows } = await target.$client.query<{ n: string }>(
    `select count(*) as n from "${table}"`,
  );
  return Number(rows[0]!.n);
}

async function withClient<T>(fn: (c: pg.PoolClient) => Promise<T>) {
  const c = await target.$client.connect();
  try {
    return await fn(c);
  } finally {
    c.release();
  }
}

describe('db:copy from SQLite to PostgreSQL', () => {
  it('copies every table and the audit chain, then the target goes on as a live database', async () => {
    const source = t.db.$client;
    const report = await withClient((c) => copySqliteToPg(source, c));

    // Every table of the source, including those the target's triggers fill, has its rows.
    const sourceTables = (
      source
        .prepare(
          `select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
             and name <> '__drizzle_migrations'`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    expect(report.tables.map((x) => x.name).sort()).toEqual(sourceTables.sort());
    for (const table of sourceTables) {
      // Rollup rows whose figures are all zero (left by voids) are not rebuilt in the target.
      const expected =
        table === 'encounter_day_rollup'
          ? (
              source
                .prepare(
                  `select count(*) as n from encounter_day_rollup where not (encounters = 0
                     and minutes = 0 and newcomers = 0 and anonymous_key = 0 and mixed = 0)`,
                )
                .get() as { n: number }
            ).n
          : sqliteCount(source, table);
      expect(await pgCount(table), table).toBe(expected);
    }
    expect(await pgCount('person_month_rollup')).toBeGreaterThan(0);
    for (const busy of ['encounters', 'encounter_attendees', 'participants', 'audit_log']) {
      expect(sqliteCount(source, busy), busy).toBeGreaterThan(0);
    }
    expect(sqliteCount(source, 'audit_subjects')).toBeGreaterThan(0);
    expect(report.totalRows).toBeGreaterThan(1000);

    // Values arrive typed: booleans, JSON, dates; the audit head is the source's.
    const group = source
      .prepare(`select id, active, weekdays from recurring_groups order by id limit 1`)
      .get() as { id: number; active: number; weekdays: string };
    const copied = (
      await target.$client.query(`select active, weekdays from recurring_groups where id = $1`, [
        group.id,
      ])
    ).rows[0] as { active: boolean; weekdays: unknown };
    expect(copied.active).toBe(group.active === 1);
    expect(copied.weekdays).toEqual(JSON.parse(group.weekdays));
    const head = source
      .prepare(`select id, hash from audit_log order by id desc limit 1`)
      .get() as { id: number; hash: string };
    expect(report.auditHead).toMatchObject(head);

    // New rows continue after the copied ids, and the chain goes on from the copied head.
    const { rows } = await target.$client.query<{ id: number }>(
      `insert into operators (name, legal_form) values ('Nach dem Umzug e. V.', 'e_v') returning id`,
    );
    const maxBefore = (source.prepare(`select max(id) as m from operators`).get() as { m: number })
      .m;
    expect(rows[0]!.id).toBeGreaterThan(maxBefore);
    const next = await withClient(async (c) => {
      await c.query('begin');
      const h = await appendAuditRowPg(c, {
        actor_email: 'system:copy-test',
        action: 'create',
        entity_type: 'operator',
        entity_id: String(rows[0]!.id),
      });
      await c.query('commit');
      return h;
    });
    expect(next.id).toBe(head.id + 1);
  });

  it('refuses a target that already holds data and leaves it unchanged', async () => {
    const before = await pgCount('encounters');
    const error = await withClient((c) => copySqliteToPg(t.db.$client, c)).catch((e) => e);
    expect(error).toBeInstanceOf(CopyError);
    expect((error as CopyError).code).toBe('TARGET_NOT_EMPTY');
    expect(await pgCount('encounters')).toBe(before);
  });

  it('refuses a source whose audit log was edited behind the triggers, copying nothing', async () => {
    // An attacker with the file: a copy, the append-only trigger dropped, one row rewritten.
    const file = join(dirname(t.config.databasePath), 'tampered.db');
    t.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(t.config.databasePath, file);
    const tampered = new Database(file);
    const triggers = tampered
      .prepare(`select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'`)
      .all() as { name: string }[];
    for (const tr of triggers) tampered.exec(`drop trigger "${tr.name}"`);
    tampered.exec(`update audit_log set actor_email = 'someone-else@example.org' where id = 2`);

    const freshUrl = await createPgTestDatabase();
    const fresh = openPgDatabase(freshUrl, { max: 1 });
    try {
      await runPgMigrations(fresh);
      const c = await fresh.$client.connect();
      try {
        const error = await copySqliteToPg(tampered, c).catch((e) => e);
        expect(error).toBeInstanceOf(CopyError);
        expect((error as CopyError).code).toBe('SOURCE_CHAIN_BROKEN');
        expect((error as CopyError).message).toMatch(/row 2/);
        const { rows } = await c.query<{ n: string }>('select count(*) as n from participants');
        expect(Number(rows[0]!.n)).toBe(0);
      } finally {
        c.release();
      }
    } finally {
      tampered.close();
      await fresh.$client.end();
    }
  });

  it('runs as `npm run db:copy -- --from <file> --to <url>` and says what it copied', async () => {
    t.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const url = await createPgTestDatabase();
    const tsx = join(apiDir, 'node_modules', '.bin', 'tsx');
    const out = execFileSync(
      tsx,
      ['src/cli/copy.ts', '--', '--from', t.config.databasePath, '--to', url],
      { cwd: apiDir, encoding: 'utf8', env: { ...process.env, INIT_CWD: apiDir } },
    );
    expect(out).toMatch(/Copied \d+ rows in \d+ tables/);
    expect(out).toMatch(/audit chain verified up to row \d+/);

    const misuse = spawnSync(tsx, ['src/cli/copy.ts', '--from', t.config.databasePath], {
      cwd: apiDir,
      encoding: 'utf8',
    });
    expect(misuse.status).toBe(2);
    expect(misuse.stderr).toMatch(/Usage: npm run db:copy/);
  }, 120_000);
});
