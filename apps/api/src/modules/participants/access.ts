import { canReadCentreData, canWriteCentreData, hasRole, localNow } from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { deny, requireRole } from '../audit/audit.service.ts';

/** Today's date in Göttingen: consent validity and "future" are judged in local time. */
export const today = () => localNow().date;

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
