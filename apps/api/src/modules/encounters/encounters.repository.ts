import { and, count, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { EncounterSummary, StaffOption } from '@begegnung/domain';
import { prepared, type Db } from '../../db/client.ts';
import {
  encounterAttendees,
  encounterDayRollup,
  encounterStaff,
  encounters,
  participants,
  userCentres,
  userRoles,
  users,
} from '../../db/tables.ts';

export type EncounterRow = typeof encounters.$inferSelect;

// The logging path's queries are prepared once per connection (see `prepared`): the write
// benchmark showed query building as a large share of a request.
const ph = sql.placeholder;

export const findEncounterRow = async (db: Db, id: number): Promise<EncounterRow | undefined> =>
  (
    await prepared(db, 'encounters.findRow', (d) =>
      d
        .select()
        .from(encounters)
        .where(eq(encounters.id, ph('id')))
        .limit(1)
        .prepare(),
    ).execute({ id })
  )[0];

export const findByClientRequestId = async (db: Db, centreId: number, clientRequestId: string) =>
  (
    await prepared(db, 'encounters.findByRequest', (d) =>
      d
        .select()
        .from(encounters)
        .where(
          and(eq(encounters.centreId, ph('centreId')), eq(encounters.clientRequestId, ph('rid'))),
        )
        .limit(1)
        .prepare(),
    ).execute({ centreId, rid: clientRequestId })
  )[0];

/** Counted (not voided) sessions of a centre at a date and start time: duplicate candidates. */
export const sessionsInSlot = async (db: Db, centreId: number, date: string, startTime: string) =>
  prepared(db, 'encounters.slot', (d) =>
    d
      .select()
      .from(encounters)
      .where(
        and(
          eq(encounters.centreId, ph('centreId')),
          eq(encounters.date, ph('date')),
          eq(encounters.startTime, ph('startTime')),
          isNull(encounters.voidedAt),
        ),
      )
      .orderBy(encounters.id)
      .prepare(),
  ).execute({ centreId, date, startTime });

export async function markVoided(db: Db, id: number, byId: number, reason: string) {
  const now = new Date().toISOString();
  await db
    .update(encounters)
    .set({ voidedAt: now, voidedById: byId, voidReason: reason, updatedAt: now })
    .where(and(eq(encounters.id, id), isNull(encounters.voidedAt)));
}

export async function attendeesOf(db: Db, encounterId: number) {
  return prepared(db, 'encounters.attendees', (d) =>
    d
      .select({ id: participants.id, code: participants.code, alias: participants.alias })
      .from(encounterAttendees)
      .innerJoin(participants, eq(participants.id, encounterAttendees.participantId))
      .where(eq(encounterAttendees.encounterId, ph('id')))
      .orderBy(participants.code)
      .prepare(),
  ).execute({ id: encounterId });
}

export const staffOf = async (db: Db, encounterId: number) =>
  (
    await prepared(db, 'encounters.staff', (d) =>
      d
        .select({ id: encounterStaff.userId })
        .from(encounterStaff)
        .where(eq(encounterStaff.encounterId, ph('id')))
        .prepare(),
    ).execute({ id: encounterId })
  )
    .map((r) => r.id)
    .sort((a, b) => a - b);

export async function insertEncounter(db: Db, e: typeof encounters.$inferInsert) {
  const rows = await prepared(db, 'encounters.insert', (d) =>
    d
      .insert(encounters)
      .values({
        centreId: ph('centreId'),
        activityId: ph('activityId'),
        groupId: ph('groupId'),
        date: ph('date'),
        startTime: ph('startTime'),
        durationMinutes: ph('durationMinutes'),
        newcomers: ph('newcomers'),
        host: ph('host'),
        volunteers: ph('volunteers'),
        other: ph('other'),
        authorId: ph('authorId'),
        clientRequestId: ph('clientRequestId'),
      })
      .returning({ id: encounters.id })
      .prepare(),
  ).execute({ groupId: null, newcomers: 0, host: 0, volunteers: 0, other: 0, ...e });
  return rows[0]!.id;
}

export async function updateEncounterRow(
  db: Db,
  id: number,
  patch: Partial<typeof encounters.$inferInsert>,
) {
  await db
    .update(encounters)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(encounters.id, id));
}

