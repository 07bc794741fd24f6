import { createHash } from 'node:crypto';
import {
  DomainError,
  applicationTransitions,
  canTransitionApplication,
  employerOwnDuty,
  evaluateScreening,
  mustInvite,
  procedureEmployer,
  notFound,
  purgeDueOn,
  type Application,
  type ApplicationStatusBody,
  type ApplicationSummary,
  type CreateApplicationBody,
  type RetentionBody,
  type ScreeningBody,
  type SelfDisclosureBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import { readSettings } from '../settings/settings.service.ts';
import { requireApplicationPart, requirePart } from './access.ts';
import { nowIso } from '../../lib/clock.ts';
import * as repo from './hiring.repository.ts';
import { PDF_PROBLEM_MESSAGE, pdfFilename, pdfProblem } from './pdf-check.ts';

const ENTITY = 'application';
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** Declared types a browser may send for a PDF; the content is checked in any case. */
const PDF_UPLOAD_TYPES = new Set([
  'application/pdf',
  'application/x-pdf',
  'application/octet-stream',
]);

const displayName = (a: repo.ApplicationRow) => `${a.firstName} ${a.lastName}`.trim();

/** The application with its procedure's employer (§ 165 SGB IX binds the city, not an e.V.). */
const withEmployer = async (ctx: ServiceContext, a: repo.ApplicationRow) => ({
  ...a,
  employer: procedureEmployer(
    (await repo.vacancyPostsOf(ctx.db, a.vacancyId)).map((p) => p.employer),
  ),
});

async function evaluationOf(ctx: ServiceContext, a: repo.ApplicationRow) {
  const set = (await repo.currentSet(ctx.db, a.vacancyId))!;
  const crit = await repo.criteriaOf(ctx.db, set.id);
  const ids = new Set(crit.map((c) => c.id));
  const results = (await repo.screeningOf(ctx.db, [a.id])).filter((r) => ids.has(r.criterionId));
  return { crit, results, evaluation: evaluateScreening(crit, results) };
}

async function summaryOf(ctx: ServiceContext, a: repo.ApplicationRow): Promise<ApplicationSummary> {
  const all = await repo.scorecardsOfApplication(ctx.db, a.id);
  const cards = all.filter((c) => c.card.submittedAt && !c.card.supersededAt);
  return {
    id: a.id,
    vacancyId: a.vacancyId,
    displayName: displayName(a),
    status: a.status,
    receivedOn: a.receivedOn,
    severelyDisabled: a.severelyDisabled,
    mustInvite: mustInvite(await withEmployer(ctx, a)),
    employerOwnDuty: employerOwnDuty(await withEmployer(ctx, a)),
    suggestion: (await evaluationOf(ctx, a)).evaluation.suggestion,
    scorecardsSubmitted: cards.length,
    lateScorecards: all.filter((c) => c.card.submittedAt && c.card.seenOthersAt).length,
    purged: a.purgedAt !== null,
  };
}

/** The shortlist overview: panel, HR and the oversight bodies (audited read). */
export async function listApplications(
  ctx: ServiceContext,
  vacancyId: number,
): Promise<ApplicationSummary[]> {
  await requirePart(ctx, vacancyId, ENTITY, 'admin', 'panel', 'oversight');
  const rows = await repo.applicationsOf(ctx.db, vacancyId);
  await audit(ctx, {
    action: 'read',
    entityType: ENTITY,
    entityId: null,
    reason: `vacancy ${vacancyId}`,
  });
  const out = [];
  for (const a of rows) out.push(await summaryOf(ctx, a));
  return out;
}

async function view(
  ctx: ServiceContext,
  a: repo.ApplicationRow,
  isAdmin: boolean,
): Promise<Application> {
  const { results, evaluation } = await evaluationOf(ctx, a);
  const months = (await readSettings(ctx.db)).applicantRetentionMonths;
  return {
    ...(await summaryOf(ctx, a)),
    firstName: a.firstName,
    lastName: a.lastName,
    email: a.email,
    phone: a.phone,
    statusReason: a.statusReason,
    documents: await repo.documentsOf(ctx.db, a.id),
    screening: results.map(({ applicationId: _a, ...r }) => r),
    evaluation,
    allowedTransitions: isAdmin ? applicationTransitions(a.status) : [],
    rejectionSentOn: a.rejectionSentOn,
    rejectionReceivedOn: a.rejectionReceivedOn,
    legalHold: a.legalHold,
    // The reason for a hold (e.g. a claim) is HR's business, not the panel's.
    legalHoldReason: isAdmin ? a.legalHoldReason : null,
    talentPoolUntil: a.talentPoolUntil,
    purgeDueOn: purgeDueOn(a, months),
    ...(isAdmin && { hasSelfDisclosure: !!(await repo.findSelfDisclosure(ctx.db, a.id)) }),
  };
}

export async function getApplication(ctx: ServiceContext, id: number): Promise<Application> {
  const { app, role } = await requireApplicationPart(ctx, id, ENTITY, 'admin', 'panel');
  await audit(ctx, { action: 'read', entityType: ENTITY, entityId: id });
  return await view(ctx, app, role === 'admin');
}

const reload = async (ctx: ServiceContext, id: number) =>
  await view(ctx, (await repo.findApplication(ctx.db, id))!, true);

function assertNotPurged(a: repo.ApplicationRow) {
  if (a.purgedAt)
    throw new DomainError('APPLICATION_PURGED', 'This application was anonymised', 409);
}

export async function createApplication(
  ctx: ServiceContext,
  vacancyId: number,
  body: CreateApplicationBody,
): Promise<Application> {
  requireRole(ctx, ENTITY, 'admin');
  const { vacancy } = await requirePart(ctx, vacancyId, ENTITY, 'admin');
  if (vacancy.status !== 'published' && vacancy.status !== 'closed')
    throw new DomainError(
      'VACANCY_NOT_OPEN',
      'Applications are received only for a published vacancy',
      409,
    );
  const id = await inTransactionAsync(ctx, async (tx) => {
    const newId = await repo.insertApplication(tx.db, {
      vacancyId,
      firstName: body.firstName.trim(),
      lastName: body.lastName.trim(),
      email: body.email.trim().toLowerCase(),
      phone: body.phone?.trim() || null,
      receivedOn: body.receivedOn,
      severelyDisabled: body.severelyDisabled,
    });
    await audit(tx, { action: 'create', entityType: ENTITY, entityId: newId });
    return newId;
  });
  return await reload(ctx, id);
}

export async function changeApplicationStatus(
  ctx: ServiceContext,
  id: number,
  body: ApplicationStatusBody,
): Promise<Application> {
  requireRole(ctx, ENTITY, 'admin');
  const { app } = await requireApplicationPart(ctx, id, ENTITY, 'admin');
  assertNotPurged(app);
  if (!canTransitionApplication(app.status, body.to))
    throw new DomainError(
      'ILLEGAL_STATUS_TRANSITION',
      `Cannot move an application from ${app.status} to ${body.to}`,
      409,
    );
  const reason = body.reason?.trim() ?? '';
  if (body.to === 'rejected' && reason.length < 3)
    throw new DomainError('REASON_REQUIRED', 'A rejection needs a written reason', 400, [
      { field: 'reason', code: 'required', message: 'State the reason' },
    ]);
  // § 165 SGB IX: before the interview only "obviously unsuitable" justifies not inviting.
  if (
    body.to === 'rejected' &&
    mustInvite(await withEmployer(ctx, app)) &&
    body.obviouslyUnsuitable !== true
  )
    throw new DomainError(
      'MUST_INVITE',
      'A severely disabled applicant must be invited unless obviously unsuitable (§ 165 SGB IX)',
      409,
    );
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateApplication(tx.db, id, { status: body.to, statusReason: reason || null });
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: ['status'],
      reason: reason || `→ ${body.to}`,
    });
  });
  return await reload(ctx, id);
}

