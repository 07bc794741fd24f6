import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { FollowUp, FollowUpOutcome } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { followUpAttempts, followUps, participants, users } from '../../db/tables.ts';

const assignee = alias(users, 'assignee');

const base = (db: Db) =>
  db
    .select({
      id: followUps.id,
      participantId: followUps.participantId,
      participantCode: participants.code,
      participantAlias: participants.alias,
      centreId: participants.centreId,
      assigneeId: followUps.assigneeId,
      assigneeName: assignee.displayName,
      dueOn: followUps.dueOn,
      reason: followUps.reason,
      status: followUps.status,
      outcome: followUps.outcome,
      closedOn: followUps.closedOn,
      closedReason: followUps.closedReason,
    })
    .from(followUps)
    .innerJoin(participants, eq(participants.id, followUps.participantId))
    .innerJoin(assignee, eq(assignee.id, followUps.assigneeId));

async function withAttempts(db: Db, rows: Omit<FollowUp, 'attempts'>[]): Promise<FollowUp[]> {
  if (rows.length === 0) return [];
  const attempts = await db
    .select({
      id: followUpAttempts.id,
      followUpId: followUpAttempts.followUpId,
      attemptedOn: followUpAttempts.attemptedOn,
      outcome: followUpAttempts.outcome,
      note: followUpAttempts.note,
      byName: users.displayName,
    })
    .from(followUpAttempts)
    .innerJoin(users, eq(users.id, followUpAttempts.byId))
    .where(
      inArray(
        followUpAttempts.followUpId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(followUpAttempts.attemptedOn), asc(followUpAttempts.id));
  return rows.map((r) => ({
    ...r,
    attempts: attempts.filter((a) => a.followUpId === r.id).map(({ followUpId: _f, ...a }) => a),
  }));
}

export async function findFollowUp(db: Db, id: number): Promise<FollowUp | undefined> {
  const row = (await base(db).where(eq(followUps.id, id)).limit(1))[0];
  return row ? (await withAttempts(db, [row]))[0] : undefined;
}

export async function listFollowUps(
  db: Db,
  q: {
    centreIds: number[] | null;
    status?: 'open' | 'closed';
    assigneeId?: number;
    participantId?: number;
    limit: number;
    offset: number;
  },
) {
  const where: SQL[] = [];
  if (q.centreIds) where.push(inArray(participants.centreId, q.centreIds));
  if (q.status) where.push(eq(followUps.status, q.status));
  if (q.assigneeId) where.push(eq(followUps.assigneeId, q.assigneeId));
  if (q.participantId) where.push(eq(followUps.participantId, q.participantId));
  const cond = where.length ? and(...where) : undefined;
  const rows = await base(db)
    .where(cond)
    .orderBy(asc(followUps.status), asc(followUps.dueOn))
    .limit(q.limit)
    .offset(q.offset);
  const total =
    (
      await db
        .select({ n: count() })
        .from(followUps)
        .innerJoin(participants, eq(participants.id, followUps.participantId))
        .where(cond)
        .limit(1)
    )[0]?.n ?? 0;
  return { items: await withAttempts(db, rows), total, limit: q.limit, offset: q.offset };
}

export async function insertFollowUp(db: Db, f: typeof followUps.$inferInsert) {
  return (await db.insert(followUps).values(f).returning({ id: followUps.id }))[0]!.id;
}

export async function updateFollowUpRow(
  db: Db,
  id: number,
  patch: Partial<typeof followUps.$inferInsert>,
) {
  await db
    .update(followUps)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(followUps.id, id));
}

export async function insertAttempt(
  db: Db,
  a: {
    followUpId: number;
    attemptedOn: string;
    outcome: FollowUpOutcome;
    note: string | null;
    byId: number;
  },
) {
  return (await db.insert(followUpAttempts).values(a).returning({ id: followUpAttempts.id }))[0]!
    .id;
}
