// The PostgreSQL application role, attacked with its own credentials: it works the data the
// API needs, appends to the audit chain, and cannot rewrite, delete or truncate the audit log
// or a frozen report, disable the triggers that guard them, or change the schema.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditRowPg, verifyChainPg } from '../src/db/audit-chain-pg.ts';
import { openPgDatabase, runPgMigrations } from '../src/db/pg-client.ts';
import { grantApplicationRole } from '../src/db/pg-roles.ts';
import { createPgTestDatabase } from './pg-helper.ts';

const role = `begegnung_app_${Date.now().toString(36)}`;
let app: pg.Client;

beforeAll(async () => {
  const url = await createPgTestDatabase();
  const owner = openPgDatabase(url, { max: 1 });
  await runPgMigrations(owner);
  const c = await owner.$client.connect();
  try {
    await c.query(`create role ${role} login password 'app-secret'`);
    await c.query(`grant connect on database ${new URL(url).pathname.slice(1)} to ${role}`);
    await grantApplicationRole(c, role);
    await grantApplicationRole(c, role); // idempotent
  } finally {
    c.release();
    await owner.$client.end();
  }
  const as = new URL(url);
  as.username = role;
  as.password = 'app-secret';
  app = new pg.Client({ connectionString: as.toString() });
  await app.connect();
});
afterAll(async () => {
  await app?.end();
});

/** The SQLSTATE a statement run as the application role fails with. */
async function refusal(sql: string) {
  await app.query('savepoint attempt');
  try {
    await app.query(sql);
    return 'allowed';
  } catch (e) {
    return (e as { code: string }).code;
  } finally {
    await app.query('rollback to savepoint attempt');
  }
}

describe('the application role on PostgreSQL', () => {
  it('does the work the API needs: ordinary rows and appending to the audit chain', async () => {
    await app.query('begin');
    const { rows } = await app.query<{ id: number }>(
      `insert into operators (name, legal_form) values ('Rollentest e. V.', 'e_v') returning id`,
    );
    await app.query(`update operators set name = 'Rollentest gGmbH' where id = $1`, [rows[0]!.id]);
    await appendAuditRowPg(app, {
      actor_email: 'app@example.org',
      action: 'create',
      entity_type: 'operator',
      entity_id: String(rows[0]!.id),
      subjects: [1, 2],
    });
    await app.query(`delete from operators where id = $1`, [rows[0]!.id]);
    await app.query('commit');
    expect((await verifyChainPg(app)).ok).toBe(true);
    const subjects = await app.query('select count(*)::int as n from audit_subjects');
    expect(subjects.rows[0].n).toBe(2);
  });

  it('cannot rewrite, delete or truncate the audit log, its head, its index or a frozen report', async () => {
    await app.query('begin');
    try {
      for (const sql of [
        `update audit_log set actor_email = 'someone-else@example.org'`,
        `delete from audit_log`,
        `truncate audit_log`,
        `delete from audit_log_head`,
        `update audit_subjects set participant_id = 99`,
        `delete from audit_subjects`,
        `update published_reports set pdf_sha256 = 'x'`,
        `delete from published_reports`,
      ]) {
        expect(await refusal(sql), sql).toBe('42501'); // insufficient_privilege
      }
    } finally {
      await app.query('rollback');
    }
  });

  it('cannot switch the guarding triggers off, hand itself rights or change the schema', async () => {
    await app.query('begin');
    try {
      for (const sql of [
        `alter table audit_log disable trigger all`,
        `alter table audit_log disable trigger audit_log_no_update`,
        `drop trigger audit_log_no_delete on audit_log`,
        `drop table audit_log`,
        `create table shadow (id int)`,
        `set session_replication_role = replica`,
      ]) {
        expect(['42501', '42939'], sql).toContain(await refusal(sql));
      }
      // Granting itself a right only warns ("no privileges were granted") and changes nothing.
      await app.query(`grant update on audit_log to ${role}`);
      expect(await refusal(`update audit_log set actor_email = 'x'`)).toBe('42501');
    } finally {
      await app.query('rollback');
    }
  });
});
