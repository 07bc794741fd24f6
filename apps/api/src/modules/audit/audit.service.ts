import { DomainError, hasRole, type AuditQuery, type Role } from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { insertAudit, queryAudit, type AuditRecord } from './audit.repository.ts';

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
