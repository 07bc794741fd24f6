import { and, eq, or, sql } from 'drizzle-orm';
import { getTableColumns, type Table } from 'drizzle-orm';
import type { ErasurePreview, SubjectExport } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import {
  activities,
  auditLog,
  auditSubjects,
  centres,
  consents,
  encounterAttendees,
  encounters,
  followUpAttempts,
  followUps,
  groupMembers,
  participantTransfers,
  participants,
  recurringGroups,
  referrals,
  users,
} from '../../db/tables.ts';
import { greatest, jsonArrayAgg, sqlNow } from '../../db/engine.ts';
import { rawAll, rawGet, rawRun } from '../../db/raw.ts';

export type ParticipantRow = typeof participants.$inferSelect;

export const findByCode = async (db: Db, code: string): Promise<ParticipantRow | undefined> =>
  (await db.select().from(participants).where(eq(participants.code, code)).limit(1))[0];

const centreName = async (db: Db, id: number) =>
  (await db.select({ name: centres.name }).from(centres).where(eq(centres.id, id)).limit(1))[0]
    ?.name ?? '';

/** Everything stored about one participant, in plain values (no internal ids). */
export async function subjectData(
  db: Db,
  p: ParticipantRow,
): Promise<
  Omit<SubjectExport, 'generatedAt' | 'accessLog' | 'information' | 'translation'> & {
    accessLog: Awaited<ReturnType<typeof accessLogOf>>;
  }
> {
  const transfers = [];
  for (const t of await db
    .select()
    .from(participantTransfers)
    .where(eq(participantTransfers.participantId, p.id))) {
    transfers.push({
      on: t.on,
      from: await centreName(db, t.fromCentreId),
      to: await centreName(db, t.toCentreId),
      reason: t.reason,
    });
  }
  const fus = await db.select().from(followUps).where(eq(followUps.participantId, p.id));
  const attempts = fus.length
    ? await db
        .select()
        .from(followUpAttempts)
        .where(
          sql`${followUpAttempts.followUpId} in (select id from follow_ups where participant_id = ${p.id})`,
        )
    : [];
  return {
    subject: {
      code: p.code,
      centre: await centreName(db, p.centreId),
      alias: p.alias,
      languages: p.languages,
      householdSize: p.householdSize,
      district: p.district,
      movedInAt: p.movedInAt,
      contactPreference: p.contactPreference,
      notes: p.notes,
      createdAt: p.createdAt,
    },
    consents: (await db
      .select({
        purpose: consents.purpose,
        givenOn: consents.givenOn,
        expiresOn: consents.expiresOn,
        withdrawnOn: consents.withdrawnOn,
        language: consents.language,
      })
      .from(consents)
      .where(eq(consents.participantId, p.id))
      .orderBy(consents.givenOn)) as SubjectExport['consents'],
    encounters: await db
      .select({
        date: encounters.date,
        startTime: encounters.startTime,
        durationMinutes: encounters.durationMinutes,
        activity: activities.name,
        centre: centres.name,
      })
      .from(encounterAttendees)
      .innerJoin(encounters, eq(encounters.id, encounterAttendees.encounterId))
      .innerJoin(activities, eq(activities.id, encounters.activityId))
      .innerJoin(centres, eq(centres.id, encounters.centreId))
      .where(eq(encounterAttendees.participantId, p.id))
      .orderBy(encounters.date, encounters.startTime),
    followUps: fus.map((f) => ({
      dueOn: f.dueOn,
      reason: f.reason,
      status: f.status,
      outcome: f.outcome,
      closedOn: f.closedOn,
      attempts: attempts
        .filter((a) => a.followUpId === f.id)
        .map((a) => ({ attemptedOn: a.attemptedOn, outcome: a.outcome, note: a.note })),
    })),
    referrals: await db
      .select({
        service: referrals.service,
        referredOn: referrals.referredOn,
        note: referrals.note,
      })
      .from(referrals)
      .where(eq(referrals.participantId, p.id)),
    groups: (
      await db
        .select({ name: recurringGroups.name })
        .from(groupMembers)
        .innerJoin(recurringGroups, eq(recurringGroups.id, groupMembers.groupId))
        .where(eq(groupMembers.participantId, p.id))
    ).map((g) => g.name),
    transfers,
    accessLog: await accessLogOf(db, p),
  };
}

/** Audit rows that showed or changed the person: the subjects index plus rows naming them. */
export async function accessLogOf(db: Db, p: ParticipantRow) {
  return await db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      reason: auditLog.reason,
      actorId: auditLog.actorId,
      actorEmail: auditLog.actorEmail,
      actorName: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      or(
        sql`${auditLog.id} in (select ${auditSubjects.auditId} from ${auditSubjects} where ${auditSubjects.participantId} = ${p.id})`,
        and(
          eq(auditLog.entityType, 'participant'),
          sql`${auditLog.entityId} in (${String(p.id)}, ${p.code})`,
        ),
      ),
    )
    .orderBy(auditLog.id);
}

