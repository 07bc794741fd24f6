import {
  and,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  lt,
  count,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { AuditAction, AuditQuery } from '@begegnung/domain';
import { prepared, type Db } from '../../db/client.ts';
import { auditLog, auditSubjects, centres, participants, users } from '../../db/tables.ts';
import { auditColumns, rowHash, type ChainHead } from '../../db/audit-chain.ts';
import { appendAuditRowPg } from '../../db/audit-chain-pg.ts';
import { ilike, onPg } from '../../db/engine.ts';
import type { PgDb } from '../../db/pg-client.ts';
import { rawGet } from '../../db/raw.ts';
import { withTransactionAsync } from '../../lib/tx.ts';

export interface AuditRecord {
  actorId: number | null;
  actorEmail: string | null;
  action: AuditAction;
  entityType: string;
  entityId?: string | number | null;
  changedFields?: string[] | null;
  reason?: string | null;
  ip?: string | null;
  /** Participant ids this action showed or changed (person-level audit, privacy rule 5, docs/privacy-rules.md). */
  subjects?: readonly number[] | null;
}

/** Sorted, distinct ids as a JSON array, or null when no person was shown. */
const subjectIds = (ids: readonly number[] | null | undefined) =>
  ids && ids.length ? [...new Set(ids)].sort((x, y) => x - y) : null;

const FIXED = new Set(['id', 'at', 'prev_hash', 'hash']);
const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const toSql = (v: unknown) =>
  v === undefined || v === null
    ? null
    : typeof v === 'boolean'
      ? Number(v)
      : typeof v === 'object'
        ? JSON.stringify(v)
        : v;

/**
 * The insert statement over every column of audit_log (read from SQLite once per connection),
 * so a column another module adds is written from the record field of the same name
 * (`subjects` ← `record.subjects`, arrays and objects as JSON) and covered by the hash.
 */
function auditWriter(db: Db) {
  return prepared(db, 'insertAudit', (d) => {
    const client = d.$client;
    const columns = auditColumns(client);
    const head = client.prepare('select id, at, hash from audit_log order by id desc limit 1');
    const insert = client.prepare(
      `insert into audit_log (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    return {
      content: columns.filter((c) => !FIXED.has(c)),
      append: client.transaction((row: Record<string, unknown>) => {
        const last = head.get() as ChainHead | undefined;
        const now = new Date().toISOString();
        // Never before the last row, even if the clock steps back (the trigger would refuse).
        row.at = last && last.at > now ? last.at : now;
        row.id = (last?.id ?? 0) + 1;
        row.prev_hash = last?.hash ?? null;
        row.hash = rowHash(row);
        insert.run(row);
      }),
    };
  });
}

/**
 * Appends one row to the hash chain: the next id, the previous row's hash and this row's
 * hash, serialised in one IMMEDIATE transaction (or a savepoint of the caller's, so the row
 * commits or rolls back with the change it records). Every write and every personal-data read
 * goes through here.
 */
export async function insertAudit(db: Db, r: AuditRecord) {
  const w = onPg ? { content: PG_CONTENT } : auditWriter(db);
  const record = { ...r, subjects: subjectIds(r.subjects) } as unknown as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const c of w.content) {
    const v =
      c === 'entity_id' && record.entityId != null ? String(record.entityId) : record[camel(c)];
    row[c] = toSql(v);
  }
  if (onPg) {
    // The same canonical row and hash, appended under the chain's advisory lock inside the
    // caller's transaction (or one of its own), on the transaction's connection.
    await withTransactionAsync(db, (tx) => appendAuditRowPg(pgClientOf(tx), row));
    return;
  }
  const sqliteWriter = w as ReturnType<typeof auditWriter>;
  if (db.$client.inTransaction) sqliteWriter.append(row);
  else sqliteWriter.append.immediate(row);
}

/** Every audit_log column except the chain's own, from the pg table declaration. */
const PG_CONTENT = Object.values(getTableColumns(auditLog))
  .map((c) => c.name)
  .filter((c) => !FIXED.has(c));

/** The connection a drizzle pg transaction runs on (its session's client). */
const pgClientOf = (tx: Db) =>
  (tx as unknown as { session: { client: Parameters<typeof appendAuditRowPg>[0] } }).session.client;

/** The last row of the chain (or null for an empty log), on either engine. */
export const auditHead = async (db: Db): Promise<ChainHead | null> =>
  (await rawGet(db)<ChainHead>(sql`select id, at, hash from audit_log order by id desc limit 1`)) ??
  null;

/** Walks the chain on PostgreSQL (the pool or a transaction's connection). */
export const pgQueryable = (db: Db) => (db as unknown as PgDb).$client;

function nextDay(date: string) {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

const escapeLike = (s: string) => `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/**
 * Rows that showed or changed one participant: the subjects index, plus rows naming the
 * person as the object (by id, or by code once erased).
 */
async function subjectCondition(db: Db, code: string): Promise<SQL> {
  const upper = code.toUpperCase();
  const id = (
    await db
      .select({ id: participants.id })
      .from(participants)
      .where(eq(participants.code, upper))
      .limit(1)
  )[0]?.id;
  const byCode = and(eq(auditLog.entityType, 'participant'), eq(auditLog.entityId, upper))!;
  if (id === undefined) return byCode;
  return or(
    byCode,
    sql`${auditLog.id} in (select ${auditSubjects.auditId} from ${auditSubjects} where ${auditSubjects.participantId} = ${id})`,
  )!;
}

async function auditWhere(db: Db, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.participantCode) where.push(await subjectCondition(db, q.participantCode));
  if (q.user) {
    const p = escapeLike(q.user.trim());
    where.push(
      or(
        ilike(auditLog.actorEmail, p),
        sql`${auditLog.actorId} in (select ${users.id} from ${users} where ${ilike(users.displayName, p)})`,
      )!,
    );
  }
  if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.from) where.push(gte(auditLog.at, `${q.from}T00:00:00.000Z`));
  if (q.to) where.push(lt(auditLog.at, nextDay(q.to)));
  return where.length ? and(...where) : undefined;
}

export async function queryAudit(db: Db, q: AuditQuery) {
  const cond = await auditWhere(db, q);
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  const items = await db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  const total = (await db.select({ n: count() }).from(auditLog).where(cond).limit(1))[0]?.n ?? 0;
  return { items, total, limit, offset };
}

/** Every matching row, newest first, up to `max` (exports ignore paging). */
export const exportAudit = async (db: Db, q: AuditQuery, max: number) =>
  await db
    .select()
    .from(auditLog)
    .where(await auditWhere(db, q))
    .orderBy(desc(auditLog.id))
    .limit(max);

/** Readable handles for the ids in a page of audit rows: user names, participant and centre codes. */
export async function auditLabels(
  db: Db,
  ids: { users: number[]; participants: number[]; centres: number[] },
) {
  const uniq = (xs: number[]) => [...new Set(xs)];
  const u = ids.users.length
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, uniq(ids.users)))
    : [];
  const p = ids.participants.length
    ? await db
        .select({ id: participants.id, code: participants.code })
        .from(participants)
        .where(inArray(participants.id, uniq(ids.participants)))
    : [];
  const c = ids.centres.length
    ? await db
        .select({ id: centres.id, code: centres.code })
        .from(centres)
        .where(inArray(centres.id, uniq(ids.centres)))
    : [];
  return {
    users: new Map(u.map((x) => [x.id, x.name])),
    participants: new Map(p.map((x) => [x.id, x.code])),
    centres: new Map(c.map((x) => [x.id, x.code])),
  };
}

const failedCount = async (db: Db, where: SQL, since: string) =>
  (
    await db
      .select({ n: count() })
      .from(auditLog)
      .where(and(sql`${auditLog.action} = 'login_failed'`, gte(auditLog.at, since), where))
      .limit(1)
  )[0]?.n ?? 0;

/** Failed sign-ins since `since` for one account, from one address, or both (partial indexes). */
export const countFailedLogins = async (
  db: Db,
  f: { email?: string; ip?: string },
  since: string,
) =>
  await failedCount(
    db,
    and(
      f.email !== undefined ? eq(auditLog.actorEmail, f.email) : undefined,
      f.ip !== undefined ? eq(auditLog.ip, f.ip) : undefined,
    )!,
    since,
  );

/** Whether this user signed in successfully from this address since `since`. */
export const signedInFrom = async (db: Db, userId: number, ip: string, since: string) =>
  (
    await db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.actorId, userId),
          gte(auditLog.at, since),
          eq(auditLog.action, 'login'),
          eq(auditLog.ip, ip),
        ),
      )
      .limit(1)
  )[0] !== undefined;

/** Reads of personal data per actor and day since `fromIso`. */
export async function dailyReads(db: Db, fromIso: string) {
  return await db
    .select({
      actorId: auditLog.actorId,
      actorEmail: sql<string | null>`max(${auditLog.actorEmail})`,
      day: sql<string>`substr(${auditLog.at}, 1, 10)`,
      reads: sql<number>`count(*)`,
    })
    .from(auditLog)
    .where(and(sql`${auditLog.action} in ('read', 'export')`, gte(auditLog.at, fromIso)))
    .groupBy(auditLog.actorId, sql`substr(${auditLog.at}, 1, 10)`)
    .orderBy(sql`substr(${auditLog.at}, 1, 10) desc`, auditLog.actorId);
}
