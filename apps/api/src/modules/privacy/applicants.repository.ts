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
} from '../../db/schema/index.ts';

export type ApplicationRow = typeof applications.$inferSelect;

export const findApplicationRow = (db: Db, id: number): ApplicationRow | undefined =>
  db.select().from(applications).where(eq(applications.id, id)).get();

/** Applications under an email address (how subject requests arrive), newest first. */
export function applicationsByEmail(db: Db, email: string): ApplicantMatch[] {
  return db
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
    .all()
    .map(({ firstName, lastName, ...r }) => ({ ...r, name: `${firstName} ${lastName}` }));
}

export function applicantData(db: Db, a: ApplicationRow): Omit<ApplicantExport, 'generatedAt'> {
  const vacancy =
    db.select({ title: vacancies.title }).from(vacancies).where(eq(vacancies.id, a.vacancyId)).get()
      ?.title ?? '';
  const labels = new Map(
    db
      .select({ id: criteria.id, label: criteria.label })
      .from(criteria)
      .where(
        sql`${criteria.id} in (select criterion_id from ${screeningResults} where application_id = ${a.id})
          or ${criteria.setId} in (select id from criteria_sets where vacancy_id = ${a.vacancyId})`,
      )
      .all()
      .map((c) => [c.id, c.label]),
  );
  const sd = db
    .select()
    .from(applicantSelfDisclosures)
    .where(eq(applicantSelfDisclosures.applicationId, a.id))
    .get();
  const ranking = db
    .select({ rank: selectionRankings.rank, reason: selectionRankings.reason })
    .from(selectionRankings)
    .where(eq(selectionRankings.applicationId, a.id))
    .get();
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
    documents: db
      .select({
        filename: applicationDocuments.filename,
        size: applicationDocuments.size,
        uploadedAt: applicationDocuments.uploadedAt,
      })
      .from(applicationDocuments)
      .where(eq(applicationDocuments.applicationId, a.id))
      .all(),
    selfDisclosure: sd
      ? {
          migrationBackground: sd.migrationBackground,
          consentGivenAt: sd.consentGivenAt,
          consentTextVersion: sd.consentTextVersion,
        }
      : null,
    screening: db
      .select()
      .from(screeningResults)
      .where(eq(screeningResults.applicationId, a.id))
      .all()
      .map((r) => ({
        criterion: labels.get(r.criterionId) ?? `#${r.criterionId}`,
        result: r.result,
        note: r.note,
      })),
    scorecards: db
      .select()
      .from(scorecards)
      .where(eq(scorecards.applicationId, a.id))
      .all()
      .map((c) => ({
        stage: c.stage,
        revision: c.revision,
        ratings: c.ratings.map((r) => ({
          criterion: labels.get(r.criterionId) ?? `#${r.criterionId}`,
          score: r.score,
        })),
        recommendation: c.recommendation,
        notes: c.notes,
        submittedAt: c.submittedAt,
      })),
    ranking: ranking ?? null,
    accessLog: db
      .select({ at: auditLog.at, action: auditLog.action, entityType: auditLog.entityType })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'application'), eq(auditLog.entityId, String(a.id))))
      .orderBy(auditLog.id)
      .all(),
  };
}

export const documentCount = (db: Db, id: number) =>
  db.get<{ n: number }>(
    sql`select count(*) as n from ${applicationDocuments} where application_id = ${id}`,
  )!.n;
