import {
  DomainError,
  notFound,
  passwordProblem,
  userCentresValid,
  changedFields,
  type CreateUserBody,
  type ResetPasswordBody,
  type UpdateUserBody,
  type Role,
  type UserListQuery,
} from '@begegnung/domain';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { ServiceContext } from '../../types.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { inTransactionAsync, withTransactionAsync } from '../../lib/tx.ts';
import { audit, auditAs } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import { existingCentreIds } from '../centres/centres.service.ts';
import { endSessionsOfUser } from '../auth/auth.service.ts';
import * as repo from './users.repository.ts';

const ENTITY = 'user';

function assertPassword(password: string, email?: string) {
  const problem = passwordProblem(password, email);
  if (problem) {
    throw new DomainError(
      'PASSWORD_TOO_WEAK',
      `Password rejected: ${problem.replace(/_/g, ' ')}`,
      400,
      [
        {
          field: 'password',
          code: problem,
          message: 'At least 12 characters, not a common password',
        },
      ],
    );
  }
}

async function assertCentres(
  ctx: ServiceContext,
  roles: readonly string[],
  centreIds: readonly number[],
) {
  if (!userCentresValid(roles, centreIds)) {
    throw new DomainError(
      'CENTRE_REQUIRED_FOR_STAFF',
      'Centre staff must be linked to at least one centre',
      400,
      [{ field: 'centreIds', code: 'required', message: 'Choose at least one centre' }],
    );
  }
  const found = new Set(await existingCentreIds(ctx.db, centreIds));
  const missing = centreIds.filter((id) => !found.has(id));
  if (missing.length) {
    throw new DomainError('UNKNOWN_CENTRE', `Unknown centre: ${missing.join(', ')}`, 400, [
      { field: 'centreIds', code: 'unknown', message: `Unknown centre ${missing.join(', ')}` },
    ]);
  }
}

/** Read other modules use inside their own checks (no role gate). */
export { countBreakGlassAdmins, findUser } from './users.repository.ts';

export async function listUsers(ctx: ServiceContext, q: UserListQuery) {
  requireRole(ctx, ENTITY, 'admin');
  return await repo.listUsers(ctx.db, q);
}

export async function getUser(ctx: ServiceContext, id: number) {
  requireRole(ctx, ENTITY, 'admin');
  const user = await repo.findUser(ctx.db, id);
  if (!user) throw notFound('User');
  return user;
}

export async function createUser(ctx: ServiceContext, body: CreateUserBody) {
  requireRole(ctx, ENTITY, 'admin');
  const email = body.email.trim().toLowerCase();
  assertPassword(body.password, email);
  await assertCentres(ctx, body.roles, body.centreIds);
  if (await repo.emailExists(ctx.db, email)) {
    throw new DomainError('EMAIL_TAKEN', 'A user with this email already exists', 409, [
      { field: 'email', code: 'taken', message: 'Email already in use' },
    ]);
  }
  const passwordHash = await hashPassword(body.password);
  const id = await inTransactionAsync(ctx, async (tx) => {
    const newId = await repo.insertUser(tx.db, {
      email,
      displayName: body.displayName.trim(),
      passwordHash,
      roles: body.roles,
      centreIds: body.centreIds,
    });
    await audit(tx, { action: 'create', entityType: ENTITY, entityId: newId });
    return newId;
  });
  return (await repo.findUser(ctx.db, id))!;
}

export async function updateUser(ctx: ServiceContext, id: number, body: UpdateUserBody) {
  requireRole(ctx, ENTITY, 'admin');
  const before = await repo.findUser(ctx.db, id);
  if (!before) throw notFound('User');
  const roles = body.roles ?? before.roles;
  const centreIds = body.centreIds ?? before.centreIds;
  if (body.roles || body.centreIds) await assertCentres(ctx, roles, centreIds);

  const losesAdmin =
    before.roles.includes('admin') &&
    before.active &&
    (body.active === false || !roles.includes('admin'));
  if (id === ctx.actor.userId && body.active === false) {
    throw new DomainError('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate your own account', 400);
  }
  if (losesAdmin && (await repo.countActiveAdmins(ctx.db)) <= 1) {
    throw new DomainError('LAST_ADMIN', 'At least one active administrator must remain', 409);
  }

  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateUserRow(tx.db, id, {
      ...(body.displayName !== undefined && { displayName: body.displayName.trim() }),
      ...(body.active !== undefined && { active: body.active }),
    });
    await repo.replaceLinks(tx.db, id, body.roles, body.centreIds);
    if (body.active === false) await endSessionsOfUser(tx.db, id);
    const after = (await repo.findUser(tx.db, id))!;
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: changedFields(before, after),
    });
  });
  return (await repo.findUser(ctx.db, id))!;
}

