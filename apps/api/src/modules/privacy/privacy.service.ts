import {
  DomainError,
  notFound,
  type EraseApplicantBody,
  type EraseBody,
  type RecordsOfProcessing,
  type Role,
  type SubjectExport,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import { readNotice, readReviews, readSettings } from '../settings/settings.service.ts';
import { informationDe, presentAccessLog, translationFor } from './subject-info.ts';
import { applyRetention, dueParticipants } from '../../ops/retention.ts';
import {
  applicantSelfDisclosures,
  applicationDocuments,
  applications,
  auditLog,
  scorecards,
  screeningResults,
  consents,
  encounterAttendees,
  encounters,
  followUpAttempts,
  followUps,
  participants,
  referrals,
  users,
} from '../../db/tables.ts';
import * as repo from './privacy.repository.ts';
import * as applicantsRepo from './applicants.repository.ts';
import { eraseApplication } from '../hiring/purge.service.ts';
import { applicantPdf, subjectPdf } from './subject-pdf.ts';

const ENTITY = 'participant';

async function loadByCode(ctx: ServiceContext, code: string) {
  requireRole(ctx, 'privacy', 'data_protection');
  const p = await repo.findByCode(ctx.db, code);
  if (!p) throw notFound('Participant');
  return p;
}

/**
 * GDPR Art. 15/20: everything about one participant, the Art. 15 information (German and the
 * consent language) and every logged access. Audited as an export before it is assembled, so
 * the export lists itself.
 */
export async function exportSubject(ctx: ServiceContext, code: string): Promise<SubjectExport> {
  const p = await loadByCode(ctx, code);
  await audit(ctx, {
    action: 'export',
    entityType: ENTITY,
    entityId: p.id,
    reason: 'subject access',
    subjects: [p.id],
  });
  const { accessLog, ...data } = await repo.subjectData(ctx.db, p);
  const notice = await readNotice(ctx.db);
  const months = (await readSettings(ctx.db)).participantRetentionMonths;
  const language = data.consents.at(-1)?.language ?? 'de';
  return {
    generatedAt: new Date().toISOString(),
    ...data,
    accessLog: presentAccessLog(accessLog),
    information: informationDe(notice, months),
    translation: translationFor(language, notice, months, await readReviews(ctx.db)),
  };
}

export const exportSubjectPdf = async (ctx: ServiceContext, code: string) =>
  subjectPdf(await exportSubject(ctx, code));

export async function previewErasure(ctx: ServiceContext, code: string) {
  const p = await loadByCode(ctx, code);
  await audit(ctx, {
    action: 'read',
    entityType: ENTITY,
    entityId: p.id,
    reason: 'erasure preview',
    subjects: [p.id],
  });
  return await repo.erasurePreview(ctx.db, p);
}

/** GDPR Art. 17 on request: identity goes, statistics stay (attendances become counts). */
export async function eraseParticipant(ctx: ServiceContext, code: string, body: EraseBody) {
  const p = await loadByCode(ctx, code);
  if (body.confirmCode.trim().toUpperCase() !== p.code) {
    throw new DomainError('CONFIRMATION_MISMATCH', 'Repeat the participant code to erase', 400, [
      { field: 'confirmCode', code: 'mismatch', message: `Type ${p.code} to confirm` },
    ]);
  }
  return await inTransactionAsync(ctx, async (tx) => {
    const preview = await repo.erasurePreview(tx.db, p);
    await repo.eraseParticipantRows(tx.db, p.id);
    await audit(tx, {
      action: 'delete',
      entityType: ENTITY,
      entityId: p.code,
      reason: `erasure on request: ${body.reason.trim()}`,
    });
    return { ...preview, erasedAt: new Date().toISOString() };
  });
}

export async function retentionPreview(ctx: ServiceContext, now = new Date()) {
  requireRole(ctx, 'retention', 'data_protection');
  const { cutoff, months, due } = await dueParticipants(ctx.db, now);
  return {
    asOf: now.toISOString(),
    retentionMonths: months,
    cutoff,
    total: due.length,
    participants: due
      .slice(0, 200)
      .map(({ code, centreCode, lastContactOn }) => ({ code, centreCode, lastContactOn })),
  };
}

export async function runRetention(ctx: ServiceContext, now = new Date()) {
  requireRole(ctx, 'retention', 'data_protection');
  const result = await applyRetention(ctx.db, now, {
    actorId: ctx.actor.userId,
    actorEmail: ctx.actor.email,
  });
  return { ranAt: now.toISOString(), ...result };
}

const CENTRE_ROLES: Role[] = ['centre_staff', 'coordinator', 'data_protection'];

/** GDPR Art. 30, generated from the live schema, the settings and the row counts. */
export async function recordsOfProcessing(ctx: ServiceContext): Promise<RecordsOfProcessing> {
  requireRole(ctx, 'records_of_processing', 'data_protection', 'admin');
  const s = await readSettings(ctx.db);
  const db = ctx.db;
  return {
    generatedAt: new Date().toISOString(),
    activities: [
      {
        key: 'participants',
        legalBasis: 'art6_1a',
        fields: [...repo.columnsOf(participants), ...repo.columnsOf(consents)],
        rolesWithAccess: CENTRE_ROLES,
        retention: { kind: 'months_after_last_contact', months: s.participantRetentionMonths },
        rows: await repo.rowCount(db, participants),
      },
      {
        key: 'encounters',
        legalBasis: 'art6_1e',
        fields: [...repo.columnsOf(encounters), ...repo.columnsOf(encounterAttendees)],
        rolesWithAccess: CENTRE_ROLES,
        retention: { kind: 'anonymous_counts_kept', months: null },
        rows: await repo.rowCount(db, encounters),
      },
      {
        key: 'follow_ups',
        legalBasis: 'art6_1a',
        fields: [
          ...repo.columnsOf(followUps),
          ...repo.columnsOf(followUpAttempts),
          ...repo.columnsOf(referrals),
        ],
        rolesWithAccess: CENTRE_ROLES,
        retention: { kind: 'with_participant', months: s.participantRetentionMonths },
        rows: await repo.rowCount(db, followUps),
      },
      {
        key: 'applicants',
        legalBasis: 'art6_1b',
        fields: [
          ...repo.columnsOf(applications),
          ...repo.columnsOf(applicationDocuments),
          ...repo.columnsOf(screeningResults),
          ...repo.columnsOf(scorecards),
        ],
        rolesWithAccess: ['admin', 'panel_member', 'oversight'],
        retention: { kind: 'months_after_rejection', months: s.applicantRetentionMonths },
        rows: await repo.rowCount(db, applications),
      },
      {
        key: 'self_disclosures',
        legalBasis: 'art9_2a',
        fields: repo.columnsOf(applicantSelfDisclosures),
        rolesWithAccess: ['admin'],
        retention: { kind: 'months_after_rejection', months: s.applicantRetentionMonths },
        rows: await repo.rowCount(db, applicantSelfDisclosures),
      },
      {
        key: 'staff_accounts',
        legalBasis: 'art6_1b',
        fields: repo.columnsOf(users),
        rolesWithAccess: ['admin'],
        retention: { kind: 'until_deleted', months: null },
        rows: await repo.rowCount(db, users),
      },
      {
        key: 'audit_log',
        legalBasis: 'art6_1c',
        fields: repo.columnsOf(auditLog),
        rolesWithAccess: ['data_protection'],
        retention: { kind: 'append_only', months: null },
        rows: await repo.rowCount(db, auditLog),
      },
    ],
    excludedCategories: ['surname', 'nationality', 'religion', 'ethnicity', 'health'],
  };
}

// Applicants ---------------------------------------------------------------------------------

const APPLICATION = 'application';

export async function findApplicants(ctx: ServiceContext, email: string) {
  requireRole(ctx, 'privacy', 'data_protection');
  const found = await applicantsRepo.applicationsByEmail(ctx.db, email);
  for (const a of found)
    await audit(ctx, {
      action: 'read',
      entityType: APPLICATION,
      entityId: a.id,
      reason: 'subject request lookup',
    });
  return found;
}

async function loadApplication(ctx: ServiceContext, id: number) {
  requireRole(ctx, 'privacy', 'data_protection');
  const a = await applicantsRepo.findApplicationRow(ctx.db, id);
  if (!a) throw notFound('Application');
  return a;
}

/** GDPR Art. 15/20 for an applicant: contact data, documents listed, screening, scores. */
export async function exportApplicant(ctx: ServiceContext, id: number) {
  const a = await loadApplication(ctx, id);
  const data = {
    generatedAt: new Date().toISOString(),
    ...(await applicantsRepo.applicantData(ctx.db, a)),
  };
  await audit(ctx, {
    action: 'export',
    entityType: APPLICATION,
    entityId: a.id,
    reason: 'subject access',
  });
  return data;
}

export const exportApplicantPdf = async (ctx: ServiceContext, id: number) =>
  applicantPdf(await exportApplicant(ctx, id));

/**
 * Art. 17 for an applicant: the hiring module's anonymisation (tombstone kept for statistics).
 * A legal hold (e.g. a pending AGG claim, Art. 17(3)(e)) blocks it until HR lifts the hold.
 */
export async function eraseApplicant(ctx: ServiceContext, id: number, body: EraseApplicantBody) {
  const a = await loadApplication(ctx, id);
  if (body.confirmId !== a.id) {
    throw new DomainError('CONFIRMATION_MISMATCH', 'Repeat the application number to erase', 400, [
      { field: 'confirmId', code: 'mismatch', message: `Type ${a.id} to confirm` },
    ]);
  }
  return await inTransactionAsync(ctx, async (tx) => {
    const documents = await applicantsRepo.documentCount(tx.db, a.id);
    const selfDisclosure = (await applicantsRepo.applicantData(tx.db, a)).selfDisclosure !== null;
    const at = new Date().toISOString();
    await eraseApplication(tx.db, a.id, at);
    await audit(tx, {
      action: 'delete',
      entityType: APPLICATION,
      entityId: a.id,
      reason: `erasure on request: ${body.reason.trim()}`,
    });
    return { id: a.id, erasedAt: at, documents, selfDisclosure };
  });
}
