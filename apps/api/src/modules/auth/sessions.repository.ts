import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Role } from '@begegnung/domain';
import { prepared, type Db } from '../../db/client.ts';
import { sessions, userCentres, userRoles, users } from '../../db/schema/index.ts';

export function insertSession(
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
  db.insert(sessions)
    .values({ ...s, createdAt: now, lastSeenAt: now })
    .run();
}

/** Records activity on a session (the caller limits this to about once a minute). */
export function touchSession(db: Db, tokenHash: string, at: string) {
  prepared(db, 'touchSession', (d) =>
    d
      .update(sessions)
      .set({ lastSeenAt: sql.placeholder('at') as unknown as string })
      .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
      .prepare(),
  ).run({ at, tokenHash });
}

/** Ends every session of a user except `keep` (the one making the request), returns how many. */
export function deleteOtherSessions(db: Db, userId: number, keep: string) {
  return db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keep)))
    .run().changes;
}

export function deleteSession(db: Db, tokenHash: string) {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteSessionsOfUser(db: Db, userId: number) {
  return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

export function deleteExpiredSessions(db: Db, now = new Date().toISOString()) {
  return db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes;
}

/** The session and its user, only if the session is unexpired and the user active. */
export function findActiveSession(db: Db, tokenHash: string, now = new Date().toISOString()) {
  return prepared(db, 'findActiveSession', (d) =>
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
  ).get({ tokenHash, now });
}

export function rolesAndCentres(db: Db, userId: number) {
  const roles = prepared(db, 'rolesOf', (d) =>
    d
      .select({ role: userRoles.role })
      .from(userRoles)
      .where(eq(userRoles.userId, sql.placeholder('userId')))
      .prepare(),
  )
    .all({ userId })
    .map((r) => r.role as Role);
  const centreIds = prepared(db, 'centresOf', (d) =>
    d
      .select({ centreId: userCentres.centreId })
      .from(userCentres)
      .where(eq(userCentres.userId, sql.placeholder('userId')))
      .prepare(),
  )
    .all({ userId })
    .map((r) => r.centreId);
  return { roles, centreIds };
}
