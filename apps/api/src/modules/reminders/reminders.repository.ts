import { and, eq, lte, sql } from 'drizzle-orm';
import type { ReminderMode } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import {
  centres,
  followUps,
  mailDeliveries,
  mailPreferences,
  participants,
  users,
} from '../../db/tables.ts';
import { sqlNow } from '../../db/engine.ts';
import { rawGet } from '../../db/raw.ts';

export const findPreference = async (db: Db, userId: number): Promise<ReminderMode | null> =>
  ((
    await db
      .select({ r: mailPreferences.reminders })
      .from(mailPreferences)
      .where(eq(mailPreferences.userId, userId))
      .limit(1)
  )[0]?.r as ReminderMode | undefined) ?? null;

export async function savePreference(db: Db, userId: number, reminders: ReminderMode) {
  await db
    .insert(mailPreferences)
    .values({ userId, reminders })
    .onConflictDoUpdate({
      target: mailPreferences.userId,
      set: { reminders, updatedAt: sqlNow },
    });
}

/** The assignee of a task, the centre it belongs to and their reminder choice. */
export const assignmentFacts = async (db: Db, followUpId: number) =>
  (
    await db
      .select({
        userId: users.id,
        email: users.email,
        active: users.active,
        locale: users.locale,
        centreName: centres.name,
        reminders: mailPreferences.reminders,
      })
      .from(followUps)
      .innerJoin(users, eq(users.id, followUps.assigneeId))
      .innerJoin(participants, eq(participants.id, followUps.participantId))
      .innerJoin(centres, eq(centres.id, participants.centreId))
      .leftJoin(mailPreferences, eq(mailPreferences.userId, users.id))
      .where(eq(followUps.id, followUpId))
      .limit(1)
  )[0];

/** Open tasks due on or before `day`, per assignee and centre, for users who chose the digest. */
export const dueForDigest = async (db: Db, day: string) =>
  await db
    .select({
      userId: users.id,
      email: users.email,
      locale: users.locale,
      centreName: centres.name,
      due: sql<number>`count(*)`,
      overdue: sql<number>`sum(case when ${followUps.dueOn} < ${day} then 1 else 0 end)`,
    })
    .from(followUps)
    .innerJoin(users, eq(users.id, followUps.assigneeId))
    .innerJoin(participants, eq(participants.id, followUps.participantId))
    .innerJoin(centres, eq(centres.id, participants.centreId))
    .innerJoin(mailPreferences, eq(mailPreferences.userId, users.id))
    .where(
      and(
        eq(followUps.status, 'open'),
        lte(followUps.dueOn, day),
        eq(users.active, true),
        eq(mailPreferences.reminders, 'digest'),
      ),
    )
    .groupBy(users.id, centres.id)
    .orderBy(users.id, centres.name);

export const insertDelivery = async (
  db: Db,
  row: { userId: number; kind: 'assignment' | 'digest'; followUpId?: number | null },
) =>
  (
    await db
      .insert(mailDeliveries)
      .values({ ...row, status: 'pending' })
      .returning({ id: mailDeliveries.id })
  )[0]!.id;

/**
 * Claims today's digest for a user: a new row, or a failed one taken up again. Returns the row
 * id, or null when the digest was already sent (or is being sent) today. The unique index on
 * (user, day) makes this safe with two processes.
 */
export async function claimDigest(db: Db, userId: number, day: string): Promise<number | null> {
  const row = await rawGet(db)<{ id: number }>(
    sql`insert into mail_deliveries (user_id, kind, digest_day, status) values (${userId}, 'digest', ${day}, 'pending')
       on conflict (user_id, digest_day) do update set status = 'pending', error = null
       where mail_deliveries.status = 'failed'
       returning id`,
  );
  return row?.id ?? null;
}

export async function finishDelivery(db: Db, id: number, error: string | null) {
  await db
    .update(mailDeliveries)
    .set(
      error === null
        ? { status: 'sent', sentAt: new Date().toISOString(), error: null }
        : { status: 'failed', error: error.slice(0, 500) },
    )
    .where(eq(mailDeliveries.id, id));
}
