import { hasRole, notFound } from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { deny, requireRole } from '../access/access.ts';
import * as repo from './hiring.repository.ts';

export type HiringRole = 'admin' | 'panel' | 'oversight';

/** Roles that take part in hiring at all; anyone else gets an audited 403. */
export const requireHiringRole = (ctx: ServiceContext, entity: string) =>
  requireRole(ctx, entity, 'admin', 'panel_member', 'oversight');

/**
 * The caller's part in one procedure. Admins (HR) run every procedure; panel members and
 * oversight users only those they are assigned to, and never one they applied to
 * themselves. Anything else answers an audited 404 so existence does not leak.
 */
export async function vacancyAccess(ctx: ServiceContext, vacancyId: number, entity = 'vacancy') {
  requireHiringRole(ctx, entity);
  const vacancy = await repo.findVacancy(ctx.db, vacancyId);
  if (!vacancy) {
    if (hasRole(ctx.actor, 'admin')) throw notFound('Vacancy');
    deny(ctx, entity, vacancyId, 404);
  }
  if (hasRole(ctx.actor, 'admin')) return { vacancy, role: 'admin' as HiringRole };
  const mine = (await repo.membershipsOf(ctx.db, ctx.actor.userId)).filter(
    (m) => m.vacancyId === vacancyId,
  );
  const applied = (await repo.applicantEmails(ctx.db, vacancyId)).has(
    ctx.actor.email.toLowerCase(),
  );
  if (!applied) {
    if (mine.some((m) => m.kind === 'panel') && hasRole(ctx.actor, 'panel_member'))
      return { vacancy, role: 'panel' as HiringRole };
    if (mine.some((m) => m.kind === 'oversight') && hasRole(ctx.actor, 'oversight'))
      return { vacancy, role: 'oversight' as HiringRole };
  }
  deny(ctx, entity, vacancyId, 404);
}

/** Vacancy access, then require one of the given parts (403 for the others). */
export async function requirePart(
  ctx: ServiceContext,
  vacancyId: number,
  entity: string,
  ...parts: HiringRole[]
) {
  const access = await vacancyAccess(ctx, vacancyId, entity);
  if (!parts.includes(access.role)) deny(ctx, entity, vacancyId, 403);
  return access;
}

/** An application and the caller's part in its procedure (404 when not visible). */
export async function applicationAccess(
  ctx: ServiceContext,
  applicationId: number,
  entity = 'application',
) {
  requireHiringRole(ctx, entity);
  const app = await repo.findApplication(ctx.db, applicationId);
  if (!app) {
    if (hasRole(ctx.actor, 'admin')) throw notFound('Application');
    deny(ctx, entity, applicationId, 404);
  }
  const access = await vacancyAccess(ctx, app.vacancyId, entity);
  return { ...access, app };
}

export async function requireApplicationPart(
  ctx: ServiceContext,
  applicationId: number,
  entity: string,
  ...parts: HiringRole[]
) {
  const access = await applicationAccess(ctx, applicationId, entity);
  if (!parts.includes(access.role)) deny(ctx, entity, applicationId, 403);
  return access;
}
