/**
 * Access rules of the API in one place: role gates and the centre-data rules. Every refusal
 * throws a DeniedError; the error handler writes the 'denied' audit row from it, so a denial
 * is kept even when the request's transaction rolls back. Hiring's procedure-level rules
 * (who sits on which panel) live in modules/hiring/access.ts and build on these.
 */
import {
  NOT_FOUND_MESSAGE,
  canReadCentreData,
  canWriteCentreData,
  hasRole,
  type Role,
} from '@begegnung/domain';
import { DeniedError } from '../../lib/denial.ts';
import type { ServiceContext } from '../../types.ts';

/**
 * Refuse: 404 hides whether the object exists at all. The error handler writes the 'denied'
 * audit row from the thrown error, so it is kept even when a transaction rolls back.
 */
export function deny(
  _ctx: ServiceContext,
  entityType: string,
  entityId: string | number | null,
  status: 403 | 404 = 403,
): never {
  throw status === 404
    ? new DeniedError('NOT_FOUND', NOT_FOUND_MESSAGE, 404, entityType, entityId, 'not visible')
    : new DeniedError(
        'FORBIDDEN',
        'You are not allowed to do this',
        403,
        entityType,
        entityId,
        'forbidden',
      );
}

/** Role gate used at the top of service functions; denials are audited. */
export function requireRole(ctx: ServiceContext, entityType: string, ...roles: Role[]) {
  if (!hasRole(ctx.actor, ...roles)) deny(ctx, entityType, null, 403);
}

/** Roles that work with participant data at all; others get an audited 403. */
export const requireCentreDataRole = (ctx: ServiceContext, entity: string) =>
  requireRole(ctx, entity, 'centre_staff', 'coordinator');

/** Another centre's object: audited 404, so its existence does not leak. */
export function assertCanRead(
  ctx: ServiceContext,
  entity: string,
  id: number | null,
  centreId: number,
) {
  if (!canReadCentreData(ctx.actor, centreId)) deny(ctx, entity, id, 404);
}

/**
 * Writes: centre staff of that centre. A coordinator who can read the object but not write
 * it gets 403; anyone who cannot even read it gets 404.
 */
export function assertCanWrite(
  ctx: ServiceContext,
  entity: string,
  id: number | null,
  centreId: number,
) {
  assertCanRead(ctx, entity, id, centreId);
  if (!canWriteCentreData(ctx.actor, centreId)) deny(ctx, entity, id, 403);
}

/** The centres whose data a list may show: all for coordinators, own ones for staff. */
export const visibleCentreIds = (ctx: ServiceContext): number[] | null =>
  hasRole(ctx.actor, 'coordinator') ? null : [...ctx.actor.centreIds];
