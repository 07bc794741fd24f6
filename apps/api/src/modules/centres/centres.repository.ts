import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Centre, CreateCentreBody, UpdateCentreBody } from '@begegnung/domain';
import { prepared, type Db } from '../../db/client.ts';
import { centres, operators, userCentres } from '../../db/schema/index.ts';

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

export const listCentres = (db: Db): Centre[] => baseQuery(db).orderBy(asc(centres.name)).all();

export const findCentre = (db: Db, id: number): Centre | undefined =>
  prepared(db, 'centres.find', (d) =>
    baseQuery(d)
      .where(eq(centres.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });

export const findCentreByCode = (db: Db, code: string) =>
  db.select({ id: centres.id }).from(centres).where(eq(centres.code, code)).get();

export function existingCentreIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: centres.id })
    .from(centres)
    .where(inArray(centres.id, [...ids]))
    .all()
    .map((r) => r.id);
}

export function insertCentre(db: Db, c: CreateCentreBody) {
  return db.insert(centres).values(c).returning({ id: centres.id }).get().id;
}

export function updateCentreRow(db: Db, id: number, patch: UpdateCentreBody) {
  db.update(centres)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(centres.id, id))
    .run();
}

export function deleteCentreRow(db: Db, id: number) {
  db.delete(centres).where(eq(centres.id, id)).run();
}

export function countStaffLinks(db: Db, centreId: number) {
  return (
    db.select({ n: count() }).from(userCentres).where(eq(userCentres.centreId, centreId)).get()
      ?.n ?? 0
  );
}