export async function resetPassword(ctx: ServiceContext, id: number, body: ResetPasswordBody) {
  requireRole(ctx, ENTITY, 'admin');
  const user = await repo.findUser(ctx.db, id);
  if (!user) throw notFound('User');
  assertPassword(body.password, user.email);
  const passwordHash = await hashPassword(body.password);
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateUserRow(tx.db, id, { passwordHash });
    // A reset ends every session: whoever knew the old password is out.
    await endSessionsOfUser(tx.db, id);
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: ['password'],
    });
  });
  return { ok: true as const };
}

/** Who the provider says signed in, and what their groups give them (null: no mapped group). */
export interface SsoIdentity {
  issuer: string;
  subject: string;
  email: string;
  displayName: string;
  access: { roles: Role[]; centreIds: number[] } | null;
}

/**
 * Single sign-on (auth module): the account linked to the provider's subject, created on the
 * first sign-in and brought up to date from the groups on every one. Someone in no mapped
 * group loses their roles and every session and is refused (SSO_NO_ACCESS). Audited as the
 * user's own change (`create` / `update` of `user`, reason "single sign-on").
 */
export async function syncSsoUser(db: Db, who: SsoIdentity, ip?: string) {
  const existing = await repo.findBySubject(db, who.issuer, who.subject);
  const centreIds = who.access
    ? (await existingCentreIds(db, who.access.centreIds)).sort((a, b) => a - b)
    : [];
  const access =
    who.access && userCentresValid(who.access.roles, centreIds)
      ? { roles: [...who.access.roles], centreIds }
      : null;
  const email = who.email.trim().toLowerCase();
  if (!access) {
    if (existing) {
      await withTransactionAsync(db, async (tx) => {
        const before = (await repo.findUser(tx, existing.id))!;
        await repo.replaceLinks(tx, existing.id, [], []);
        const ended = await endSessionsOfUser(tx, existing.id);
        await auditAs(tx, {
          actorId: existing.id,
          actorEmail: existing.email,
          action: 'update',
          entityType: ENTITY,
          entityId: existing.id,
          changedFields: changedFields(before, (await repo.findUser(tx, existing.id))!),
          reason: `single sign-on: in no mapped group; ${ended} session(s) ended`,
          ip,
        });
      });
    }
    throw Object.assign(
      new DomainError('SSO_NO_ACCESS', 'Your groups give you no access to Begegnung', 403),
      { userId: existing?.id ?? null },
    );
  }
  if (existing && !existing.active)
    throw new DomainError('ACCOUNT_DISABLED', 'This account has been deactivated', 403);
  if (!existing) {
    if (await repo.emailExists(db, email))
      throw new DomainError('EMAIL_TAKEN', 'A local account already has this email', 409);
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    return withTransactionAsync(db, async (tx) => {
      const id = await repo.insertUser(tx, {
        email,
        displayName: who.displayName,
        passwordHash,
        roles: access.roles,
        centreIds: access.centreIds,
        oidcIssuer: who.issuer,
        oidcSubject: who.subject,
      });
      await auditAs(tx, {
        actorId: id,
        actorEmail: email,
        action: 'create',
        entityType: ENTITY,
        entityId: id,
        reason: 'single sign-on: first sign-in',
        ip,
      });
      return (await repo.findByEmail(tx, email))!;
    });
  }
  return withTransactionAsync(db, async (tx) => {
    const before = (await repo.findUser(tx, existing.id))!;
    const other = email !== existing.email ? await repo.findByEmail(tx, email) : undefined;
    await repo.updateUserRow(tx, existing.id, {
      ...(email !== existing.email && !other && { email }),
      ...(who.displayName !== existing.displayName && { displayName: who.displayName }),
    });
    await repo.replaceLinks(tx, existing.id, access.roles, access.centreIds);
    const changed = changedFields(before, (await repo.findUser(tx, existing.id))!);
    if (changed.length > 0)
      await auditAs(tx, {
        actorId: existing.id,
        actorEmail: existing.email,
        action: 'update',
        entityType: ENTITY,
        entityId: existing.id,
        changedFields: changed,
        reason: 'single sign-on: roles and centres from the groups',
        ip,
      });
    return (await repo.findBySubject(tx, who.issuer, who.subject))!;
  });
}
