import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import {
  consentValid,
  type Consent,
  type ConsentLanguage,
  type ConsentPurpose,
  type ParticipantSort,
  type ParticipantSummary,
  type Referral,
  type ReferralService,
  type TimelineItem,
} from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { validFollowUpConsentSql } from '../../db/sql/consent.ts';
import {
  activities,
  consents,
  encounterAttendees,
  encounters,
  followUpAttempts,
  followUps,
  participantTransfers,
  participants,
  referrals,
  users,
} from '../../db/tables.ts';
import { ilike } from '../../db/engine.ts';

export type ParticipantRow = typeof participants.$inferSelect;

/** Last named attendance, kept by triggers on encounter_attendees (migration 0006). */
const lastSeenSql = sql<string | null>`${participants.lastAttendedOn}`;

const summaryColumns = (today: string) => ({
  id: participants.id,
  code: participants.code,
  alias: participants.alias,
  centreId: participants.centreId,
  householdSize: participants.householdSize,
  movedInAt: participants.movedInAt,
  lastSeenOn: lastSeenSql,
  followUpConsent: validFollowUpConsentSql('participants.id', today),
});

const toSummary = (
  r: Omit<ParticipantSummary, 'followUpConsent'> & { followUpConsent: number },
) => ({
  ...r,
  followUpConsent: Boolean(r.followUpConsent),
});

const byName = asc(sql`lower(coalesce(${participants.alias}, ${participants.code}))`);
/** A stable order for each sort (ties broken by name, then id, so pages never overlap). */
function participantOrder(sort: ParticipantSort): SQL[] {
  const id = asc(participants.id);
  const neverSeenLast = sql`${participants.lastAttendedOn} is null`;
  switch (sort) {
    case 'lastSeenDesc':
      return [asc(neverSeenLast), desc(participants.lastAttendedOn), byName, id];
    case 'lastSeenAsc':
      return [asc(neverSeenLast), asc(participants.lastAttendedOn), byName, id];
    case 'code':
      return [asc(participants.code), id];
    default:
      return [byName, id];
  }
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);

export async function listParticipants(
  db: Db,
  q: {
    centreIds: number[] | null;
    q?: string;
    withConsent?: boolean;
    sort?: ParticipantSort;
    limit: number;
    offset: number;
  },
  today: string,
) {
  const where: SQL[] = [];
  if (q.centreIds) where.push(inArray(participants.centreId, q.centreIds));
  if (q.q) {
    // The start of the name (or of any word in it) or of the code, with or without the centre
    // prefix: "ham" finds "Hamid" and "Abu Hamid", "7KQ" finds GRO-7KQ3; "mid" finds nobody.
    const p = escapeLike(q.q.trim());
    where.push(
      or(
        ilike(participants.code, `${p}%`),
        ilike(participants.code, `%-${p}%`),
        ilike(participants.alias, `${p}%`),
        ilike(participants.alias, `% ${p}%`),
      )!,
    );
  }
  if (q.withConsent !== undefined) {
    const c = validFollowUpConsentSql('participants.id', today);
    where.push(q.withConsent ? sql`${c}` : sql`not ${c}`);
  }
  const cond = where.length ? and(...where) : undefined;
  const items = (
    await db
      .select(summaryColumns(today))
      .from(participants)
      .where(cond)
      .orderBy(...participantOrder(q.sort ?? 'name'))
      .limit(q.limit)
      .offset(q.offset)
  ).map(toSummary);
  const total =
    (await db.select({ n: count() }).from(participants).where(cond).limit(1))[0]?.n ?? 0;
  return { items, total, limit: q.limit, offset: q.offset };
}

export async function findParticipantRow(db: Db, id: number): Promise<ParticipantRow | undefined> {
  return (await db.select().from(participants).where(eq(participants.id, id)).limit(1))[0];
}

export async function findSummaries(db: Db, ids: number[], today: string) {
  if (ids.length === 0) return [];
  return (
    await db.select(summaryColumns(today)).from(participants).where(inArray(participants.id, ids))
  ).map(toSummary);
}

export const lastSeenOn = async (db: Db, id: number) =>
  (
    await db
      .select({ d: participants.lastAttendedOn })
      .from(participants)
      .where(eq(participants.id, id))
      .limit(1)
  )[0]?.d ?? null;

export async function findDuplicates(
  db: Db,
  centreId: number,
  alias: string,
  householdSize: number | null,
) {
  return await db
    .select({ id: participants.id, code: participants.code })
    .from(participants)
    .where(
      and(
        eq(participants.centreId, centreId),
        sql`lower(trim(${participants.alias})) = lower(trim(${alias}))`,
        householdSize === null
          ? sql`${participants.householdSize} is null`
          : eq(participants.householdSize, householdSize),
      ),
    );
}

export const codeExists = async (db: Db, code: string) =>
  !!(
    await db
      .select({ id: participants.id })
      .from(participants)
      .where(eq(participants.code, code))
      .limit(1)
  )[0];

export async function insertParticipant(db: Db, values: typeof participants.$inferInsert) {
  return (await db.insert(participants).values(values).returning({ id: participants.id }))[0]!.id;
}

export async function updateParticipantRow(db: Db, id: number, patch: Partial<ParticipantRow>) {
  await db
    .update(participants)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(participants.id, id));
}

