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
import { inTransaction, withTransaction } from '../../lib/tx.ts';
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

function assertCentres(
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
  const found = new Set(existingCentreIds(ctx.db, centreIds));
  const missing = centreIds.filter((id) => !found.has(id));
  if (missing.length) {
    throw new DomainError('UNKNOWN_CENTRE', `Unknown centre: ${missing.join(', ')}`, 400, [
      { field: 'centreIds', code: 'unknown', message: `Unknown centre ${missing.join(', ')}` },
    ]);
  }
}

/** Read other modules use inside their own checks (no role gate). */
export { findUser } from './users.repository.ts';

export function listUsers(ctx: ServiceContext, q: UserListQuery) {
  requireRole(ctx, ENTITY, 'admin');
  return repo.listUsers(ctx.db, q);
}

export function getUser(ctx: ServiceContext, id: number) {
  requireRole(ctx, ENTITY, 'admin');
  const user = repo.findUser(ctx.db, id);
  if (!user) throw notFound('User');
  return user;
}

export async function createUser(ctx: ServiceContext, body: CreateUserBody) {
  requireRole(ctx, ENTITY, 'admin');
  const email = body.email.trim().toLowerCase();
  assertPassword(body.password, email);
  assertCentres(ctx, body.roles, body.centreIds);
  if (repo.emailExists(ctx.db, email)) {
    throw new DomainError('EMAIL_TAKEN', 'A user with this email already exists', 409, [
      { field: 'email', code: 'taken', message: 'Email already in use' },
    ]);
  }
  const passwordHash = await hashPassword(body.password);
  const id = inTransaction(ctx, (tx) => {
    const newId = repo.insertUser(tx.db, {
      email,
      displayName: body.displayName.trim(),
      passwordHash,
      roles: body.roles,
      centreIds: body.centreIds,
    });
    audit(tx, { action: 'create', entityType: ENTITY, entityId: newId });
    return newId;
  });
  return repo.findUser(ctx.db, id)!;
}

export function updateUser(ctx: ServiceContext, id: number, body: UpdateUserBody) {
  requireRole(ctx, ENTITY, 'admin');
  const before = repo.findUser(ctx.db, id);
  if (!before) throw notFound('User');
  const roles = body.roles ?? before.roles;
  const centreIds = body.centreIds ?? before.centreIds;
  if (body.roles || body.centreIds) assertCentres(ctx, roles, centreIds);

  const losesAdmin =
    before.roles.includes('admin') &&
    before.active &&
    (body.active === false || !roles.includes('admin'));
  if (id === ctx.actor.userId && body.active === false) {
    throw new DomainError('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate your own account', 400);
  }
  if (losesAdmin && repo.countActiveAdmins(ctx.db) <= 1) {
    throw new DomainError('LAST_ADMIN', 'At least one active administrator must remain', 409);
  }

  inTransaction(ctx, (tx) => {
    repo.updateUserRow(tx.db, id, {
      ...(body.displayName !== undefined && { displayName: body.displayName.trim() }),
      ...(body.active !== undefined && { active: body.active }),
    });
    repo.replaceLinks(tx.db, id, body.roles, body.centreIds);
    if (body.active === false) endSessionsOfUser(tx.db, id);
    const after = repo.findUser(tx.db, id)!;
    audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: changedFields(before, after),
    });
  });
  return repo.findUser(ctx.db, id)!;
}

export async function resetPassword(ctx: ServiceContext, id: number, body: ResetPasswordBody) {
  requireRole(ctx, ENTITY, 'admin');
  const user = repo.findUser(ctx.db, id);
  if (!user) throw notFound('User');
  assertPassword(body.password, user.email);
  const passwordHash = await hashPassword(body.password);
  inTransaction(ctx, (tx) => {
    repo.updateUserRow(tx.db, id, { passwordHash });
    // A reset ends every session: whoever knew the old password is out.
    endSessionsOfUser(tx.db, id);
    audit(tx, { action: 'update', entityType: ENTITY, entityId: id, changedFields: ['password'] });
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
  const existing = repo.findBySubject(db, who.issuer, who.subject);
  const centreIds = who.access
    ? existingCentreIds(db, who.access.centreIds).sort((a, b) => a - b)
    : [];
  const access =
    who.access && userCentresValid(who.access.roles, centreIds)
      ? { roles: [...who.access.roles], centreIds }
      : null;
  const email = who.email.trim().toLowerCase();
  if (!access) {
    if (existing) {
      withTransaction(db, (tx) => {
        const before = repo.findUser(tx, existing.id)!;
        repo.replaceLinks(tx, existing.id, [], []);
        const ended = endSessionsOfUser(tx, existing.id);
        auditAs(tx, {
          actorId: existing.id,
          actorEmail: existing.email,
          action: 'update',
          entityType: ENTITY,
          entityId: existing.id,
          changedFields: changedFields(before, repo.findUser(tx, existing.id)!),
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
    if (repo.emailExists(db, email))
      throw new DomainError('EMAIL_TAKEN', 'A local account already has this email', 409);
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    return withTransaction(db, (tx) => {
      const id = repo.insertUser(tx, {
        email,
        displayName: who.displayName,
        passwordHash,
        roles: access.roles,
        centreIds: access.centreIds,
        oidcIssuer: who.issuer,
        oidcSubject: who.subject,
      });
      auditAs(tx, {
        actorId: id,
        actorEmail: email,
        action: 'create',
        entityType: ENTITY,
        entityId: id,
        reason: 'single sign-on: first sign-in',
        ip,
      });
      return repo.findByEmail(tx, email)!;
    });
  }
  return withTransaction(db, (tx) => {
    const before = repo.findUser(tx, existing.id)!;
    const other = email !== existing.email ? repo.findByEmail(tx, email) : undefined;
    repo.updateUserRow(tx, existing.id, {
      ...(email !== existing.email && !other && { email }),
      ...(who.displayName !== existing.displayName && { displayName: who.displayName }),
    });
    repo.replaceLinks(tx, existing.id, access.roles, access.centreIds);
    const changed = changedFields(before, repo.findUser(tx, existing.id)!);
    if (changed.length > 0)
      auditAs(tx, {
        actorId: existing.id,
        actorEmail: existing.email,
        action: 'update',
        entityType: ENTITY,
        entityId: existing.id,
        changedFields: changed,
        reason: 'single sign-on: roles and centres from the groups',
        ip,
      });
    return repo.findBySubject(tx, who.issuer, who.subject)!;
  });
}