/** A person records screening results; the evaluation is a suggestion for them. */
export async function recordScreening(
  ctx: ServiceContext,
  id: number,
  body: ScreeningBody,
): Promise<Application> {
  const { app, role } = await requireApplicationPart(ctx, id, 'screening_result', 'admin', 'panel');
  assertNotPurged(app);
  const set = (await repo.currentSet(ctx.db, app.vacancyId))!;
  const ids = new Set((await repo.criteriaOf(ctx.db, set.id)).map((c) => c.id));
  const unknown = body.results.filter((r) => !ids.has(r.criterionId));
  if (unknown.length)
    throw new DomainError(
      'UNKNOWN_CRITERION',
      'A criterion is not part of this vacancy’s version',
      400,
      [
        {
          field: 'results',
          code: 'unknown',
          message: `Unknown criteria: ${unknown.map((u) => u.criterionId).join(', ')}`,
        },
      ],
    );
  await inTransactionAsync(ctx, async (tx) => {
    for (const r of body.results)
      await repo.upsertScreening(tx.db, {
        applicationId: id,
        criterionId: r.criterionId,
        result: r.result,
        note: r.note.trim(),
        assessedById: ctx.actor.userId,
      });
    if (app.status === 'received') await repo.updateApplication(tx.db, id, { status: 'screened' });
    await audit(tx, {
      action: 'update',
      entityType: 'screening_result',
      entityId: id,
      changedFields: body.results.map((r) => String(r.criterionId)),
    });
  });
  return await view(ctx, (await repo.findApplication(ctx.db, id))!, role === 'admin');
}

