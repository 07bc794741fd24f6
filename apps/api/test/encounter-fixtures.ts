import { randomUUID } from 'node:crypto';
import { addMonths, localNow } from '@begegnung/domain';
import type { Db } from '../src/db/client.ts';
import {
  consents,
  encounters,
  encounterStaff,
  followUps,
  groupMembers,
  participants,
  recurringGroups,
} from '../src/db/tables.ts';
import { sql } from 'drizzle-orm';
import { rawGet } from '../src/db/raw.ts';
import { unique } from './helper.ts';

export const today = () => localNow().date;

/** The first centre a user is linked to (role clients for centre_staff get exactly one). */
export const centreOf = async (db: Db, userId: number) =>
  (await rawGet(db)<{ id: number }>(
    sql`select centre_id as id from user_centres where user_id = ${userId} order by centre_id`,
  ))!.id;

export const activityId = async (db: Db, key = 'language_cafe') =>
  (await rawGet(db)<{ id: number }>(sql`select id from activities where key = ${key}`))!.id;

/** A participant row; with `consentBy` a valid follow_up_contact consent explained by that user. */
export async function makeParticipant(
  db: Db,
  centreId: number,
  opts: { consentBy?: number; alias?: string | null; householdSize?: number | null } = {},
) {
  const [p] = await db
    .insert(participants)
    .values({
      code: unique('T-').toUpperCase(),
      centreId,
      alias: opts.alias === undefined ? unique('Alias ') : opts.alias,
      householdSize: opts.householdSize ?? null,
    })
    .returning();
  if (opts.consentBy) {
    await db.insert(consents).values({
      participantId: p!.id,
      purpose: 'follow_up_contact',
      givenOn: addMonths(today(), -1),
      expiresOn: addMonths(today(), 11),
      language: 'de',
      explainedById: opts.consentBy,
    });
  }
  return p!;
}

export async function makeGroup(db: Db, centreId: number, memberIds: number[] = []) {
  const [g] = await db
    .insert(recurringGroups)
    .values({
      centreId,
      activityId: await activityId(db),
      name: unique('Sprachcafé '),
      weekdays: [1, 2, 3, 4, 5],
      startTime: '15:00',
      durationMinutes: 90,
    })
    .returning();
  for (const participantId of memberIds)
    await db.insert(groupMembers).values({ groupId: g!.id, participantId });
  return g!;
}

export async function makeEncounter(
  db: Db,
  centreId: number,
  authorId: number,
  overrides: Partial<typeof encounters.$inferInsert> = {},
) {
  const [e] = await db
    .insert(encounters)
    .values({
      centreId,
      activityId: await activityId(db),
      date: today(),
      startTime: '00:00',
      durationMinutes: 60,
      newcomers: 2,
      host: 1,
      authorId,
      clientRequestId: randomUUID(),
      ...overrides,
    })
    .returning();
  await db.insert(encounterStaff).values({ encounterId: e!.id, userId: authorId });
  return e!;
}

export async function makeFollowUp(db: Db, participantId: number, assigneeId: number) {
  const [f] = await db
    .insert(followUps)
    .values({
      participantId,
      assigneeId,
      dueOn: today(),
      reason: 'Nicht gesehen',
      createdById: assigneeId,
    })
    .returning();
  return f!;
}
