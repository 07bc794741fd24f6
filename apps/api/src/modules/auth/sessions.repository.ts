import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Role } from '@begegnung/domain';
import { prepared, type Db } from '../../db/client.ts';
import { sessions, userCentres, userRoles, users } from '../../db/tables.ts';
import { withTransactionAsync } from '../../lib/tx.ts';
import { authChanged } from './auth-cache.ts';

export async function insertSession(
  db: Db,
  s: {
    tokenHash: string;
    userId: number;
    csrfSecret: string;
    expiresAt: string;
    ip?: string;
    userAgent?: string;
  },
) {
  const now = new Date().toISOString();
  await db.insert(sessions).values({ ...s, createdAt: now, lastSeenAt: now });
}

/**
 * Records activity on a session (the caller limits this to about once a minute); false when
 * the session is gone or expired, so a cached copy of it is not used again.
 */
export async function touchSession(db: Db, tokenHash: string, at: string) {
  const rows = await prepared(db, 'touchSession', (d) =>
    d
      .update(sessions)
      .set({ lastSeenAt: sql.placeholder('at') as unknown as string })
      .where(
        and(
          eq(sessions.tokenHash, sql.placeholder('tokenHash')),
          gt(sessions.expiresAt, sql.placeholder('at')),
        ),
      )
      .returning({ t: sessions.tokenHash })
      .prepare(),
  ).execute({ at, tokenHash });
  return rows.length > 0;
}

// Every deletion below tells the session cache (auth-cache.ts) in the same transaction.

/** Ends every session of a user except `keep` (the one making the request), returns how many. */
export async function deleteOtherSessions(db: Db, userId: number, keep: string) {
  return await withTransactionAsync(db, async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keep)))
      .returning({ t: sessions.tokenHash });
    await authChanged(tx, { userId });
    return ended.length;
  });
}

export async function deleteSession(db: Db, tokenHash: string) {
  await withTransactionAsync(db, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    await authChanged(tx, { tokenHash });
  });
}

export async function deleteSessionsOfUser(db: Db, userId: number) {
  return await withTransactionAsync(db, async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(eq(sessions.userId, userId))
      .returning({ t: sessions.tokenHash });
    await authChanged(tx, { userId });
    return ended.length;
  });
}

export async function deleteExpiredSessions(db: Db, now = new Date().toISOString()) {
  return (
    await db
      .delete(sessions)
      .where(lt(sessions.expiresAt, now))
      .returning({ t: sessions.tokenHash })
  ).length;
}

/**
 * The session and its user, only if the session is unexpired and the user active. Expired
 * sessions are deleted by retention without telling the cache: a cached entry carries its
 * expiry and is refused by it.
 */
export async function findActiveSession(db: Db, tokenHash: string, now = new Date().toISOString()) {
  return (
    await prepared(db, 'findActiveSession', (d) =>
      d
        .select({
          tokenHash: sessions.tokenHash,
          csrfSecret: sessions.csrfSecret,
          expiresAt: sessions.expiresAt,
          lastSeenAt: sessions.lastSeenAt,
          createdAt: sessions.createdAt,
          userId: users.id,
          email: users.email,
          displayName: users.displayName,
          locale: users.locale,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            eq(sessions.tokenHash, sql.placeholder('tokenHash')),
            gt(sessions.expiresAt, sql.placeholder('now')),
            eq(users.active, true),
          ),
        )
        .prepare(),
    ).execute({ tokenHash, now })
  )[0];
}

export async function rolesAndCentres(db: Db, userId: number) {
  const roles = (
    await prepared(db, 'rolesOf', (d) =>
      d
        .select({ role: userRoles.role })
        .from(userRoles)
        .where(eq(userRoles.userId, sql.placeholder('userId')))
        .prepare(),
    ).execute({ userId })
  ).map((r) => r.role as Role);
  const centreIds = (
    await prepared(db, 'centresOf', (d) =>
      d
        .select({ centreId: userCentres.centreId })
        .from(userCentres)
        .where(eq(userCentres.userId, sql.placeholder('userId')))
        .prepare(),
    ).execute({ userId })
  ).map((r) => r.centreId);
  return { roles, centreIds };
}
