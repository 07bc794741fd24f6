import { asc, count, eq } from 'drizzle-orm';
import type { CreateOperatorBody, Operator, UpdateOperatorBody } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { centres, operators } from '../../db/tables.ts';

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

export const listOperators = async (db: Db): Promise<Operator[]> =>
  await baseQuery(db).orderBy(asc(operators.name));

export const findOperator = async (db: Db, id: number): Promise<Operator | undefined> =>
  (await baseQuery(db).where(eq(operators.id, id)).limit(1))[0];

export const findOperatorByName = async (db: Db, name: string) =>
  (
    await db.select({ id: operators.id }).from(operators).where(eq(operators.name, name)).limit(1)
  )[0];

export const insertOperator = async (db: Db, o: CreateOperatorBody) =>
  (await db.insert(operators).values(o).returning({ id: operators.id }))[0]!.id;

export async function updateOperatorRow(db: Db, id: number, patch: UpdateOperatorBody) {
  await db
    .update(operators)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(operators.id, id));
}

export async function deleteOperatorRow(db: Db, id: number) {
  await db.delete(operators).where(eq(operators.id, id));
}
