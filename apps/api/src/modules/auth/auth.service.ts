import { withTransaction } from '../../lib/tx.ts';
import { createHash, randomBytes } from 'node:crypto';
import Tokens from '@fastify/csrf';
import { eq } from 'drizzle-orm';
import { DomainError, type Actor, type LoginBody, type Session } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { getDummyHash, verifyPassword } from '../../lib/passwords.ts';
import { countFailedLogins, insertAudit } from '../audit/audit.repository.ts';
import {
  deleteSession,
  findActiveSession,
  insertSession,
  rolesAndCentres,
} from './sessions.repository.ts';

const tokens = new Tokens({ saltLength: 10 });

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  session: Session;
  expiresAt: Date;
}

interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

export interface LoginPolicy {
  ttlHours: number;
  lockoutThreshold: number;
}

export const LOCKOUT_WINDOW_MINUTES = 15;

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
  // Soft lockout per account, whatever the address: guessing from many IPs stops too.
  const since = new Date(Date.now() - LOCKOUT_WINDOW_MINUTES * 60_000).toISOString();
  if (countFailedLogins(db, email, since) >= policy.lockoutThreshold) {
    insertAudit(db, {
      actorId: null,
      actorEmail: email,
      action: 'denied',
      entityType: 'session',
      reason: 'account locked after repeated failed sign-ins',
      ip: meta.ip,
    });
    throw new DomainError(
      'ACCOUNT_LOCKED',
      `Too many failed sign-ins for this account. Try again in ${LOCKOUT_WINDOW_MINUTES} minutes.`,
      429,
    );
  }
  const user = db.select().from(users).where(eq(users.email, email)).get();
  const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  if (!user || !ok) {
    insertAudit(db, {
      actorId: user?.id ?? null,
      actorEmail: email,
      action: 'login_failed',
      entityType: 'session',
      ip: meta.ip,
    });
    throw new DomainError('INVALID_CREDENTIALS', 'Email or password is wrong', 401);
  }
  if (!user.active) {
    insertAudit(db, {
      actorId: user.id,
      actorEmail: email,
      action: 'login_failed',
      entityType: 'session',
      reason: 'account disabled',
      ip: meta.ip,
    });
    throw new DomainError('ACCOUNT_DISABLED', 'This account has been deactivated', 403);
  }
  const token = randomBytes(32).toString('base64url');
  const csrfSecret = tokens.secretSync();
  const expiresAt = new Date(Date.now() + policy.ttlHours * 3_600_000);
  const now = new Date().toISOString();
  withTransaction(db, (tx) => {
    insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfSecret,
      expiresAt: expiresAt.toISOString(),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300),
    });
    tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id)).run();
    insertAudit(tx, {
      actorId: user.id,
      actorEmail: email,
      action: 'login',
      entityType: 'session',
      ip: meta.ip,
    });
  });
  const { roles, centreIds } = rolesAndCentres(db, user.id);
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

export function resolveSession(db: Db, token: string): ResolvedSession | null {
  const row = findActiveSession(db, hashToken(token));
  if (!row) return null;
  const { roles, centreIds } = rolesAndCentres(db, row.userId);
  return {
    actor: { userId: row.userId, email: row.email, roles, centreIds },
    displayName: row.displayName,
    locale: row.locale,
    tokenHash: row.tokenHash,
    csrfSecret: row.csrfSecret,
  };
}

export const csrfTokenFor = (secret: string) => tokens.create(secret);
export const csrfTokenValid = (secret: string, token: string) => tokens.verify(secret, token);

export function logout(db: Db, s: { tokenHash: string; actor: Actor; ip?: string }) {
  deleteSession(db, s.tokenHash);
  insertAudit(db, {
    actorId: s.actor.userId,
    actorEmail: s.actor.email,
    action: 'logout',
    entityType: 'session',
    ip: s.ip,
  });
}
