import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  centreNeeds,
  centres,
  costAssumptions,
  posts,
  scenarioLines,
  scenarios,
} from '../../db/schema/index.ts';

export type ScenarioRow = typeof scenarios.$inferSelect;
export type CostAssumptionRow = typeof costAssumptions.$inferSelect;

export const listScenarioRows = (db: Db, ids?: readonly number[]) =>
  ids
    ? db
        .select()
        .from(scenarios)
        .where(inArray(scenarios.id, [...ids]))
        .orderBy(asc(scenarios.name))
        .all()
    : db.select().from(scenarios).orderBy(asc(scenarios.name)).all();

export const findScenarioRow = (db: Db, id: number) =>
  db.select().from(scenarios).where(eq(scenarios.id, id)).get();

export const findScenarioByName = (db: Db, name: string) =>
  db.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.name, name)).get();

/** Lines of the given scenarios joined with what the cost and centre figures need of the post. */
export function linesFor(db: Db, scenarioIds: readonly number[]) {
  if (scenarioIds.length === 0) return [];
  return db
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
    .orderBy(asc(posts.code))
    .all();
}

export const insertScenario = (db: Db, values: typeof scenarios.$inferInsert) =>
  db.insert(scenarios).values(values).returning({ id: scenarios.id }).get().id;

export function updateScenarioRow(
  db: Db,
  id: number,
  patch: Partial<typeof scenarios.$inferInsert>,
) {
  db.update(scenarios)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(scenarios.id, id))
    .run();
}

export const deleteScenarioRow = (db: Db, id: number) =>
  db.delete(scenarios).where(eq(scenarios.id, id)).run();

export function replaceLines(
  db: Db,
  scenarioId: number,
  lines: { postId: number; fteMilli: number }[],
) {
  db.delete(scenarioLines).where(eq(scenarioLines.scenarioId, scenarioId)).run();
  if (lines.length)
    db.insert(scenarioLines)
      .values(lines.map((l) => ({ ...l, scenarioId })))
      .run();
}

export const listCostAssumptions = (db: Db) =>
  db
    .select()
    .from(costAssumptions)
    .orderBy(asc(costAssumptions.payGroup), asc(costAssumptions.validFrom))
    .all();

export const findCostAssumption = (db: Db, id: number) =>
  db.select().from(costAssumptions).where(eq(costAssumptions.id, id)).get();

export const insertCostAssumption = (db: Db, values: typeof costAssumptions.$inferInsert) =>
  db.insert(costAssumptions).values(values).returning({ id: costAssumptions.id }).get().id;

export function updateCostAssumptionRow(
  db: Db,
  id: number,
  patch: Partial<typeof costAssumptions.$inferInsert>,
) {
  db.update(costAssumptions)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(costAssumptions.id, id))
    .run();
}

export const listCentresBrief = (db: Db) =>
  db
    .select({ id: centres.id, code: centres.code, name: centres.name })
    .from(centres)
    .where(eq(centres.active, true))
    .orderBy(asc(centres.id))
    .all();

export function listNeeds(db: Db) {
  return db
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
    .orderBy(asc(centres.id))
    .all();
}

export function upsertNeed(
  db: Db,
  n: { centreId: number; need: number; source: string; asOf: string | null },
) {
  db.insert(centreNeeds)
    .values(n)
    .onConflictDoUpdate({
      target: centreNeeds.centreId,
      set: { need: n.need, source: n.source, asOf: n.asOf, updatedAt: new Date().toISOString() },
    })
    .run();
}

export const deleteNeed = (db: Db, centreId: number) =>
  db.delete(centreNeeds).where(eq(centreNeeds.centreId, centreId)).run();
