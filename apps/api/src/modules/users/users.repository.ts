import { and, asc, count, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Role, User, UserListQuery } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { userCentres, userRoles, users } from '../../db/tables.ts';
import { ilike } from '../../db/engine.ts';
import { withTransactionAsync } from '../../lib/tx.ts';
import { authChanged } from '../auth/auth-cache.ts';

type UserRow = typeof users.$inferSelect;

async function withLinks(db: Db, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const roles = await db.select().from(userRoles).where(inArray(userRoles.userId, ids));
  const centres = await db.select().from(userCentres).where(inArray(userCentres.userId, ids));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.displayName,
    active: r.active,
    createdAt: r.createdAt,
    lastLoginAt: r.lastLoginAt,
    roles: roles.filter((x) => x.userId === r.id).map((x) => x.role as Role),
    centreIds: centres
      .filter((x) => x.userId === r.id)
      .map((x) => x.centreId)
      .sort((a, b) => a - b),
  }));
}

export async function findUser(db: Db, id: number): Promise<User | undefined> {
  const row = (await db.select().from(users).where(eq(users.id, id)).limit(1))[0];
  return row ? (await withLinks(db, [row]))[0] : undefined;
}

export async function emailExists(db: Db, email: string) {
  return !!(
    await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1)
  )[0];
}

export async function listUsers(db: Db, q: UserListQuery) {
  const where: SQL[] = [];
  if (q.q) {
    const pattern = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(users.email, pattern), ilike(users.displayName, pattern))!);
  }
  if (q.active !== undefined) where.push(eq(users.active, q.active));
  if (q.role) {
    where.push(
      inArray(
        users.id,
        db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, q.role)),
      ),
    );
  }
  const cond = where.length ? and(...where) : undefined;
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  const rows = await db
    .select()
    .from(users)
    .where(cond)
    .orderBy(asc(users.displayName))
    .limit(limit)
    .offset(offset);
  const total = (await db.select({ n: count() }).from(users).where(cond).limit(1))[0]?.n ?? 0;
  return { items: await withLinks(db, rows), total, limit, offset };
}

export async function insertUser(
  db: Db,
  u: {
    email: string;
    displayName: string;
    passwordHash: string;
    roles: Role[];
    centreIds: number[];
    oidcIssuer?: string;
    oidcSubject?: string;
  },
) {
  const row = (
    await db
      .insert(users)
      .values({
        email: u.email,
        displayName: u.displayName,
        passwordHash: u.passwordHash,
        oidcIssuer: u.oidcIssuer ?? null,
        oidcSubject: u.oidcSubject ?? null,
      })
      .returning({ id: users.id })
  )[0]!;
  await replaceLinks(db, row.id, u.roles, u.centreIds);
  return row.id;
}

/** Replaces a user's roles and/or centres; the session cache hears of it in the same transaction. */
export async function replaceLinks(db: Db, userId: number, roles?: Role[], centreIds?: number[]) {
  if (!roles && !centreIds) return;
  await withTransactionAsync(db, async (tx) => {
    if (roles) {
      await tx.delete(userRoles).where(eq(userRoles.userId, userId));
      if (roles.length) await tx.insert(userRoles).values(roles.map((role) => ({ userId, role })));
    }
    if (centreIds) {
      await tx.delete(userCentres).where(eq(userCentres.userId, userId));
      if (centreIds.length)
        await tx.insert(userCentres).values(centreIds.map((centreId) => ({ userId, centreId })));
    }
    await authChanged(tx, { userId });
  });
}

/**
 * Active administrators who sign in with a local password, not through the provider: the
 * break-glass accounts that still get in when single sign-on is required and the provider is down.
 */
export async function countBreakGlassAdmins(db: Db) {
  const rows = await db
    .select({ n: count() })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(eq(users.active, true), sql`${users.oidcSubject} is null`, eq(userRoles.role, 'admin')),
    );
  return rows[0]?.n ?? 0;
}

/** The account a single sign-on subject is linked to. */
export async function findBySubject(db: Db, issuer: string, subject: string) {
  return (
    await db
      .select()
      .from(users)
      .where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)))
      .limit(1)
  )[0];
}

export async function findByEmail(db: Db, email: string) {
  return (await db.select().from(users).where(eq(users.email, email)).limit(1))[0];
}

export async function updateUserRow(
  db: Db,
  id: number,
  patch: Partial<Pick<UserRow, 'displayName' | 'active' | 'passwordHash' | 'email'>>,
) {
  // Active, name and email are in the session cache: it hears of the change in the same transaction.
  await withTransactionAsync(db, async (tx) => {
    await tx
      .update(users)
      .set({ ...patch, updatedAt: new Date().toISOString() })
      .where(eq(users.id, id));
    await authChanged(tx, { userId: id });
  });
}

export async function countActiveAdmins(db: Db) {
  return (
    (
      await db
        .select({ n: count() })
        .from(users)
        .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'admin')))
        .where(eq(users.active, true))
        .limit(1)
    )[0]?.n ?? 0
  );
}
