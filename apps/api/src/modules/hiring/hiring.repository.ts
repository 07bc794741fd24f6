import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CriterionInput } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import {
  applicantSelfDisclosures,
  applicationDocuments,
  applications,
  criteria,
  criteriaSets,
  participations,
  posts,
  scorecardPeeks,
  scorecards,
  screeningResults,
  selectionRankings,
  userRoles,
  users,
  vacancies,
  vacancyMembers,
  vacancyPosts,
} from '../../db/schema/index.ts';

export type VacancyRow = typeof vacancies.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;
export type CriterionRow = typeof criteria.$inferSelect;
export type ScorecardRow = typeof scorecards.$inferSelect;

// ── Vacancies ──

export const insertVacancy = (db: Db, v: typeof vacancies.$inferInsert) =>
  db.insert(vacancies).values(v).returning({ id: vacancies.id }).get().id;

export const updateVacancy = (db: Db, id: number, v: Partial<typeof vacancies.$inferInsert>) =>
  db
    .update(vacancies)
    .set({ ...v, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
    .where(eq(vacancies.id, id))
    .run();

export const findVacancy = (db: Db, id: number) =>
  db.select().from(vacancies).where(eq(vacancies.id, id)).get();

export function listVacancies(db: Db, onlyIds: number[] | null) {
  if (onlyIds && onlyIds.length === 0) return [];
  const q = db.select().from(vacancies);
  return (onlyIds ? q.where(inArray(vacancies.id, onlyIds)) : q).orderBy(desc(vacancies.id)).all();
}

export function setVacancyPosts(db: Db, vacancyId: number, postIds: number[]) {
  db.delete(vacancyPosts).where(eq(vacancyPosts.vacancyId, vacancyId)).run();
  for (const postId of new Set(postIds))
    db.insert(vacancyPosts).values({ vacancyId, postId }).run();
}

export const vacancyPostsOf = (db: Db, vacancyId: number) =>
  db
    .select({ id: posts.id, code: posts.code, status: posts.status, employer: posts.employer })
    .from(vacancyPosts)
    .innerJoin(posts, eq(posts.id, vacancyPosts.postId))
    .where(eq(vacancyPosts.vacancyId, vacancyId))
    .orderBy(asc(posts.code))
    .all();

export const postsByIds = (db: Db, ids: number[]) =>
  db
    .select({ id: posts.id, code: posts.code, status: posts.status, employer: posts.employer })
    .from(posts)
    .where(inArray(posts.id, ids))
    .all();

export const applicationCount = (db: Db, vacancyId: number) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(applications)
    .where(eq(applications.vacancyId, vacancyId))
    .get()?.n ?? 0;

// ── Criteria sets ──

export function insertCriteriaSet(
  db: Db,
  set: { vacancyId: number; version: number; reason: string; createdById: number | null },
  list: CriterionInput[],
) {
  const id = db.insert(criteriaSets).values(set).returning({ id: criteriaSets.id }).get().id;
  insertCriteria(db, id, list);
  return id;
}

export function insertCriteria(db: Db, setId: number, list: CriterionInput[]) {
  list.forEach((c, position) =>
    db
      .insert(criteria)
      .values({
        setId,
        position,
        kind: c.kind,
        label: c.label.trim(),
        evidenceType: c.evidenceType,
        weight: c.weight,
        scale: c.scale.trim(),
        groupKey: c.groupKey ?? null,
        rank: c.groupKey ? (c.rank ?? null) : null,
        notes: c.notes ?? '',
      })
      .run(),
  );
}

export function replaceCriteria(db: Db, setId: number, list: CriterionInput[]) {
  db.delete(criteria).where(eq(criteria.setId, setId)).run();
  insertCriteria(db, setId, list);
}

export const setsOf = (db: Db, vacancyId: number) =>
  db
    .select()
    .from(criteriaSets)
    .where(eq(criteriaSets.vacancyId, vacancyId))
    .orderBy(desc(criteriaSets.version))
    .all();

export const currentSet = (db: Db, vacancyId: number) => setsOf(db, vacancyId)[0];

export const criteriaOf = (db: Db, setId: number) =>
  db.select().from(criteria).where(eq(criteria.setId, setId)).orderBy(asc(criteria.position)).all();

export const freezeSet = (db: Db, setId: number, at: string) =>
  db
    .update(criteriaSets)
    .set({ frozenAt: at })
    .where(and(eq(criteriaSets.id, setId), isNull(criteriaSets.frozenAt)))
    .run();

// ── Members and participation ──

export const membersOf = (db: Db, vacancyId: number) =>
  db
    .select({
      userId: vacancyMembers.userId,
      displayName: users.displayName,
      email: users.email,
      kind: vacancyMembers.kind,
      body: vacancyMembers.body,
    })
    .from(vacancyMembers)
    .innerJoin(users, eq(users.id, vacancyMembers.userId))
    .where(eq(vacancyMembers.vacancyId, vacancyId))
    .orderBy(asc(vacancyMembers.kind), asc(users.displayName))
    .all();

export function replaceMembers(
  db: Db,
  vacancyId: number,
  rows: { userId: number; kind: 'panel' | 'oversight'; body: string | null }[],
) {
  db.delete(vacancyMembers).where(eq(vacancyMembers.vacancyId, vacancyId)).run();
  for (const r of rows)
    db.insert(vacancyMembers)
      .values({ vacancyId, userId: r.userId, kind: r.kind, body: r.body as never })
      .run();
}

export const membershipsOf = (db: Db, userId: number) =>
  db.select().from(vacancyMembers).where(eq(vacancyMembers.userId, userId)).all();

export const usersWithRoles = (db: Db, ids: number[]) => {
  if (ids.length === 0) return [];
  const rows = db
    .select({ id: users.id, email: users.email, active: users.active, role: userRoles.role })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(inArray(users.id, ids))
    .all();
  const out = new Map<number, { id: number; email: string; active: boolean; roles: string[] }>();
  for (const r of rows) {
    const u = out.get(r.id) ?? { id: r.id, email: r.email, active: r.active, roles: [] };
    if (r.role) u.roles.push(r.role);
    out.set(r.id, u);
  }
  return [...out.values()];
};

export const usersWithAnyRole = (db: Db, roles: ('panel_member' | 'oversight')[]) =>
  db
    .selectDistinct({ id: users.id, displayName: users.displayName, role: userRoles.role })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(userRoles.role, roles), eq(users.active, true)))
    .orderBy(asc(users.displayName))
    .all();

