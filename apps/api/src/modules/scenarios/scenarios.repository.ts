import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  centreNeeds,
  centres,
  costAssumptions,
  posts,
  scenarioLines,
  scenarios,
} from '../../db/tables.ts';

export type ScenarioRow = typeof scenarios.$inferSelect;
export type CostAssumptionRow = typeof costAssumptions.$inferSelect;

export const listScenarioRows = async (db: Db, ids?: readonly number[]) =>
  ids
    ? await db
        .select()
        .from(scenarios)
        .where(inArray(scenarios.id, [...ids]))
        .orderBy(asc(scenarios.name))
    : await db.select().from(scenarios).orderBy(asc(scenarios.name));

export const findScenarioRow = async (db: Db, id: number) =>
  (await db.select().from(scenarios).where(eq(scenarios.id, id)).limit(1))[0];

export const findScenarioByName = async (db: Db, name: string) =>
  (
    await db.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.name, name)).limit(1)
  )[0];

/** Lines of the given scenarios joined with what the cost and centre figures need of the post. */
export async function linesFor(db: Db, scenarioIds: readonly number[]) {
  if (scenarioIds.length === 0) return [];
  return await db
    .select({
      scenarioId: scenarioLines.scenarioId,
      postId: posts.id,
      postCode: posts.code,
      postTitle: posts.title,
      roleType: posts.roleType,
      payGroup: posts.payGroup,
      fteMilli: scenarioLines.fteMilli,
      budgetYearFrom: posts.budgetYearFrom,
      budgetYearTo: posts.budgetYearTo,
      fixedTermEnd: posts.fixedTermEnd,
    })
    .from(scenarioLines)
    .innerJoin(posts, eq(posts.id, scenarioLines.postId))
    .where(inArray(scenarioLines.scenarioId, [...scenarioIds]))
    .orderBy(asc(posts.code));
}

export const insertScenario = async (db: Db, values: typeof scenarios.$inferInsert) =>
  (await db.insert(scenarios).values(values).returning({ id: scenarios.id }))[0]!.id;

export async function updateScenarioRow(
  db: Db,
  id: number,
  patch: Partial<typeof scenarios.$inferInsert>,
) {
  await db
    .update(scenarios)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(scenarios.id, id));
}

export const deleteScenarioRow = async (db: Db, id: number) =>
  await db.delete(scenarios).where(eq(scenarios.id, id));

export async function replaceLines(
  db: Db,
  scenarioId: number,
  lines: { postId: number; fteMilli: number }[],
) {
  await db.delete(scenarioLines).where(eq(scenarioLines.scenarioId, scenarioId));
  if (lines.length) await db.insert(scenarioLines).values(lines.map((l) => ({ ...l, scenarioId })));
}

export const listCostAssumptions = async (db: Db) =>
  await db
    .select()
    .from(costAssumptions)
    .orderBy(asc(costAssumptions.payGroup), asc(costAssumptions.validFrom));

export const findCostAssumption = async (db: Db, id: number) =>
  (await db.select().from(costAssumptions).where(eq(costAssumptions.id, id)).limit(1))[0];

export const insertCostAssumption = async (db: Db, values: typeof costAssumptions.$inferInsert) =>
  (await db.insert(costAssumptions).values(values).returning({ id: costAssumptions.id }))[0]!.id;

export async function updateCostAssumptionRow(
  db: Db,
  id: number,
  patch: Partial<typeof costAssumptions.$inferInsert>,
) {
  await db
    .update(costAssumptions)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(costAssumptions.id, id));
}

export const listCentresBrief = async (db: Db) =>
  await db
    .select({ id: centres.id, code: centres.code, name: centres.name })
    .from(centres)
    .where(eq(centres.active, true))
    .orderBy(asc(centres.id));

export async function listNeeds(db: Db) {
  return await db
    .select({
      centreId: centres.id,
      centreCode: centres.code,
      centreName: centres.name,
      need: centreNeeds.need,
      source: centreNeeds.source,
      asOf: centreNeeds.asOf,
      updatedAt: centreNeeds.updatedAt,
    })
    .from(centres)
    .leftJoin(centreNeeds, eq(centreNeeds.centreId, centres.id))
    .where(eq(centres.active, true))
    .orderBy(asc(centres.id));
}

export async function upsertNeed(
  db: Db,
  n: { centreId: number; need: number; source: string; asOf: string | null },
) {
  await db
    .insert(centreNeeds)
    .values(n)
    .onConflictDoUpdate({
      target: centreNeeds.centreId,
      set: { need: n.need, source: n.source, asOf: n.asOf, updatedAt: new Date().toISOString() },
    });
}

export const deleteNeed = async (db: Db, centreId: number) =>
  await db.delete(centreNeeds).where(eq(centreNeeds.centreId, centreId));
