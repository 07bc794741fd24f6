import { and, desc, eq, gte, inArray, lt, count, or, sql, type SQL } from 'drizzle-orm';
import type { AuditAction, AuditQuery } from '@begegnung/domain';
import { prepared, type Db } from '../../db/client.ts';
import { auditLog, auditSubjects, centres, participants, users } from '../../db/schema/index.ts';

export interface AuditRecord {
  actorId: number | null;
  actorEmail: string | null;
  action: AuditAction;
  entityType: string;
  entityId?: string | number | null;
  changedFields?: string[] | null;
  reason?: string | null;
  ip?: string | null;
  /** Participant ids this action showed or changed (person-level audit, BRIEF §6.5). */
  subjects?: readonly number[] | null;
}

/** Sorted, distinct ids as a JSON array, or null when no person was shown. */
const subjectsJson = (ids: readonly number[] | null | undefined) =>
  ids && ids.length ? JSON.stringify([...new Set(ids)].sort((a, b) => a - b)) : null;

/** Plain prepared insert: every write and every personal-data read goes through here. */
export function insertAudit(db: Db, r: AuditRecord) {
  prepared(db, 'insertAudit', (d) =>
    d.$client.prepare(
      `insert into audit_log (actor_id, actor_email, action, entity_type, entity_id, changed_fields, reason, ip, subjects)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  ).run(
    r.actorId,
    r.actorEmail,
    r.action,
    r.entityType,
    r.entityId == null ? null : String(r.entityId),
    r.changedFields ? JSON.stringify(r.changedFields) : null,
    r.reason ?? null,
    r.ip ?? null,
    subjectsJson(r.subjects),
  );
}

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
function subjectCondition(db: Db, code: string): SQL {
  const upper = code.toUpperCase();
  const id = db
    .select({ id: participants.id })
    .from(participants)
    .where(eq(participants.code, upper))
    .get()?.id;
  const byCode = and(eq(auditLog.entityType, 'participant'), eq(auditLog.entityId, upper))!;
  if (id === undefined) return byCode;
  return or(
    byCode,
    sql`${auditLog.id} in (select ${auditSubjects.auditId} from ${auditSubjects} where ${auditSubjects.participantId} = ${id})`,
  )!;
}

function auditWhere(db: Db, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.participantCode) where.push(subjectCondition(db, q.participantCode));
  if (q.user) {
    const p = escapeLike(q.user.trim());
    where.push(
      or(
        sql`${auditLog.actorEmail} like ${p} escape '\\'`,
        sql`${auditLog.actorId} in (select ${users.id} from ${users} where ${users.displayName} like ${p} escape '\\')`,
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

export function queryAudit(db: Db, q: AuditQuery) {
  const cond = auditWhere(db, q);
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  const items = db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
  const total = db.select({ n: count() }).from(auditLog).where(cond).get()?.n ?? 0;
  return { items, total, limit, offset };
}

/** Every matching row, newest first, up to `max` (exports ignore paging). */
export const exportAudit = (db: Db, q: AuditQuery, max: number) =>
  db.select().from(auditLog).where(auditWhere(db, q)).orderBy(desc(auditLog.id)).limit(max).all();

/** Readable handles for the ids in a page of audit rows: user names, participant and centre codes. */
export function auditLabels(
  db: Db,
  ids: { users: number[]; participants: number[]; centres: number[] },
) {
  const uniq = (xs: number[]) => [...new Set(xs)];
  const u = ids.users.length
    ? db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, uniq(ids.users)))
        .all()
    : [];
  const p = ids.participants.length
    ? db
        .select({ id: participants.id, code: participants.code })
        .from(participants)
        .where(inArray(participants.id, uniq(ids.participants)))
        .all()
    : [];
  const c = ids.centres.length
    ? db
        .select({ id: centres.id, code: centres.code })
        .from(centres)
        .where(inArray(centres.id, uniq(ids.centres)))
        .all()
    : [];
  return {
    users: new Map(u.map((x) => [x.id, x.name])),
    participants: new Map(p.map((x) => [x.id, x.code])),
    centres: new Map(c.map((x) => [x.id, x.code])),
  };
}

/** Failed sign-ins for an email since `since` (uses the time index, then filters). */
export function countFailedLogins(db: Db, email: string, since: string) {
  return (
    db
      .select({ n: count() })
      .from(auditLog)
      .where(
        and(
          gte(auditLog.at, since),
          eq(auditLog.action, 'login_failed'),
          eq(auditLog.actorEmail, email),
        ),
      )
      .get()?.n ?? 0
  );
}
