import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Centre, CreateCentreBody, UpdateCentreBody } from '@begegnung/domain';
import { prepared, type Db } from '../../db/client.ts';
import { centres, operators, userCentres } from '../../db/tables.ts';
import { authChanged } from '../auth/auth-cache.ts';

const centreColumns = {
  id: centres.id,
  name: centres.name,
  code: centres.code,
  operatorId: centres.operatorId,
  operatorName: operators.name,
  address: centres.address,
  district: centres.district,
  openingHours: centres.openingHours,
  openedOn: centres.openedOn,
  active: centres.active,
};

const baseQuery = (db: Db) =>
  db.select(centreColumns).from(centres).innerJoin(operators, eq(operators.id, centres.operatorId));

export const listCentres = async (db: Db): Promise<Centre[]> =>
  await baseQuery(db).orderBy(asc(centres.name));

export const findCentre = async (db: Db, id: number): Promise<Centre | undefined> =>
  (
    await prepared(db, 'centres.find', (d) =>
      baseQuery(d)
        .where(eq(centres.id, sql.placeholder('id')))
        .prepare(),
    ).execute({ id })
  )[0];

export const findCentreByCode = async (db: Db, code: string) =>
  (await db.select({ id: centres.id }).from(centres).where(eq(centres.code, code)).limit(1))[0];

export async function existingCentreIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return (
    await db
      .select({ id: centres.id })
      .from(centres)
      .where(inArray(centres.id, [...ids]))
  ).map((r) => r.id);
}

export async function insertCentre(db: Db, c: CreateCentreBody) {
  return (await db.insert(centres).values(c).returning({ id: centres.id }))[0]!.id;
}

export async function updateCentreRow(db: Db, id: number, patch: UpdateCentreBody) {
  await db
    .update(centres)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(centres.id, id));
}

/** Deletes a centre; staff links to it go with it (cascade), so cached sessions are dropped. */
export async function deleteCentreRow(db: Db, id: number) {
  await db.delete(centres).where(eq(centres.id, id));
  await authChanged(db, { all: true });
}

export async function countStaffLinks(db: Db, centreId: number) {
  return (
    (
      await db
        .select({ n: count() })
        .from(userCentres)
        .where(eq(userCentres.centreId, centreId))
        .limit(1)
    )[0]?.n ?? 0
  );
}
