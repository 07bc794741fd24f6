import { withTransactionAsync } from '../../lib/tx.ts';
import { skipDenialAudit } from '../../lib/denial.ts';
import { createHash, randomBytes } from 'node:crypto';
import Tokens from '@fastify/csrf';
import { eq } from 'drizzle-orm';
import {
  DomainError,
  passwordProblem,
  type Actor,
  type ChangePasswordBody,
  type LoginBody,
  type Session,
} from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/tables.ts';
import { getDummyHash, hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { auditAs as insertAudit, countFailedLogins, signedInFrom } from '../audit/audit.service.ts';
import {
  deleteOtherSessions,
  deleteSession,
  deleteSessionsOfUser,
  findActiveSession,
  insertSession,
  rolesAndCentres,
  touchSession,
} from './sessions.repository.ts';
import { readSettings } from '../settings/settings.service.ts';
import { readSsoPolicy } from './oidc.repository.ts';
import type { AuthCache, CachedSession } from './auth-cache.ts';

/** Ends every session of a user (deactivation, password reset by an admin). */
export const endSessionsOfUser = async (db: Db, userId: number) =>
  await deleteSessionsOfUser(db, userId);

const tokens = new Tokens({ saltLength: 10 });

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  session: Session;
  expiresAt: Date;
}

export interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

export interface LoginPolicy {
  ttlHours: number;
  /** Failed sign-ins for one account from one address before that pair is throttled. */
  lockoutThreshold: number;
  /** Failed sign-ins from one address, whatever the accounts, before the address is throttled. */
  addressThreshold: number;
  /** Failed sign-ins for one account from all addresses before only known addresses may try. */
  accountThreshold: number;
}

export const LOCKOUT_WINDOW_MINUTES = 15;
/** An address counts as known for an account after a successful sign-in within this time. */
export const KNOWN_ADDRESS_DAYS = 90;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

async function refuse(
  db: Db,
  email: string,
  ip: string | undefined,
  reason: string,
  code: 'ACCOUNT_LOCKED' | 'RATE_LIMITED',
): Promise<never> {
  await insertAudit(db, {
    actorId: null,
    actorEmail: email,
    action: 'denied',
    entityType: 'session',
    reason,
    ip,
  });
  throw new DomainError(
    code,
    `Too many failed sign-ins. Try again in ${LOCKOUT_WINDOW_MINUTES} minutes.`,
    429,
  );
}

/**
 * Throttles guessing without handing attackers a way to lock others out: failures count per
 * address (spraying many accounts), per account and address (guessing one password), and per
 * account from everywhere (a distributed attack), where only addresses the user signed in from
 * before may still try. The real user elsewhere keeps getting in.
 */
async function throttle(db: Db, email: string, ip: string | undefined, policy: LoginPolicy) {
  const since = minutesAgo(LOCKOUT_WINDOW_MINUTES);
  const addr = ip ?? '';
  if ((await countFailedLogins(db, { ip: addr }, since)) >= policy.addressThreshold)
    await refuse(db, email, ip, 'too many failed sign-ins from this address', 'RATE_LIMITED');
  if ((await countFailedLogins(db, { email, ip: addr }, since)) >= policy.lockoutThreshold)
    await refuse(
      db,
      email,
      ip,
      'account locked for this address after failed sign-ins',
      'ACCOUNT_LOCKED',
    );
  if ((await countFailedLogins(db, { email }, since)) >= policy.accountThreshold) {
    const user = (
      await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1)
    )[0];
    const known =
      user && (await signedInFrom(db, user.id, addr, minutesAgo(KNOWN_ADDRESS_DAYS * 1440)));
    if (!known)
      await refuse(
        db,
        email,
        ip,
        'account under attack: only known addresses may sign in',
        'ACCOUNT_LOCKED',
      );
  }
}

/**
 * Verifies the password and opens a fresh session (a new token every time, so a
 * session id planted before sign-in is worthless).
 */
