import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Activity, ActivityKey, Group, RosterMember } from '@begegnung/domain';
import { prepared, type Db } from '../../db/client.ts';
import { activities, groupMembers, participants, recurringGroups } from '../../db/schema/index.ts';
import { validFollowUpConsentSql } from '../../db/sql/consent.ts';

const activityColumns = {
  id: activities.id,
  key: activities.key,
  name: activities.name,
  defaultDurationMinutes: activities.defaultDurationMinutes,
  recurring: activities.recurring,
  active: activities.active,
};

const asActivity = (r: { key: string | null } & Omit<Activity, 'key'>): Activity => ({
  ...r,
  key: r.key as ActivityKey | null,
});

export const listActivities = (db: Db): Activity[] =>
  db.select(activityColumns).from(activities).orderBy(asc(activities.id)).all().map(asActivity);

export function findActivity(db: Db, id: number): Activity | undefined {
  const r = prepared(db, 'activities.find', (d) =>
    d
      .select(activityColumns)
      .from(activities)
      .where(eq(activities.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
  return r ? asActivity(r) : undefined;
}

export function insertActivity(db: Db, a: typeof activities.$inferInsert) {
  return db.insert(activities).values(a).returning({ id: activities.id }).get().id;
}

export function updateActivityRow(
  db: Db,
  id: number,
  patch: Partial<typeof activities.$inferInsert>,
) {
  db.update(activities)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(activities.id, id))
    .run();
}

export type GroupRow = typeof recurringGroups.$inferSelect;

export const findGroupRow = (db: Db, id: number): GroupRow | undefined =>
  db.select().from(recurringGroups).where(eq(recurringGroups.id, id)).get();

function rosters(db: Db, groupIds: number[], today: string) {
  if (groupIds.length === 0) return new Map<number, RosterMember[]>();
  const rows = db
    .select({
      groupId: groupMembers.groupId,
      id: participants.id,
      code: participants.code,
      alias: participants.alias,
      consent: validFollowUpConsentSql('participants.id', today),
    })
    .from(groupMembers)
    .innerJoin(participants, eq(participants.id, groupMembers.participantId))
    .where(inArray(groupMembers.groupId, groupIds))
    .orderBy(asc(participants.alias), asc(participants.code))
    .all();
  const out = new Map<number, RosterMember[]>();
  for (const r of rows) {
    const list = out.get(r.groupId) ?? [];
    list.push({ id: r.id, code: r.code, alias: r.alias, followUpConsent: Boolean(r.consent) });
    out.set(r.groupId, list);
  }
  return out;
}

export function listGroups(db: Db, centreIds: number[] | null, today: string): Group[] {
  const rows = db
    .select()
    .from(recurringGroups)
    .where(centreIds ? inArray(recurringGroups.centreId, centreIds) : undefined)
    .orderBy(
      asc(recurringGroups.centreId),
      asc(recurringGroups.startTime),
      asc(recurringGroups.name),
    )
    .all();
  const r = rosters(
    db,
    rows.map((g) => g.id),
    today,
  );
  return rows.map((g) => ({
    id: g.id,
    centreId: g.centreId,
    activityId: g.activityId,
    name: g.name,
    weekdays: g.weekdays,
    startTime: g.startTime,
    durationMinutes: g.durationMinutes,
    active: g.active,
    roster: r.get(g.id) ?? [],
  }));
}

export function findGroup(db: Db, id: number, today: string): Group | undefined {
  const g = findGroupRow(db, id);
  if (!g) return undefined;
  return { ...g, roster: rosters(db, [id], today).get(id) ?? [] };
}

export function memberIds(db: Db, groupId: number) {
  return db
    .select({ id: groupMembers.participantId })
    .from(groupMembers)
    .where(eq(groupMembers.groupId, groupId))
    .all()
    .map((r) => r.id);
}

export function insertGroup(db: Db, g: typeof recurringGroups.$inferInsert) {
  return db.insert(recurringGroups).values(g).returning({ id: recurringGroups.id }).get().id;
}

export function updateGroupRow(
  db: Db,
  id: number,
  patch: Partial<typeof recurringGroups.$inferInsert>,
) {
  db.update(recurringGroups)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(recurringGroups.id, id))
    .run();
}

export function replaceMembers(db: Db, groupId: number, ids: number[]) {
  db.delete(groupMembers).where(eq(groupMembers.groupId, groupId)).run();
  if (ids.length)
    db.insert(groupMembers)
      .values(ids.map((participantId) => ({ groupId, participantId })))
      .run();
}

/** Ids among `ids` that belong to `centreId`. */
export function participantsAtCentre(db: Db, centreId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.centreId, centreId), inArray(participants.id, ids)))
    .all()
    .map((r) => r.id);
}
