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
} from '../../db/tables.ts';
import { sqlNow } from '../../db/engine.ts';

export type VacancyRow = typeof vacancies.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;
export type CriterionRow = typeof criteria.$inferSelect;
export type ScorecardRow = typeof scorecards.$inferSelect;

// ── Vacancies ──

export const insertVacancy = async (db: Db, v: typeof vacancies.$inferInsert) =>
  (await db.insert(vacancies).values(v).returning({ id: vacancies.id }))[0]!.id;

export const updateVacancy = async (
  db: Db,
  id: number,
  v: Partial<typeof vacancies.$inferInsert>,
) =>
  await db
    .update(vacancies)
    .set({ ...v, updatedAt: sqlNow })
    .where(eq(vacancies.id, id));

export const findVacancy = async (db: Db, id: number) =>
  (await db.select().from(vacancies).where(eq(vacancies.id, id)).limit(1))[0];

export async function listVacancies(db: Db, onlyIds: number[] | null) {
  if (onlyIds && onlyIds.length === 0) return [];
  const q = db.select().from(vacancies);
  return await (onlyIds ? q.where(inArray(vacancies.id, onlyIds)) : q).orderBy(desc(vacancies.id));
}

export async function setVacancyPosts(db: Db, vacancyId: number, postIds: number[]) {
  await db.delete(vacancyPosts).where(eq(vacancyPosts.vacancyId, vacancyId));
  for (const postId of new Set(postIds))
    await db.insert(vacancyPosts).values({ vacancyId, postId });
}

export const vacancyPostsOf = async (db: Db, vacancyId: number) =>
  await db
    .select({ id: posts.id, code: posts.code, status: posts.status, employer: posts.employer })
    .from(vacancyPosts)
    .innerJoin(posts, eq(posts.id, vacancyPosts.postId))
    .where(eq(vacancyPosts.vacancyId, vacancyId))
    .orderBy(asc(posts.code));

export const postsByIds = async (db: Db, ids: number[]) =>
  await db
    .select({ id: posts.id, code: posts.code, status: posts.status, employer: posts.employer })
    .from(posts)
    .where(inArray(posts.id, ids));

export const applicationCount = async (db: Db, vacancyId: number) =>
  (
    await db
      .select({ n: sql<number>`count(*)` })
      .from(applications)
      .where(eq(applications.vacancyId, vacancyId))
      .limit(1)
  )[0]?.n ?? 0;

// ── Criteria sets ──

export async function insertCriteriaSet(
  db: Db,
  set: { vacancyId: number; version: number; reason: string; createdById: number | null },
  list: CriterionInput[],
) {
  const id = (await db.insert(criteriaSets).values(set).returning({ id: criteriaSets.id }))[0]!.id;
  await insertCriteria(db, id, list);
  return id;
}

export async function insertCriteria(db: Db, setId: number, list: CriterionInput[]) {
  for (const [position, c] of list.entries()) {
    await db.insert(criteria).values({
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
    });
  }
}

export async function replaceCriteria(db: Db, setId: number, list: CriterionInput[]) {
  await db.delete(criteria).where(eq(criteria.setId, setId));
  await insertCriteria(db, setId, list);
}

export const setsOf = async (db: Db, vacancyId: number) =>
  await db
    .select()
    .from(criteriaSets)
    .where(eq(criteriaSets.vacancyId, vacancyId))
    .orderBy(desc(criteriaSets.version));

export const currentSet = async (db: Db, vacancyId: number) => (await setsOf(db, vacancyId))[0];

export const criteriaOf = async (db: Db, setId: number) =>
  await db.select().from(criteria).where(eq(criteria.setId, setId)).orderBy(asc(criteria.position));

export const freezeSet = async (db: Db, setId: number, at: string) =>
  await db
    .update(criteriaSets)
    .set({ frozenAt: at })
    .where(and(eq(criteriaSets.id, setId), isNull(criteriaSets.frozenAt)));

// ── Members and participation ──

export const membersOf = async (db: Db, vacancyId: number) =>
  await db
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
    .orderBy(asc(vacancyMembers.kind), asc(users.displayName));

export async function replaceMembers(
  db: Db,
  vacancyId: number,
  rows: { userId: number; kind: 'panel' | 'oversight'; body: string | null }[],
) {
  await db.delete(vacancyMembers).where(eq(vacancyMembers.vacancyId, vacancyId));
  for (const r of rows)
    await db
      .insert(vacancyMembers)
      .values({ vacancyId, userId: r.userId, kind: r.kind, body: r.body as never });
}

