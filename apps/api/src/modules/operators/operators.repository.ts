import { asc, count, eq } from 'drizzle-orm';
import type { CreateOperatorBody, Operator, UpdateOperatorBody } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { centres, operators } from '../../db/schema/index.ts';

const columns = {
  id: operators.id,
  name: operators.name,
  legalForm: operators.legalForm,
  centreCount: count(centres.id),
};

const baseQuery = (db: Db) =>
  db
    .select(columns)
    .from(operators)
    .leftJoin(centres, eq(centres.operatorId, operators.id))
    .groupBy(operators.id);

export const listOperators = (db: Db): Operator[] =>
  baseQuery(db).orderBy(asc(operators.name)).all();

export const findOperator = (db: Db, id: number): Operator | undefined =>
  baseQuery(db).where(eq(operators.id, id)).get();

export const findOperatorByName = (db: Db, name: string) =>
  db.select({ id: operators.id }).from(operators).where(eq(operators.name, name)).get();

export const insertOperator = (db: Db, o: CreateOperatorBody) =>
  db.insert(operators).values(o).returning({ id: operators.id }).get().id;

export function updateOperatorRow(db: Db, id: number, patch: UpdateOperatorBody) {
  db.update(operators)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(operators.id, id))
    .run();
}

export const deleteOperatorRow = (db: Db, id: number) =>
  db.delete(operators).where(eq(operators.id, id)).run();
