import { and, eq, sql } from 'drizzle-orm';
import type { ApplicantExport, ApplicantMatch } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import {
  applicantSelfDisclosures,
  applicationDocuments,
  applications,
  auditLog,
  criteria,
  scorecards,
  screeningResults,
  selectionRankings,
  vacancies,
} from '../../db/tables.ts';
import { rawGet } from '../../db/raw.ts';

export type ApplicationRow = typeof applications.$inferSelect;

export const findApplicationRow = async (db: Db, id: number): Promise<ApplicationRow | undefined> =>
  (await db.select().from(applications).where(eq(applications.id, id)).limit(1))[0];

/** Applications under an email address (how subject requests arrive), newest first. */
export async function applicationsByEmail(db: Db, email: string): Promise<ApplicantMatch[]> {
  return (
    await db
      .select({
        id: applications.id,
        firstName: applications.firstName,
        lastName: applications.lastName,
        vacancy: vacancies.title,
        receivedOn: applications.receivedOn,
        status: applications.status,
        legalHold: applications.legalHold,
        purgedAt: applications.purgedAt,
      })
      .from(applications)
      .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
      .where(sql`lower(${applications.email}) = ${email.trim().toLowerCase()}`)
      .orderBy(sql`${applications.receivedOn} desc`)
  ).map(({ firstName, lastName, ...r }) => ({ ...r, name: `${firstName} ${lastName}` }));
}

export async function applicantData(
  db: Db,
  a: ApplicationRow,
): Promise<Omit<ApplicantExport, 'generatedAt'>> {
  const vacancy =
    (
      await db
        .select({ title: vacancies.title })
        .from(vacancies)
        .where(eq(vacancies.id, a.vacancyId))
        .limit(1)
    )[0]?.title ?? '';
  const labels = new Map(
    (
      await db
        .select({ id: criteria.id, label: criteria.label })
        .from(criteria)
        .where(
          sql`${criteria.id} in (select criterion_id from ${screeningResults} where application_id = ${a.id})
          or ${criteria.setId} in (select id from criteria_sets where vacancy_id = ${a.vacancyId})`,
        )
    ).map((c) => [c.id, c.label]),
  );
  const sd = (
    await db
      .select()
      .from(applicantSelfDisclosures)
      .where(eq(applicantSelfDisclosures.applicationId, a.id))
      .limit(1)
  )[0];
  const ranking = (
    await db
      .select({ rank: selectionRankings.rank, reason: selectionRankings.reason })
      .from(selectionRankings)
      .where(eq(selectionRankings.applicationId, a.id))
      .limit(1)
  )[0];
  return {
    applicant: {
      id: a.id,
      vacancy,
      firstName: a.firstName,
      lastName: a.lastName,
      email: a.email,
      phone: a.phone,
      receivedOn: a.receivedOn,
      severelyDisabled: a.severelyDisabled,
      status: a.status,
      rejectionSentOn: a.rejectionSentOn,
      rejectionReceivedOn: a.rejectionReceivedOn,
      legalHold: a.legalHold,
      talentPoolUntil: a.talentPoolUntil,
      purgedAt: a.purgedAt,
    },
    documents: await db
      .select({
        filename: applicationDocuments.filename,
        size: applicationDocuments.size,
        uploadedAt: applicationDocuments.uploadedAt,
      })
      .from(applicationDocuments)
      .where(eq(applicationDocuments.applicationId, a.id)),
    selfDisclosure: sd
      ? {
          migrationBackground: sd.migrationBackground,
          consentGivenAt: sd.consentGivenAt,
          consentTextVersion: sd.consentTextVersion,
        }
      : null,
    screening: (
      await db.select().from(screeningResults).where(eq(screeningResults.applicationId, a.id))
    ).map((r) => ({
      criterion: labels.get(r.criterionId) ?? `#${r.criterionId}`,
      result: r.result,
      note: r.note,
    })),
    scorecards: (await db.select().from(scorecards).where(eq(scorecards.applicationId, a.id))).map(
      (c) => ({
        stage: c.stage,
        revision: c.revision,
        ratings: c.ratings.map((r) => ({
          criterion: labels.get(r.criterionId) ?? `#${r.criterionId}`,
          score: r.score,
        })),
        recommendation: c.recommendation,
        notes: c.notes,
        submittedAt: c.submittedAt,
      }),
    ),
    ranking: ranking ?? null,
    accessLog: await db
      .select({ at: auditLog.at, action: auditLog.action, entityType: auditLog.entityType })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'application'), eq(auditLog.entityId, String(a.id))))
      .orderBy(auditLog.id),
  };
}

export const documentCount = async (db: Db, id: number) =>
  (await rawGet(db)<{ n: number }>(
    sql`select count(*) as n from ${applicationDocuments} where application_id = ${id}`,
  ))!.n;