export const membershipsOf = async (db: Db, userId: number) =>
  await db.select().from(vacancyMembers).where(eq(vacancyMembers.userId, userId));

export const usersWithRoles = async (db: Db, ids: number[]) => {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: users.id, email: users.email, active: users.active, role: userRoles.role })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(inArray(users.id, ids));
  const out = new Map<number, { id: number; email: string; active: boolean; roles: string[] }>();
  for (const r of rows) {
    const u = out.get(r.id) ?? { id: r.id, email: r.email, active: r.active, roles: [] };
    if (r.role) u.roles.push(r.role);
    out.set(r.id, u);
  }
  return [...out.values()];
};

export const usersWithAnyRole = async (db: Db, roles: ('panel_member' | 'oversight')[]) =>
  await db
    .selectDistinct({ id: users.id, displayName: users.displayName, role: userRoles.role })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(userRoles.role, roles), eq(users.active, true)))
    .orderBy(asc(users.displayName));

export const participationsOf = async (db: Db, vacancyId: number) =>
  await db
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
    .orderBy(asc(participations.requestedOn), asc(participations.id));

export const insertParticipation = async (db: Db, p: typeof participations.$inferInsert) =>
  (await db.insert(participations).values(p).returning({ id: participations.id }))[0]!.id;

// ── Applications ──

export const insertApplication = async (db: Db, a: typeof applications.$inferInsert) =>
  (await db.insert(applications).values(a).returning({ id: applications.id }))[0]!.id;

export const findApplication = async (db: Db, id: number) =>
  (await db.select().from(applications).where(eq(applications.id, id)).limit(1))[0];

export const applicationsOf = async (db: Db, vacancyId: number) =>
  await db
    .select()
    .from(applications)
    .where(eq(applications.vacancyId, vacancyId))
    .orderBy(asc(applications.receivedOn), asc(applications.id));

export const updateApplication = async (
  db: Db,
  id: number,
  v: Partial<typeof applications.$inferInsert>,
) =>
  await db
    .update(applications)
    .set({ ...v, updatedAt: sqlNow })
    .where(eq(applications.id, id));

/** Lower-cased e-mail addresses of a vacancy's applicants (for the conflict-of-interest rule). */
export const applicantEmails = async (db: Db, vacancyId: number) =>
  new Set(
    (
      await db
        .select({ email: applications.email })
        .from(applications)
        .where(eq(applications.vacancyId, vacancyId))
    ).flatMap((r) => (r.email ? [r.email.toLowerCase()] : [])),
  );

export const documentsOf = async (db: Db, applicationId: number) =>
  await db
    .select({
      id: applicationDocuments.id,
      filename: applicationDocuments.filename,
      size: applicationDocuments.size,
      uploadedAt: applicationDocuments.uploadedAt,
    })
    .from(applicationDocuments)
    .where(eq(applicationDocuments.applicationId, applicationId))
    .orderBy(asc(applicationDocuments.id));

export const insertDocument = async (db: Db, d: typeof applicationDocuments.$inferInsert) =>
  (await db.insert(applicationDocuments).values(d).returning({ id: applicationDocuments.id }))[0]!
    .id;

export const findDocument = async (db: Db, applicationId: number, id: number) =>
  (
    await db
      .select()
      .from(applicationDocuments)
      .where(
        and(eq(applicationDocuments.id, id), eq(applicationDocuments.applicationId, applicationId)),
      )
      .limit(1)
  )[0];

// ── Self-disclosure (kept apart; only the admin route reads it) ──

export const findSelfDisclosure = async (db: Db, applicationId: number) =>
  (
    await db
      .select()
      .from(applicantSelfDisclosures)
      .where(eq(applicantSelfDisclosures.applicationId, applicationId))
      .limit(1)
  )[0];

export async function upsertSelfDisclosure(
  db: Db,
  row: typeof applicantSelfDisclosures.$inferInsert,
) {
  await db
    .insert(applicantSelfDisclosures)
    .values(row)
    .onConflictDoUpdate({ target: applicantSelfDisclosures.applicationId, set: row });
}

export const deleteSelfDisclosure = async (db: Db, applicationId: number) =>
  (
    await db
      .delete(applicantSelfDisclosures)
      .where(eq(applicantSelfDisclosures.applicationId, applicationId))
      .returning({ id: applicantSelfDisclosures.applicationId })
  ).length;

// ── Screening ──

export const screeningOf = async (db: Db, applicationIds: number[]) =>
  applicationIds.length === 0
    ? []
    : await db
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
        .where(inArray(screeningResults.applicationId, applicationIds));