export async function login(
  db: Db,
  input: LoginBody,
  meta: RequestMeta,
  policy: LoginPolicy,
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  await throttle(db, email, meta.ip, policy);
  const user = (await db.select().from(users).where(eq(users.email, email)).limit(1))[0];
  const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  if (!user || !ok) {
    await insertAudit(db, {
      actorId: user?.id ?? null,
      actorEmail: email,
      action: 'login_failed',
      entityType: 'session',
      ip: meta.ip,
    });
    throw skipDenialAudit(
      new DomainError('INVALID_CREDENTIALS', 'Email or password is wrong', 401),
    );
  }
  if (!user.active) {
    await insertAudit(db, {
      actorId: user.id,
      actorEmail: email,
      action: 'login_failed',
      entityType: 'session',
      reason: 'account disabled',
      ip: meta.ip,
    });
    throw skipDenialAudit(
      new DomainError('ACCOUNT_DISABLED', 'This account has been deactivated', 403),
    );
  }
  if (await localSignInRefused(db, user)) {
    await insertAudit(db, {
      actorId: user.id,
      actorEmail: email,
      action: 'denied',
      entityType: 'session',
      reason: 'password sign-in refused: single sign-on is required',
      ip: meta.ip,
    });
    throw skipDenialAudit(
      new DomainError(
        'SSO_REQUIRED',
        'Sign in with the single sign-on; only local administrators may use a password',
        403,
      ),
    );
  }
  return openSession(db, user, meta, policy);
}

/**
 * When SSO is required, only local administrators (no provider subject: the break-glass
 * accounts) may still sign in with a password.
 */
async function localSignInRefused(db: Db, user: typeof users.$inferSelect) {
  const sso = await readSsoPolicy(db);
  if (!sso.enabled || !sso.requireSso) return false;
  if (user.oidcSubject !== null) return true;
  return !(await rolesAndCentres(db, user.id)).roles.includes('admin');
}

/**
 * Opens a fresh session for a verified user (password or single sign-on): a new token every
 * time, so a session id planted before sign-in is worthless; audited as `login`.
 */
export async function openSession(
  db: Db,
  user: Pick<typeof users.$inferSelect, 'id' | 'email' | 'displayName' | 'locale'>,
  meta: RequestMeta,
  policy: Pick<LoginPolicy, 'ttlHours'>,
  reason?: string,
): Promise<LoginResult> {
  const token = randomBytes(32).toString('base64url');
  const csrfSecret = tokens.secretSync();
  const expiresAt = new Date(Date.now() + policy.ttlHours * 3_600_000);
  const now = new Date().toISOString();
  await withTransactionAsync(db, async (tx) => {
    await insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfSecret,
      expiresAt: expiresAt.toISOString(),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300),
    });
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    await insertAudit(tx, {
      actorId: user.id,
      actorEmail: user.email,
      action: 'login',
      entityType: 'session',
      reason: reason ?? null,
      ip: meta.ip,
    });
  });
  const { roles, centreIds } = await rolesAndCentres(db, user.id);
  return {
    token,
    expiresAt,
    session: {
      user: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        roles,
        centreIds,
        locale: user.locale,
      },
      csrfToken: tokens.create(csrfSecret),
    },
  };
}

export interface ResolvedSession {
  actor: Actor;
  displayName: string;
  locale: 'de' | 'en';
  tokenHash: string;
  csrfSecret: string;
}

/** Activity is written at most this often per session, so reads do not each cause a write. */
const TOUCH_EVERY_MS = 60_000;

const resolved = (e: CachedSession): ResolvedSession => ({
  actor: { userId: e.userId, email: e.email, roles: [...e.roles], centreIds: [...e.centreIds] },
  displayName: e.displayName,
  locale: e.locale,
  tokenHash: e.tokenHash,
  csrfSecret: e.csrfSecret,
});

/** The idle timeout setting in ms, from the cache when it holds it. */
async function idleMs(db: Db, cache: AuthCache | undefined) {
  let minutes = cache?.idleMinutes();
  if (minutes === undefined) {
    const mark = cache?.mark() ?? 0;
    if (cache) cache.stats.settingsLookups++;
    minutes = (await readSettings(db)).sessionIdleMinutes;
    cache?.storeIdleMinutes(minutes, mark);
  }
  return minutes * 60_000;
}

/**
 * The session behind a cookie, or 'idle' when it went unused longer than the idle timeout
 * (a setting; the session is then deleted), or null when there is none (or it expired).
 *
 * With `cache` (auth-cache.ts), a session seen in the last few seconds is answered without
 * reading it again, its expiry and idle timeout checked against `now` all the same. A cached
 * entry that looks idle or expired is not trusted either way: the database decides (another
 * instance may have recorded later activity), and deletes it if it really is idle.
 */