export async function replaceAttendees(db: Db, encounterId: number, ids: number[]) {
  await db.delete(encounterAttendees).where(eq(encounterAttendees.encounterId, encounterId));
  if (ids.length)
    await db
      .insert(encounterAttendees)
      .values(ids.map((participantId) => ({ encounterId, participantId })));
}

export async function replaceStaff(db: Db, encounterId: number, ids: number[]) {
  await db.delete(encounterStaff).where(eq(encounterStaff.encounterId, encounterId));
  if (ids.length)
    await db.insert(encounterStaff).values(ids.map((userId) => ({ encounterId, userId })));
}

export const toSummary = (e: EncounterRow, namedCount: number): EncounterSummary => ({
  id: e.id,
  centreId: e.centreId,
  activityId: e.activityId,
  groupId: e.groupId,
  date: e.date,
  startTime: e.startTime,
  durationMinutes: e.durationMinutes,
  headcounts: { newcomers: e.newcomers, host: e.host, volunteers: e.volunteers, other: e.other },
  namedCount,
  voidedAt: e.voidedAt,
});

/**
 * Counted (not voided) encounters for the list's filters, from the day rollup: the filters
 * (centres, date range, not voided) are exactly what its rows hold. PostgreSQL counts a
 * million rows slowly (no index-only count without a fresh visibility map); a year of day
 * rows is a few thousand.
 */
async function countedInRollup(
  db: Db,
  q: { centreIds: number[] | null; from?: string; to?: string },
): Promise<number> {
  const where: SQL[] = [];
  if (q.centreIds) where.push(inArray(encounterDayRollup.centreId, q.centreIds));
  if (q.from) where.push(gte(encounterDayRollup.date, q.from));
  if (q.to) where.push(lte(encounterDayRollup.date, q.to));
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${encounterDayRollup.encounters}), 0)` })
    .from(encounterDayRollup)
    .where(where.length ? and(...where) : undefined);
  return Number(row?.n ?? 0);
}

export async function listEncounters(
  db: Db,
  q: {
    centreIds: number[] | null;
    from?: string;
    to?: string;
    includeVoided: boolean;
    limit: number;
    offset: number;
  },
): Promise<{ items: EncounterSummary[]; total: number; limit: number; offset: number }> {
  const where: SQL[] = [];
  if (!q.includeVoided) where.push(isNull(encounters.voidedAt));
  if (q.centreIds) where.push(inArray(encounters.centreId, q.centreIds));
  if (q.from) where.push(gte(encounters.date, q.from));
  if (q.to) where.push(lte(encounters.date, q.to));
  const cond = where.length ? and(...where) : undefined;
  const rows = await db
    .select({
      id: encounters.id,
      centreId: encounters.centreId,
      activityId: encounters.activityId,
      groupId: encounters.groupId,
      date: encounters.date,
      startTime: encounters.startTime,
      durationMinutes: encounters.durationMinutes,
      newcomers: encounters.newcomers,
      host: encounters.host,
      volunteers: encounters.volunteers,
      other: encounters.other,
      // Kept by the attendee triggers (migration 0019); no per-row count of attendees.
      namedCount: encounters.namedAttendees,
      voidedAt: encounters.voidedAt,
    })
    .from(encounters)
    .where(cond)
    .orderBy(desc(encounters.date), desc(encounters.startTime), desc(encounters.id))
    .limit(q.limit)
    .offset(q.offset);
  const total = q.includeVoided
    ? ((await db.select({ n: count() }).from(encounters).where(cond).limit(1))[0]?.n ?? 0)
    : await countedInRollup(db, q);
  return {
    items: rows.map(({ newcomers, host, volunteers, other, ...r }) => ({
      ...r,
      headcounts: { newcomers, host, volunteers, other },
    })),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

/** Active centre staff of a centre: who can be named as present at an encounter. */
export async function staffOfCentre(db: Db, centreId: number): Promise<StaffOption[]> {
  return prepared(db, 'encounters.staffOfCentre', (d) =>
    d
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .innerJoin(
        userCentres,
        and(eq(userCentres.userId, users.id), eq(userCentres.centreId, ph('centreId'))),
      )
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'centre_staff')))
      .where(eq(users.active, true))
      .orderBy(users.displayName)
      .prepare(),
  ).execute({ centreId });
}
