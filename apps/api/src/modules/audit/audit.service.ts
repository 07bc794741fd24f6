import { DomainError, hasRole, type AuditQuery, type Role } from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { flagUnusualReads, READ_VOLUME_THRESHOLD } from '@begegnung/domain';
import { csvDateTime, toCsv } from '../../lib/csv.ts';
import { exportAudit, insertAudit, queryAudit, type AuditRecord } from './audit.repository.ts';
import { dailyReads } from '../privacy/privacy.repository.ts';

type Entry = Omit<AuditRecord, 'actorId' | 'actorEmail' | 'ip'>;

/** Record what the actor did. Writes run inside the caller's transaction when there is one. */
export function audit(ctx: ServiceContext, entry: Entry) {
  insertAudit(ctx.db, {
    ...entry,
    actorId: ctx.actor.userId,
    actorEmail: ctx.actor.email,
    ip: ctx.ip,
  });
}

/** Record a denial, then throw. 404 hides whether the object exists at all. */
export function deny(
  ctx: ServiceContext,
  entityType: string,
  entityId: string | number | null,
  status: 403 | 404 = 403,
): never {
  audit(ctx, {
    action: 'denied',
    entityType,
    entityId,
    reason: status === 404 ? 'not visible' : 'forbidden',
  });
  throw status === 404
    ? new DomainError('NOT_FOUND', `${entityType} not found`, 404)
    : new DomainError('FORBIDDEN', 'You are not allowed to do this', 403);
}

/** Role gate used at the top of service functions; denials are audited. */
export function requireRole(ctx: ServiceContext, entityType: string, ...roles: Role[]) {
  if (!hasRole(ctx.actor, ...roles)) deny(ctx, entityType, null, 403);
}

export function listAudit(ctx: ServiceContext, q: AuditQuery) {
  requireRole(ctx, 'audit_log', 'data_protection');
  return queryAudit(ctx.db, q);
}

/** Rows in one export at most; narrow the filter for more. */
export const AUDIT_EXPORT_MAX = 100_000;

export function auditCsv(ctx: ServiceContext, q: AuditQuery) {
  requireRole(ctx, 'audit_log', 'data_protection');
  const rows = exportAudit(ctx.db, q, AUDIT_EXPORT_MAX);
  audit(ctx, {
    action: 'export',
    entityType: 'audit_log',
    entityId: null,
    reason: `${rows.length} rows`,
  });
  return toCsv([
    ['Zeit', 'Benutzer-ID', 'E-Mail', 'Aktion', 'Objekt', 'Objekt-ID', 'Felder', 'Grund', 'IP'],
    ...rows.map((r) => [
      csvDateTime(r.at),
      r.actorId,
      r.actorEmail,
      r.action,
      r.entityType,
      r.entityId,
      r.changedFields?.join(', '),
      r.reason,
      r.ip,
    ]),
  ]);
}

/** Reads of personal data per user and day over the last `days`, unusual days flagged. */
export function readVolume(ctx: ServiceContext, days: number, now = new Date()) {
  requireRole(ctx, 'audit_log', 'data_protection');
  const from = new Date(now.getTime() - days * 86_400_000).toISOString();
  return {
    days,
    threshold: READ_VOLUME_THRESHOLD,
    rows: flagUnusualReads(dailyReads(ctx.db, from)),
  };
}
