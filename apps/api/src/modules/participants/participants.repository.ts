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
} from '../../db/schema/index.ts';

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

const byName = asc(sql`coalesce(${participants.alias}, ${participants.code}) collate nocase`);
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

export function listParticipants(
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
        sql`${participants.code} LIKE ${`${p}%`} ESCAPE '\\'`,
        sql`${participants.code} LIKE ${`%-${p}%`} ESCAPE '\\'`,
        sql`${participants.alias} LIKE ${`${p}%`} ESCAPE '\\'`,
        sql`${participants.alias} LIKE ${`% ${p}%`} ESCAPE '\\'`,
      )!,
    );
  }
  if (q.withConsent !== undefined) {
    const c = validFollowUpConsentSql('participants.id', today);
    where.push(q.withConsent ? sql`${c}` : sql`not ${c}`);
  }
  const cond = where.length ? and(...where) : undefined;
  const items = db
    .select(summaryColumns(today))
    .from(participants)
    .where(cond)
    .orderBy(...participantOrder(q.sort ?? 'name'))
    .limit(q.limit)
    .offset(q.offset)
    .all()
    .map(toSummary);
  const total = db.select({ n: count() }).from(participants).where(cond).get()?.n ?? 0;
  return { items, total, limit: q.limit, offset: q.offset };
}

export function findParticipantRow(db: Db, id: number): ParticipantRow | undefined {
  return db.select().from(participants).where(eq(participants.id, id)).get();
}

export function findSummaries(db: Db, ids: number[], today: string) {
  if (ids.length === 0) return [];
  return db
    .select(summaryColumns(today))
    .from(participants)
    .where(inArray(participants.id, ids))
    .all()
    .map(toSummary);
}

export const lastSeenOn = (db: Db, id: number) =>
  db
    .select({ d: participants.lastAttendedOn })
    .from(participants)
    .where(eq(participants.id, id))
    .get()?.d ?? null;

export function findDuplicates(
  db: Db,
  centreId: number,
  alias: string,
  householdSize: number | null,
) {
  return db
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
    )
    .all();
}

export const codeExists = (db: Db, code: string) =>
  !!db.select({ id: participants.id }).from(participants).where(eq(participants.code, code)).get();

export function insertParticipant(db: Db, values: typeof participants.$inferInsert) {
  return db.insert(participants).values(values).returning({ id: participants.id }).get().id;
}

export function updateParticipantRow(db: Db, id: number, patch: Partial<ParticipantRow>) {
  db.update(participants)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(participants.id, id))
    .run();
}

export function consentsFor(
  db: Db,
  participantIds: number[],
  today: string,
): (Consent & { participantId: number })[] {
  if (participantIds.length === 0) return [];
  return db
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
    .all()
    .map((c) => ({ ...c, language: c.language as ConsentLanguage, valid: consentValid(c, today) }));
}

export function insertConsent(
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
  return db.insert(consents).values(c).returning({ id: consents.id }).get().id;
}

export const findConsent = (db: Db, participantId: number, id: number) =>
  db
    .select()
    .from(consents)
    .where(and(eq(consents.id, id), eq(consents.participantId, participantId)))
    .get();

export function withdrawConsentRow(db: Db, id: number, on: string) {
  db.update(consents).set({ withdrawnOn: on }).where(eq(consents.id, id)).run();
}

export function insertTransfer(db: Db, t: typeof participantTransfers.$inferInsert) {
  db.insert(participantTransfers).values(t).run();
}

export function insertReferral(
  db: Db,
  r: {
    participantId: number;
    service: ReferralService;
    referredOn: string;
    note: string | null;
    byId: number;
  },
) {
  return db.insert(referrals).values(r).returning({ id: referrals.id }).get().id;
}

export function findReferral(db: Db, id: number): Referral {
  return db
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
    .get()!;
}

/** Everything that happened to a participant, newest first. */
export function timeline(db: Db, participantId: number): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const e of db
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
    .where(and(eq(encounterAttendees.participantId, participantId), isNull(encounters.voidedAt)))
    .all()) {
    items.push({
      kind: 'encounter',
      on: e.date,
      refId: e.id,
      label: e.key ?? e.name,
      detail: `${e.duration}`,
    });
  }
  const fus = db.select().from(followUps).where(eq(followUps.participantId, participantId)).all();
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
    for (const a of db
      .select()
      .from(followUpAttempts)
      .where(
        inArray(
          followUpAttempts.followUpId,
          fus.map((f) => f.id),
        ),
      )
      .all()) {
      items.push({
        kind: 'follow_up_attempt',
        on: a.attemptedOn,
        refId: a.followUpId,
        label: a.outcome,
        detail: a.note,
      });
    }
  }
  for (const r of db
    .select()
    .from(referrals)
    .where(eq(referrals.participantId, participantId))
    .all()) {
    items.push({
      kind: 'referral',
      on: r.referredOn,
      refId: r.id,
      label: r.service,
      detail: r.note,
    });
  }
  for (const c of db
    .select()
    .from(consents)
    .where(eq(consents.participantId, participantId))
    .all()) {
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
  for (const t of db
    .select()
    .from(participantTransfers)
    .where(eq(participantTransfers.participantId, participantId))
    .all()) {
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