export async function resolveSession(
  db: Db,
  token: string,
  now = new Date(),
  cache?: AuthCache,
): Promise<ResolvedSession | 'idle' | null> {
  const nowIso = now.toISOString();
  const nowMs = now.getTime();
  const tokenHash = hashToken(token);
  const hit = cache?.get(tokenHash);
  if (cache && hit) {
    // Each await below may let an invalidation in: the entry is used only if still cached after.
    const current = () => cache.get(tokenHash) === hit;
    const idle = await idleMs(db, cache);
    if (current() && hit.expiresAt > nowIso && nowMs - hit.lastSeen <= idle) {
      if (nowMs - hit.lastSeen <= TOUCH_EVERY_MS) {
        cache.stats.hits++;
        return resolved(hit);
      }
      if ((await touchSession(db, tokenHash, nowIso)) && current()) {
        hit.lastSeen = nowMs;
        cache.stats.hits++;
        return resolved(hit);
      }
    }
    cache.drop(tokenHash);
  }
  const mark = cache?.mark() ?? 0;
  if (cache) cache.stats.sessionLookups++;
  const row = await findActiveSession(db, tokenHash, nowIso);
  if (!row) return null;
  let lastSeen = Date.parse(row.lastSeenAt ?? row.createdAt);
  if (nowMs - lastSeen > (await idleMs(db, cache))) {
    await deleteSession(db, row.tokenHash);
    return 'idle';
  }
  if (nowMs - lastSeen > TOUCH_EVERY_MS) {
    await touchSession(db, row.tokenHash, nowIso);
    lastSeen = nowMs;
  }
  const { roles, centreIds } = await rolesAndCentres(db, row.userId);
  const entry: CachedSession = {
    tokenHash: row.tokenHash,
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale,
    roles,
    centreIds,
    csrfSecret: row.csrfSecret,
    expiresAt: row.expiresAt,
    lastSeen,
    loadedAt: Date.now(),
  };
  cache?.store(entry, mark);
  return resolved(entry);
}

export const csrfTokenFor = (secret: string) => tokens.create(secret);
export const csrfTokenValid = (secret: string, token: string) => tokens.verify(secret, token);

export async function logout(db: Db, s: { tokenHash: string; actor: Actor; ip?: string }) {
  await deleteSession(db, s.tokenHash);
  await insertAudit(db, {
    actorId: s.actor.userId,
    actorEmail: s.actor.email,
    action: 'logout',
    entityType: 'session',
    ip: s.ip,
  });
}

/**
 * Changes one's own password: the current one is required (a wrong one counts as a failed
 * sign-in, so a stolen session cannot guess it), and every other session of the user ends.
 */
export async function changeOwnPassword(
  db: Db,
  s: { tokenHash: string; actor: Actor; ip?: string },
  body: ChangePasswordBody,
  policy: LoginPolicy,
) {
  const email = s.actor.email;
  await throttle(db, email, s.ip, policy);
  const user = (await db.select().from(users).where(eq(users.id, s.actor.userId)).limit(1))[0];
  if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) {
    await insertAudit(db, {
      actorId: s.actor.userId,
      actorEmail: email,
      action: 'login_failed',
      entityType: 'session',
      reason: 'password change: current password wrong',
      ip: s.ip,
    });
    throw new DomainError('CURRENT_PASSWORD_WRONG', 'The current password is wrong', 400, [
      { field: 'currentPassword', code: 'wrong', message: 'The current password is wrong' },
    ]);
  }
  const problem = passwordProblem(body.newPassword, email);
  if (problem || body.newPassword === body.currentPassword)
    throw new DomainError('PASSWORD_TOO_WEAK', 'Password rejected', 400, [
      {
        field: 'newPassword',
        code: problem ?? 'unchanged',
        message: 'At least 12 characters, not a common password, not the current one',
      },
    ]);
  const passwordHash = await hashPassword(body.newPassword);
  return await withTransactionAsync(db, async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date().toISOString() })
      .where(eq(users.id, user.id));
    const ended = await deleteOtherSessions(tx, user.id, s.tokenHash);
    await insertAudit(tx, {
      actorId: user.id,
      actorEmail: email,
      action: 'update',
      entityType: 'user',
      entityId: user.id,
      changedFields: ['password'],
      reason: `own password changed; ${ended} other session(s) ended`,
      ip: s.ip,
    });
    return ended;
  });
}

/** Ends every session of the user, on every device, this one included. */
export async function signOutEverywhere(db: Db, s: { actor: Actor; ip?: string }) {
  return await withTransactionAsync(db, async (tx) => {
    const ended = await deleteSessionsOfUser(tx, s.actor.userId);
    await insertAudit(tx, {
      actorId: s.actor.userId,
      actorEmail: s.actor.email,
      action: 'logout',
      entityType: 'session',
      reason: `signed out everywhere (${ended} session(s))`,
      ip: s.ip,
    });
    return ended;
  });
}
