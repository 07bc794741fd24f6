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
} from '../src/db/schema/index.ts';
import { unique } from './helper.ts';

export const today = () => localNow().date;

/** The first centre a user is linked to (role clients for centre_staff get exactly one). */
export const centreOf = (db: Db, userId: number) =>
  (
    db.$client
      .prepare('select centre_id as id from user_centres where user_id = ? order by centre_id')
      .get(userId) as { id: number }
  ).id;

export const activityId = (db: Db, key = 'language_cafe') =>
  (db.$client.prepare('select id from activities where key = ?').get(key) as { id: number }).id;

/** A participant row; with `consentBy` a valid follow_up_contact consent explained by that user. */
export function makeParticipant(
  db: Db,
  centreId: number,
  opts: { consentBy?: number; alias?: string | null; householdSize?: number | null } = {},
) {
  const p = db
    .insert(participants)
    .values({
      code: unique('T-').toUpperCase(),
      centreId,
      alias: opts.alias === undefined ? unique('Alias ') : opts.alias,
      householdSize: opts.householdSize ?? null,
    })
    .returning()
    .get();
  if (opts.consentBy) {
    db.insert(consents)
      .values({
        participantId: p.id,
        purpose: 'follow_up_contact',
        givenOn: addMonths(today(), -1),
        expiresOn: addMonths(today(), 11),
        language: 'de',
        explainedById: opts.consentBy,
      })
      .run();
  }
  return p;
}

export function makeGroup(db: Db, centreId: number, memberIds: number[] = []) {
  const g = db
    .insert(recurringGroups)
    .values({
      centreId,
      activityId: activityId(db),
      name: unique('Sprachcafé '),
      weekdays: [1, 2, 3, 4, 5],
      startTime: '15:00',
      durationMinutes: 90,
    })
    .returning()
    .get();
  for (const participantId of memberIds)
    db.insert(groupMembers).values({ groupId: g.id, participantId }).run();
  return g;
}

export function makeEncounter(
  db: Db,
  centreId: number,
  authorId: number,
  overrides: Partial<typeof encounters.$inferInsert> = {},
) {
  const e = db
    .insert(encounters)
    .values({
      centreId,
      activityId: activityId(db),
      date: today(),
      startTime: '00:00',
      durationMinutes: 60,
      newcomers: 2,
      host: 1,
      authorId,
      clientRequestId: randomUUID(),
      ...overrides,
    })
    .returning()
    .get();
  db.insert(encounterStaff).values({ encounterId: e.id, userId: authorId }).run();
  return e;
}

export function makeFollowUp(db: Db, participantId: number, assigneeId: number) {
  return db
    .insert(followUps)
    .values({
      participantId,
      assigneeId,
      dueOn: today(),
      reason: 'Nicht gesehen',
      createdById: assigneeId,
    })
    .returning()
    .get();
}