export async function setRetention(
  ctx: ServiceContext,
  id: number,
  body: RetentionBody,
): Promise<Application> {
  requireRole(ctx, ENTITY, 'admin');
  const { app } = await requireApplicationPart(ctx, id, ENTITY, 'admin');
  assertNotPurged(app);
  const merged = { ...app, ...body };
  if (merged.rejectionReceivedOn && !merged.rejectionSentOn)
    throw new DomainError('DATES_ORDER', 'Record when the rejection was sent first', 400, [
      { field: 'rejectionSentOn', code: 'required', message: 'Enter the sending date' },
    ]);
  if (
    merged.rejectionSentOn &&
    merged.rejectionReceivedOn &&
    merged.rejectionReceivedOn < merged.rejectionSentOn
  )
    throw new DomainError('DATES_ORDER', 'Received before it was sent', 400, [
      { field: 'rejectionReceivedOn', code: 'dates_order', message: 'Not before the sending date' },
    ]);
  if (merged.legalHold && !(merged.legalHoldReason ?? '').trim())
    throw new DomainError('REASON_REQUIRED', 'A legal hold needs a reason', 400, [
      { field: 'legalHoldReason', code: 'required', message: 'e.g. claim under § 15 AGG received' },
    ]);
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateApplication(tx.db, id, body);
    await audit(tx, {
      action: 'update',
      entityType: 'application_retention',
      entityId: id,
      changedFields: Object.keys(body),
    });
  });
  return await reload(ctx, id);
}

// ── Documents ──

export async function addDocument(
  ctx: ServiceContext,
  id: number,
  file: { filename: string; mimetype: string; data: Buffer; truncated: boolean },
): Promise<Application> {
  requireRole(ctx, 'application_document', 'admin');
  const { app } = await requireApplicationPart(ctx, id, 'application_document', 'admin');
  assertNotPurged(app);
  if (file.truncated || file.data.length > MAX_DOCUMENT_BYTES)
    throw new DomainError('FILE_TOO_LARGE', 'Documents may be at most 5 MB', 413);
  const filename = pdfFilename(file.filename);
  if (!filename || !PDF_UPLOAD_TYPES.has(file.mimetype.toLowerCase()))
    throw new DomainError('NOT_A_PDF', 'Only PDF documents are accepted', 415, [
      {
        field: 'file',
        code: filename ? 'not_pdf_type' : 'not_pdf_name',
        message: filename ? 'The file was not sent as a PDF' : 'The file name must end in .pdf',
      },
    ]);
  // The declared type is the client's claim; the content decides.
  const problem = await pdfProblem(file.data);
  if (problem)
    throw new DomainError('NOT_A_PDF', 'Only PDF documents are accepted', 415, [
      { field: 'file', code: problem, message: PDF_PROBLEM_MESSAGE[problem] },
    ]);
  await inTransactionAsync(ctx, async (tx) => {
    const docId = await repo.insertDocument(tx.db, {
      applicationId: id,
      filename,
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      data: file.data,
    });
    await audit(tx, { action: 'create', entityType: 'application_document', entityId: docId });
  });
  return await reload(ctx, id);
}

export async function getDocument(ctx: ServiceContext, id: number, docId: number) {
  await requireApplicationPart(ctx, id, 'application_document', 'admin', 'panel');
  const doc = await repo.findDocument(ctx.db, id, docId);
  if (!doc) throw notFound('Document');
  await audit(ctx, { action: 'read', entityType: 'application_document', entityId: docId });
  return doc;
}

// ── Self-disclosure: admin only, stored apart, read only with a reason ──

export async function recordSelfDisclosure(
  ctx: ServiceContext,
  id: number,
  body: SelfDisclosureBody,
) {
  requireRole(ctx, 'self_disclosure', 'admin');
  const { app } = await requireApplicationPart(ctx, id, 'self_disclosure', 'admin');
  assertNotPurged(app);
  await inTransactionAsync(ctx, async (tx) => {
    await repo.upsertSelfDisclosure(tx.db, {
      applicationId: id,
      migrationBackground: body.migrationBackground,
      consentGivenAt: nowIso(),
      consentTextVersion: body.consentTextVersion,
    });
    await audit(tx, { action: 'update', entityType: 'self_disclosure', entityId: id });
  });
  return { ok: true as const };
}

export async function withdrawSelfDisclosure(ctx: ServiceContext, id: number) {
  requireRole(ctx, 'self_disclosure', 'admin');
  await requireApplicationPart(ctx, id, 'self_disclosure', 'admin');
  await inTransactionAsync(ctx, async (tx) => {
    await repo.deleteSelfDisclosure(tx.db, id);
    await audit(tx, { action: 'delete', entityType: 'self_disclosure', entityId: id });
  });
  return { ok: true as const };
}

export async function readSelfDisclosure(ctx: ServiceContext, id: number, reason: string) {
  requireRole(ctx, 'self_disclosure', 'admin');
  await requireApplicationPart(ctx, id, 'self_disclosure', 'admin');
  const row = await repo.findSelfDisclosure(ctx.db, id);
  await audit(ctx, {
    action: 'read',
    entityType: 'self_disclosure',
    entityId: id,
    reason: reason.trim(),
  });
  return {
    applicationId: id,
    migrationBackground: row?.migrationBackground ?? null,
    consentGivenAt: row?.consentGivenAt ?? null,
    consentTextVersion: row?.consentTextVersion ?? null,
  };
}