const countOf = async (
  db: Db,
  table: Table,
  column: ReturnType<typeof sql> | unknown,
  id: number,
) =>
  (await rawGet(db)<{ n: number }>(
    sql`select count(*) as n from ${table} where ${column} = ${id}`,
  ))!.n;

export async function erasurePreview(db: Db, p: ParticipantRow): Promise<ErasurePreview> {
  const identity: [string, unknown][] = [
    ['alias', p.alias],
    ['languages', p.languages.length ? p.languages : null],
    ['householdSize', p.householdSize],
    ['district', p.district || null],
    ['movedInAt', p.movedInAt],
    ['notes', p.notes],
  ];
  return {
    code: p.code,
    identityFields: identity.filter(([, v]) => v != null).map(([k]) => k),
    consents: await countOf(db, consents, consents.participantId, p.id),
    attendances: await countOf(db, encounterAttendees, encounterAttendees.participantId, p.id),
    followUps: await countOf(db, followUps, followUps.participantId, p.id),
    referrals: await countOf(db, referrals, referrals.participantId, p.id),
    groupMemberships: await countOf(db, groupMembers, groupMembers.participantId, p.id),
    transfers: await countOf(db, participantTransfers, participantTransfers.participantId, p.id),
  };
}

/**
 * Erases a participant: each named attendance becomes one anonymous newcomer on the same
 * encounter (so every statistic stays true), then the row goes and its consents, follow-ups,
 * referrals, roster places and transfers go with it (ON DELETE CASCADE). Call in a transaction.
 */
export async function eraseParticipantRows(db: Db, participantId: number) {
  // Outreach tasks leave an anonymous residue (centre, dates, outcome, first visit after
  // opening, the task's cell-key unit key) so the outreach figures of past and published
  // periods stay as they were, perturbation included. Voided encounters are no visit.
  await rawRun(
    db,
  )(sql`insert into outreach_residue (centre_id, opened_on, closed_on, outcome, seen_on, attempts_json, task_key)
    select p.centre_id, substr(f.created_at, 1, 10), f.closed_on, f.outcome,
      (select min(e.date) from ${encounterAttendees} ea join counted_encounters e on e.id = ea.encounter_id
        where ea.participant_id = f.participant_id and e.date >= substr(f.created_at, 1, 10)),
      coalesce((select ${jsonArrayAgg(sql`a.attempted_on`)} from ${followUpAttempts} a
        where a.follow_up_id = f.id), '[]'),
      (p.record_key + f.id * 2654435769) % 4294967296
    from ${followUps} f join ${participants} p on p.id = f.participant_id
    where f.participant_id = ${participantId}`);
  await rawRun(db)(sql`update ${encounters} set newcomers = newcomers + 1,
    updated_at = ${sqlNow}
    where id in (select encounter_id from ${encounterAttendees} where participant_id = ${participantId})`);
  await db.delete(encounterAttendees).where(eq(encounterAttendees.participantId, participantId));
  await db.delete(participants).where(eq(participants.id, participantId));
}

/**
 * Last contact per participant: the latest of named attendance (`last_attended_on`, kept by
 * triggers), follow-up attempt, consent given, transfer and creation. Returns those before `cutoff` (YYYY-MM-DD), oldest first.
 */
export async function participantsDueForErasure(db: Db, cutoff: string) {
  return rawAll(db)<{ id: number; code: string; centreCode: string; lastContactOn: string }>(sql`
    select * from (select p.id, p.code, c.code as "centreCode", ${greatest(
      sql`
substr(p.created_at, 1, 10)`,
      sql`coalesce(p.last_attended_on, '')`,
      sql`coalesce((select max(fa.attempted_on) from ${followUpAttempts} fa join ${followUps} f on f.id = fa.follow_up_id
                where f.participant_id = p.id), '')`,
      sql`coalesce((select max(cs.given_on) from ${consents} cs where cs.participant_id = p.id), '')`,
      sql`coalesce((select max(t.${sql.raw('"on"')}) from ${participantTransfers} t where t.participant_id = p.id), '')`,
    )} as "lastContactOn"
    from ${participants} p join ${centres} c on c.id = p.centre_id) x
    where "lastContactOn" < ${cutoff}
    order by "lastContactOn", id`);
}

/** Stored column names of a table, for the record of processing. */
export const columnsOf = (table: Table) => Object.values(getTableColumns(table)).map((c) => c.name);

export const rowCount = async (db: Db, table: Table) =>
  (await rawGet(db)<{ n: number }>(sql`select count(*) as n from ${table}`))!.n;
