import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Role } from '@begegnung/domain';
import { prepared, type Db } from '../../db/client.ts';
import { sessions, userCentres, userRoles, users } from '../../db/tables.ts';

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

/** Records activity on a session (the caller limits this to about once a minute). */
export async function touchSession(db: Db, tokenHash: string, at: string) {
  await prepared(db, 'touchSession', (d) =>
    d
      .update(sessions)
      .set({ lastSeenAt: sql.placeholder('at') as unknown as string })
      .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
      .prepare(),
  ).execute({ at, tokenHash });
}

/** Ends every session of a user except `keep` (the one making the request), returns how many. */
export async function deleteOtherSessions(db: Db, userId: number, keep: string) {
  return (
    await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keep)))
      .returning({ t: sessions.tokenHash })
  ).length;
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(db: Db, userId: number) {
  return (
    await db
      .delete(sessions)
      .where(eq(sessions.userId, userId))
      .returning({ t: sessions.tokenHash })
  ).length;
}

export async function deleteExpiredSessions(db: Db, now = new Date().toISOString()) {
  return (
    await db
      .delete(sessions)
      .where(lt(sessions.expiresAt, now))
      .returning({ t: sessions.tokenHash })
  ).length;
}

/** The session and its user, only if the session is unexpired and the user active. */
export async function findActiveSession(db: Db, tokenHash: string, now = new Date().toISOString()) {
  return (
    await prepared(db, 'findActiveSession', (d) =>
      d
        .select({
          tokenHash: sessions.tokenHash,
          csrfSecret: sessions.csrfSecret,
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
