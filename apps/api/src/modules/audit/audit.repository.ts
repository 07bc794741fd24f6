import { and, desc, eq, gte, lt, count, type SQL } from 'drizzle-orm';
import type { AuditAction, AuditQuery } from '@begegnung/domain';
import { prepared, type Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';

export interface AuditRecord {
  actorId: number | null;
  actorEmail: string | null;
  action: AuditAction;
  entityType: string;
  entityId?: string | number | null;
  changedFields?: string[] | null;
  reason?: string | null;
  ip?: string | null;
}

/** Plain prepared insert: every write and every personal-data read goes through here. */
export function insertAudit(db: Db, r: AuditRecord) {
  prepared(db, 'insertAudit', (d) =>
    d.$client.prepare(
      `insert into audit_log (actor_id, actor_email, action, entity_type, entity_id, changed_fields, reason, ip)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
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
  );
}

function nextDay(date: string) {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

function auditWhere(q: AuditQuery) {
  const where: SQL[] = [];
  if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.from) where.push(gte(auditLog.at, `${q.from}T00:00:00.000Z`));
  if (q.to) where.push(lt(auditLog.at, nextDay(q.to)));
  return where.length ? and(...where) : undefined;
}

export function queryAudit(db: Db, q: AuditQuery) {
  const cond = auditWhere(q);
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
  db.select().from(auditLog).where(auditWhere(q)).orderBy(desc(auditLog.id)).limit(max).all();

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