export const participationsOf = (db: Db, vacancyId: number) =>
  db
    .select({
      id: participations.id,
      body: participations.body,
      requestedOn: participations.requestedOn,
      response: participations.response,
      respondedOn: participations.respondedOn,
      notes: participations.notes,
      recordedByName: users.displayName,
    })
    .from(participations)
    .leftJoin(users, eq(users.id, participations.recordedById))
    .where(eq(participations.vacancyId, vacancyId))
    .orderBy(asc(participations.requestedOn), asc(participations.id))
    .all();

export const insertParticipation = (db: Db, p: typeof participations.$inferInsert) =>
  db.insert(participations).values(p).returning({ id: participations.id }).get().id;

// ── Applications ──

export const insertApplication = (db: Db, a: typeof applications.$inferInsert) =>
  db.insert(applications).values(a).returning({ id: applications.id }).get().id;

export const findApplication = (db: Db, id: number) =>
  db.select().from(applications).where(eq(applications.id, id)).get();

export const applicationsOf = (db: Db, vacancyId: number) =>
  db
    .select()
    .from(applications)
    .where(eq(applications.vacancyId, vacancyId))
    .orderBy(asc(applications.receivedOn), asc(applications.id))
    .all();

export const updateApplication = (
  db: Db,
  id: number,
  v: Partial<typeof applications.$inferInsert>,
) =>
  db
    .update(applications)
    .set({ ...v, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
    .where(eq(applications.id, id))
    .run();

/** Lower-cased e-mail addresses of a vacancy's applicants (for the conflict-of-interest rule). */
export const applicantEmails = (db: Db, vacancyId: number) =>
  new Set(
    db
      .select({ email: applications.email })
      .from(applications)
      .where(eq(applications.vacancyId, vacancyId))
      .all()
      .flatMap((r) => (r.email ? [r.email.toLowerCase()] : [])),
  );

export const documentsOf = (db: Db, applicationId: number) =>
  db
    .select({
      id: applicationDocuments.id,
      filename: applicationDocuments.filename,
      size: applicationDocuments.size,
      uploadedAt: applicationDocuments.uploadedAt,
    })
    .from(applicationDocuments)
    .where(eq(applicationDocuments.applicationId, applicationId))
    .orderBy(asc(applicationDocuments.id))
    .all();

export const insertDocument = (db: Db, d: typeof applicationDocuments.$inferInsert) =>
  db.insert(applicationDocuments).values(d).returning({ id: applicationDocuments.id }).get().id;

export const findDocument = (db: Db, applicationId: number, id: number) =>
  db
    .select()
    .from(applicationDocuments)
    .where(
      and(eq(applicationDocuments.id, id), eq(applicationDocuments.applicationId, applicationId)),
    )
    .get();

// ── Self-disclosure (kept apart; only the admin route reads it) ──

export const findSelfDisclosure = (db: Db, applicationId: number) =>
  db
    .select()
    .from(applicantSelfDisclosures)
    .where(eq(applicantSelfDisclosures.applicationId, applicationId))
    .get();

export function upsertSelfDisclosure(db: Db, row: typeof applicantSelfDisclosures.$inferInsert) {
  db.insert(applicantSelfDisclosures)
    .values(row)
    .onConflictDoUpdate({ target: applicantSelfDisclosures.applicationId, set: row })
    .run();
}

export const deleteSelfDisclosure = (db: Db, applicationId: number) =>
  db
    .delete(applicantSelfDisclosures)
    .where(eq(applicantSelfDisclosures.applicationId, applicationId))
    .run().changes;

// ── Screening ──

export const screeningOf = (db: Db, applicationIds: number[]) =>
  applicationIds.length === 0
    ? []
    : db
        .select({
          applicationId: screeningResults.applicationId,
          criterionId: screeningResults.criterionId,
          result: screeningResults.result,
          note: screeningResults.note,
          assessedByName: users.displayName,
          assessedAt: screeningResults.assessedAt,
        })
        .from(screeningResults)
        .leftJoin(users, eq(users.id, screeningResults.assessedById))
        .where(inArray(screeningResults.applicationId, applicationIds))
        .all();

export function upsertScreening(db: Db, row: typeof screeningResults.$inferInsert) {
  db.insert(screeningResults)
    .values(row)
    .onConflictDoUpdate({
      target: [screeningResults.applicationId, screeningResults.criterionId],
      set: {
        result: row.result,
        note: row.note,
        assessedById: row.assessedById,
        assessedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
      },
    })
    .run();
}

// ── Scorecards ──

const cardColumns = { card: scorecards, memberName: users.displayName };

export const scorecardsOfApplication = (db: Db, applicationId: number) =>
  db
    .select(cardColumns)
    .from(scorecards)
    .innerJoin(users, eq(users.id, scorecards.memberId))
    .where(eq(scorecards.applicationId, applicationId))
    .orderBy(asc(scorecards.stage), asc(users.displayName), asc(scorecards.revision))
    .all();

export const scorecardsOfVacancy = (db: Db, vacancyId: number) =>
  db
    .select(cardColumns)
    .from(scorecards)
    .innerJoin(users, eq(users.id, scorecards.memberId))
    .where(eq(scorecards.vacancyId, vacancyId))
    .all();

export const findScorecard = (db: Db, id: number) =>
  db
    .select(cardColumns)
    .from(scorecards)
    .innerJoin(users, eq(users.id, scorecards.memberId))
    .where(eq(scorecards.id, id))
    .get();

export const currentCard = (db: Db, applicationId: number, memberId: number, stage: string) =>
  db
    .select()
    .from(scorecards)
    .where(
      and(
        eq(scorecards.applicationId, applicationId),
        eq(scorecards.memberId, memberId),
        eq(scorecards.stage, stage as 'first_interview'),
        isNull(scorecards.supersededAt),
      ),
    )
    .get();

export const insertScorecard = (db: Db, c: typeof scorecards.$inferInsert) =>
  db.insert(scorecards).values(c).returning({ id: scorecards.id }).get().id;

export const updateScorecard = (db: Db, id: number, c: Partial<typeof scorecards.$inferInsert>) =>
  db
    .update(scorecards)
    .set({ ...c, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
    .where(eq(scorecards.id, id))
    .run();

/** Records the first time a member was shown a colleague's card (kept once per stage). */
export const recordPeek = (
  db: Db,
  p: { memberId: number; applicationId: number; stage: ScorecardRow['stage']; at: string },
) =>
  db
    .insert(scorecardPeeks)
    .values({
      memberId: p.memberId,
      applicationId: p.applicationId,
      stage: p.stage,
      firstSeenAt: p.at,
    })
    .onConflictDoNothing()
    .run();

export const findPeek = (
  db: Db,
  memberId: number,
  applicationId: number,
  stage: ScorecardRow['stage'],
) =>
  db
    .select()
    .from(scorecardPeeks)
    .where(
      and(
        eq(scorecardPeeks.memberId, memberId),
        eq(scorecardPeeks.applicationId, applicationId),
        eq(scorecardPeeks.stage, stage),
      ),
    )
    .get();

// ── Selection ──

export const rankingsOf = (db: Db, vacancyId: number) =>
  db.select().from(selectionRankings).where(eq(selectionRankings.vacancyId, vacancyId)).all();

export function replaceRankings(
  db: Db,
  vacancyId: number,
  rows: { applicationId: number; rank: number | null; reason: string }[],
) {
  db.delete(selectionRankings).where(eq(selectionRankings.vacancyId, vacancyId)).run();
  for (const r of rows)
    db.insert(selectionRankings)
      .values({ vacancyId, ...r })
      .run();
}

export const userName = (db: Db, id: number | null) =>
  id == null
    ? null
    : (db.select({ n: users.displayName }).from(users).where(eq(users.id, id)).get()?.n ?? null);

// ── Purge ──

export const purgeCandidates = (db: Db) =>
  db
    .select()
    .from(applications)
    .where(
      and(isNull(applications.purgedAt), inArray(applications.status, ['rejected', 'withdrawn'])),
    )
    .all();

/** Anonymise one application in place; the row stays as a statistics tombstone. */
export function anonymiseApplication(db: Db, id: number, at: string) {
  db.delete(applicationDocuments).where(eq(applicationDocuments.applicationId, id)).run();
  db.delete(applicantSelfDisclosures).where(eq(applicantSelfDisclosures.applicationId, id)).run();
  db.update(screeningResults).set({ note: '' }).where(eq(screeningResults.applicationId, id)).run();
  db.update(scorecards).set({ notes: '' }).where(eq(scorecards.applicationId, id)).run();
  db.update(selectionRankings)
    .set({ reason: '[anonymisiert]' })
    .where(eq(selectionRankings.applicationId, id))
    .run();
  db.update(applications)
    .set({
      firstName: 'Anonymisiert',
      lastName: `#${id}`,
      email: null,
      phone: null,
      statusReason: null,
      legalHoldReason: null,
      purgedAt: at,
      updatedAt: at,
    })
    .where(eq(applications.id, id))
    .run();
}
