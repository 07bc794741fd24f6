import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Activity, ActivityKey, Group, RosterMember } from '@begegnung/domain';
import { prepared, type Db } from '../../db/client.ts';
import { activities, groupMembers, participants, recurringGroups } from '../../db/tables.ts';
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

export const listActivities = async (db: Db): Promise<Activity[]> =>
  (await db.select(activityColumns).from(activities).orderBy(asc(activities.id))).map(asActivity);

export async function findActivity(db: Db, id: number): Promise<Activity | undefined> {
  const r = (
    await prepared(db, 'activities.find', (d) =>
      d
        .select(activityColumns)
        .from(activities)
        .where(eq(activities.id, sql.placeholder('id')))
        .limit(1)
        .prepare(),
    ).execute({ id })
  )[0];
  return r ? asActivity(r) : undefined;
}

export async function insertActivity(db: Db, a: typeof activities.$inferInsert) {
  return (await db.insert(activities).values(a).returning({ id: activities.id }))[0]!.id;
}

export async function updateActivityRow(
  db: Db,
  id: number,
  patch: Partial<typeof activities.$inferInsert>,
) {
  await db
    .update(activities)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(activities.id, id));
}

export type GroupRow = typeof recurringGroups.$inferSelect;

export const findGroupRow = async (db: Db, id: number): Promise<GroupRow | undefined> =>
  (await db.select().from(recurringGroups).where(eq(recurringGroups.id, id)).limit(1))[0];

async function rosters(db: Db, groupIds: number[], today: string) {
  if (groupIds.length === 0) return new Map<number, RosterMember[]>();
  const rows = await db
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
    .orderBy(asc(participants.alias), asc(participants.code));
  const out = new Map<number, RosterMember[]>();
  for (const r of rows) {
    const list = out.get(r.groupId) ?? [];
    list.push({ id: r.id, code: r.code, alias: r.alias, followUpConsent: Boolean(r.consent) });
    out.set(r.groupId, list);
  }
  return out;
}

export async function listGroups(
  db: Db,
  centreIds: number[] | null,
  today: string,
): Promise<Group[]> {
  const rows = await db
    .select()
    .from(recurringGroups)
    .where(centreIds ? inArray(recurringGroups.centreId, centreIds) : undefined)
    .orderBy(
      asc(recurringGroups.centreId),
      asc(recurringGroups.startTime),
      asc(recurringGroups.name),
    );
  const r = await rosters(
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

export async function findGroup(db: Db, id: number, today: string): Promise<Group | undefined> {
  const g = await findGroupRow(db, id);
  if (!g) return undefined;
  return { ...g, roster: (await rosters(db, [id], today)).get(id) ?? [] };
}

export async function memberIds(db: Db, groupId: number) {
  return (
    await db
      .select({ id: groupMembers.participantId })
      .from(groupMembers)
      .where(eq(groupMembers.groupId, groupId))
  ).map((r) => r.id);
}

export async function insertGroup(db: Db, g: typeof recurringGroups.$inferInsert) {
  return (await db.insert(recurringGroups).values(g).returning({ id: recurringGroups.id }))[0]!.id;
}

export async function updateGroupRow(
  db: Db,
  id: number,
  patch: Partial<typeof recurringGroups.$inferInsert>,
) {
  await db
    .update(recurringGroups)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(recurringGroups.id, id));
}

export async function replaceMembers(db: Db, groupId: number, ids: number[]) {
  await db.delete(groupMembers).where(eq(groupMembers.groupId, groupId));
  if (ids.length)
    await db.insert(groupMembers).values(ids.map((participantId) => ({ groupId, participantId })));
}

/** Ids among `ids` that belong to `centreId`. */
export async function participantsAtCentre(db: Db, centreId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return (
    await db
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.centreId, centreId), inArray(participants.id, ids)))
  ).map((r) => r.id);
}