export async function upsertScreening(db: Db, row: typeof screeningResults.$inferInsert) {
  await db
    .insert(screeningResults)
    .values(row)
    .onConflictDoUpdate({
      target: [screeningResults.applicationId, screeningResults.criterionId],
      set: {
        result: row.result,
        note: row.note,
        assessedById: row.assessedById,
        assessedAt: sqlNow,
      },
    });
}

// ── Scorecards ──

const cardColumns = { card: scorecards, memberName: users.displayName };

export const scorecardsOfApplication = async (db: Db, applicationId: number) =>
  await db
    .select(cardColumns)
    .from(scorecards)
    .innerJoin(users, eq(users.id, scorecards.memberId))
    .where(eq(scorecards.applicationId, applicationId))
    .orderBy(asc(scorecards.stage), asc(users.displayName), asc(scorecards.revision));

export const scorecardsOfVacancy = async (db: Db, vacancyId: number) =>
  await db
    .select(cardColumns)
    .from(scorecards)
    .innerJoin(users, eq(users.id, scorecards.memberId))
    .where(eq(scorecards.vacancyId, vacancyId));

export const findScorecard = async (db: Db, id: number) =>
  (
    await db
      .select(cardColumns)
      .from(scorecards)
      .innerJoin(users, eq(users.id, scorecards.memberId))
      .where(eq(scorecards.id, id))
      .limit(1)
  )[0];

export const currentCard = async (db: Db, applicationId: number, memberId: number, stage: string) =>
  (
    await db
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
      .limit(1)
  )[0];

export const insertScorecard = async (db: Db, c: typeof scorecards.$inferInsert) =>
  (await db.insert(scorecards).values(c).returning({ id: scorecards.id }))[0]!.id;

export const updateScorecard = async (
  db: Db,
  id: number,
  c: Partial<typeof scorecards.$inferInsert>,
) =>
  await db
    .update(scorecards)
    .set({ ...c, updatedAt: sqlNow })
    .where(eq(scorecards.id, id));

/** Records the first time a member was shown a colleague's card (kept once per stage). */
export const recordPeek = async (
  db: Db,
  p: { memberId: number; applicationId: number; stage: ScorecardRow['stage']; at: string },
) =>
  await db
    .insert(scorecardPeeks)
    .values({
      memberId: p.memberId,
      applicationId: p.applicationId,
      stage: p.stage,
      firstSeenAt: p.at,
    })
    .onConflictDoNothing();

export const findPeek = async (
  db: Db,
  memberId: number,
  applicationId: number,
  stage: ScorecardRow['stage'],
) =>
  (
    await db
      .select()
      .from(scorecardPeeks)
      .where(
        and(
          eq(scorecardPeeks.memberId, memberId),
          eq(scorecardPeeks.applicationId, applicationId),
          eq(scorecardPeeks.stage, stage),
        ),
      )
      .limit(1)
  )[0];

// ── Selection ──

export const rankingsOf = async (db: Db, vacancyId: number) =>
  await db.select().from(selectionRankings).where(eq(selectionRankings.vacancyId, vacancyId));

export async function replaceRankings(
  db: Db,
  vacancyId: number,
  rows: { applicationId: number; rank: number | null; reason: string }[],
) {
  await db.delete(selectionRankings).where(eq(selectionRankings.vacancyId, vacancyId));
  for (const r of rows) await db.insert(selectionRankings).values({ vacancyId, ...r });
}

export const userName = async (db: Db, id: number | null) =>
  id == null
    ? null
    : ((await db.select({ n: users.displayName }).from(users).where(eq(users.id, id)).limit(1))[0]
        ?.n ?? null);

// ── Purge ──

export const purgeCandidates = async (db: Db) =>
  await db
    .select()
    .from(applications)
    .where(
      and(isNull(applications.purgedAt), inArray(applications.status, ['rejected', 'withdrawn'])),
    );

/** Anonymise one application in place; the row stays as a statistics tombstone. */
export async function anonymiseApplication(db: Db, id: number, at: string) {
  await db.delete(applicationDocuments).where(eq(applicationDocuments.applicationId, id));
  await db.delete(applicantSelfDisclosures).where(eq(applicantSelfDisclosures.applicationId, id));
  await db.update(screeningResults).set({ note: '' }).where(eq(screeningResults.applicationId, id));
  await db.update(scorecards).set({ notes: '' }).where(eq(scorecards.applicationId, id));
  await db
    .update(selectionRankings)
    .set({ reason: '[anonymisiert]' })
    .where(eq(selectionRankings.applicationId, id));
  await db
    .update(applications)
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
    .where(eq(applications.id, id));
}