export async function consentsFor(
  db: Db,
  participantIds: number[],
  today: string,
): Promise<(Consent & { participantId: number })[]> {
  if (participantIds.length === 0) return [];
  return (
    await db
      .select({
        id: consents.id,
        participantId: consents.participantId,
        purpose: consents.purpose,
        givenOn: consents.givenOn,
        expiresOn: consents.expiresOn,
        withdrawnOn: consents.withdrawnOn,
        language: consents.language,
        explainedById: consents.explainedById,
        explainedByName: users.displayName,
      })
      .from(consents)
      .innerJoin(users, eq(users.id, consents.explainedById))
      .where(inArray(consents.participantId, participantIds))
      .orderBy(desc(consents.givenOn), desc(consents.id))
  ).map((c) => ({ ...c, language: c.language as ConsentLanguage, valid: consentValid(c, today) }));
}

export async function insertConsent(
  db: Db,
  c: {
    participantId: number;
    purpose: ConsentPurpose;
    givenOn: string;
    expiresOn: string;
    language: ConsentLanguage;
    explainedById: number;
  },
) {
  return (await db.insert(consents).values(c).returning({ id: consents.id }))[0]!.id;
}

export const findConsent = async (db: Db, participantId: number, id: number) =>
  (
    await db
      .select()
      .from(consents)
      .where(and(eq(consents.id, id), eq(consents.participantId, participantId)))
      .limit(1)
  )[0];

export async function withdrawConsentRow(db: Db, id: number, on: string) {
  await db.update(consents).set({ withdrawnOn: on }).where(eq(consents.id, id));
}

export async function insertTransfer(db: Db, t: typeof participantTransfers.$inferInsert) {
  await db.insert(participantTransfers).values(t);
}

export async function insertReferral(
  db: Db,
  r: {
    participantId: number;
    service: ReferralService;
    referredOn: string;
    note: string | null;
    byId: number;
  },
) {
  return (await db.insert(referrals).values(r).returning({ id: referrals.id }))[0]!.id;
}

export async function findReferral(db: Db, id: number): Promise<Referral> {
  return (
    await db
      .select({
        id: referrals.id,
        participantId: referrals.participantId,
        service: referrals.service,
        referredOn: referrals.referredOn,
        note: referrals.note,
        byName: users.displayName,
      })
      .from(referrals)
      .innerJoin(users, eq(users.id, referrals.byId))
      .where(eq(referrals.id, id))
      .limit(1)
  )[0]!;
}

/** Everything that happened to a participant, newest first. */
export async function timeline(db: Db, participantId: number): Promise<TimelineItem[]> {
  const items: TimelineItem[] = [];
  for (const e of await db
    .select({
      id: encounters.id,
      date: encounters.date,
      key: activities.key,
      name: activities.name,
      duration: encounters.durationMinutes,
    })
    .from(encounterAttendees)
    .innerJoin(encounters, eq(encounters.id, encounterAttendees.encounterId))
    .innerJoin(activities, eq(activities.id, encounters.activityId))
    // Cancelled entries are not part of anyone's history.
    .where(and(eq(encounterAttendees.participantId, participantId), isNull(encounters.voidedAt)))) {
    items.push({
      kind: 'encounter',
      on: e.date,
      refId: e.id,
      label: e.key ?? e.name,
      detail: `${e.duration}`,
    });
  }
  const fus = await db.select().from(followUps).where(eq(followUps.participantId, participantId));
  for (const f of fus) {
    items.push({
      kind: 'follow_up',
      on: f.createdAt.slice(0, 10),
      refId: f.id,
      label: f.status,
      detail: f.reason,
    });
  }
  if (fus.length) {
    for (const a of await db
      .select()
      .from(followUpAttempts)
      .where(
        inArray(
          followUpAttempts.followUpId,
          fus.map((f) => f.id),
        ),
      )) {
      items.push({
        kind: 'follow_up_attempt',
        on: a.attemptedOn,
        refId: a.followUpId,
        label: a.outcome,
        detail: a.note,
      });
    }
  }
  for (const r of await db
    .select()
    .from(referrals)
    .where(eq(referrals.participantId, participantId))) {
    items.push({
      kind: 'referral',
      on: r.referredOn,
      refId: r.id,
      label: r.service,
      detail: r.note,
    });
  }
  for (const c of await db
    .select()
    .from(consents)
    .where(eq(consents.participantId, participantId))) {
    items.push({
      kind: 'consent_given',
      on: c.givenOn,
      refId: c.id,
      label: c.purpose,
      detail: c.language,
    });
    if (c.withdrawnOn)
      items.push({
        kind: 'consent_withdrawn',
        on: c.withdrawnOn,
        refId: c.id,
        label: c.purpose,
        detail: null,
      });
  }
  for (const t of await db
    .select()
    .from(participantTransfers)
    .where(eq(participantTransfers.participantId, participantId))) {
    items.push({
      kind: 'transfer',
      on: t.on,
      refId: t.id,
      label: `${t.fromCentreId}→${t.toCentreId}`,
      detail: t.reason,
    });
  }
  return items.sort((a, b) => (a.on === b.on ? b.refId - a.refId : a.on < b.on ? 1 : -1));
}
