import {
  canWriteCentreData,
  changedFields,
  DomainError,
  encounterIsEmpty,
  encounterProblems,
  hasRole,
  hasValidConsent,
  localNow,
  notFound,
  sameSessionSlot,
  withinCorrectionWindow,
  type CorrectEncounterBody,
  type CreateEncounterBody,
  type Encounter,
  type EncounterListQuery,
  type VoidEncounterBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { dbErrorCode } from '../../db/errors.ts';
import { audit } from '../audit/audit.service.ts';
import {
  assertCanRead,
  assertCanWrite,
  deny,
  requireCentreDataRole,
  requireRole,
  visibleCentreIds,
} from '../access/access.ts';
import { findCentre } from '../centres/centres.service.ts';
import {
  findActivity,
  findGroupRow,
  participantsAtCentre,
} from '../activities/activities.service.ts';

import {
  consentsFor,
  insertParticipantIn,
  recordWalkInConsent,
} from '../participants/participants.service.ts';
import { today } from '../../lib/clock.ts';
import * as repo from './encounters.repository.ts';
import { recordCorrection, requireCorrectionReason } from '../reporting/corrections.service.ts';

const ENTITY = 'encounter';

function mayCorrect(ctx: ServiceContext, e: repo.EncounterRow) {
  if (e.voidedAt || !withinCorrectionWindow(e.createdAt)) return false;
  if (hasRole(ctx.actor, 'coordinator')) return true;
  return e.authorId === ctx.actor.userId && canWriteCentreData(ctx.actor, e.centreId);
}

async function present(ctx: ServiceContext, e: repo.EncounterRow): Promise<Encounter> {
  return {
    id: e.id,
    centreId: e.centreId,
    activityId: e.activityId,
    groupId: e.groupId,
    date: e.date,
    startTime: e.startTime,
    durationMinutes: e.durationMinutes,
    headcounts: { newcomers: e.newcomers, host: e.host, volunteers: e.volunteers, other: e.other },
    attendees: await repo.attendeesOf(ctx.db, e.id),
    staffIds: await repo.staffOf(ctx.db, e.id),
    authorId: e.authorId,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    correctable: mayCorrect(ctx, e),
    voidedAt: e.voidedAt,
    voidReason: e.voidReason,
  };
}

function refuseEmpty(e: Parameters<typeof encounterIsEmpty>[0]) {
  if (encounterIsEmpty(e)) {
    throw new DomainError(
      'EMPTY_ENCOUNTER',
      'Nobody is recorded: name an attendee, add a walk-in or enter a headcount',
      400,
      [{ field: 'headcounts', code: 'empty', message: 'Nobody is recorded' }],
    );
  }
}

/** 409 POSSIBLE_DUPLICATE with the entry already logged for this slot, unless confirmed. */
async function refuseDuplicate(ctx: ServiceContext, centreId: number, body: CreateEncounterBody) {
  if (body.confirmDuplicate) return;
  const existing = (await repo.sessionsInSlot(ctx.db, centreId, body.date, body.startTime)).find(
    (e) => sameSessionSlot(e, body),
  );
  if (!existing) return;
  throw new DomainError(
    'POSSIBLE_DUPLICATE',
    'This session has already been logged; correct that entry, or confirm a second one',
    409,
    undefined,
    { existing: repo.toSummary(existing, (await repo.attendeesOf(ctx.db, existing.id)).length) },
  );
}

/** Date, duration and headcount rules; all problems reported at once under the first code. */
function checkShape(
  e: Pick<Encounter, 'date' | 'startTime' | 'durationMinutes' | 'headcounts'>,
  centreOpenedOn: string | null,
) {
  const problems = encounterProblems(e, { now: localNow(), centreOpenedOn });
  if (problems.length) {
    throw new DomainError(
      problems[0]!.code,
      problems.map((p) => p.message).join('; '),
      400,
      problems.map((p) => ({ field: p.field, code: p.detail, message: p.message })),
    );
  }
}

async function checkActivity(ctx: ServiceContext, activityId: number) {
  const a = await findActivity(ctx.db, activityId);
  if (!a || !a.active) {
    throw new DomainError('UNKNOWN_ACTIVITY', 'Unknown activity', 400, [
      { field: 'activityId', code: 'unknown', message: 'Choose an activity from the catalogue' },
    ]);
  }
}

/**
 * Named attendees must belong to the centre and hold valid follow-up consent *now*: recording
 * is the processing, so a withdrawn or expired consent blocks an entry of any date, including
 * one backdated to before the withdrawal (privacy rule 2, docs/privacy-rules.md). Without it a person is counted anonymously.
 */
async function checkAttendees(ctx: ServiceContext, centreId: number, ids: number[]) {
  const atCentre = new Set(await participantsAtCentre(ctx.db, centreId, ids));
  const foreign = ids.filter((i) => !atCentre.has(i));
  if (foreign.length) {
    throw new DomainError(
      'ATTENDEE_NOT_AT_CENTRE',
      'Some attendees are not participants of this centre',
      400,
      [{ field: 'attendeeIds', code: 'not_at_centre', message: foreign.join(', ') }],
    );
  }
  const now = today();
  const consents = await consentsFor(ctx.db, ids, now);
  const without = ids.filter(
    (pid) =>
      !hasValidConsent(
        consents.filter((c) => c.participantId === pid),
        'follow_up_contact',
        now,
      ),
  );
  if (without.length) {
    throw new DomainError(
      'CONSENT_REQUIRED',
      'Without valid follow-up consent today a person can only be counted anonymously',
      409,
      [{ field: 'attendeeIds', code: 'consent_required', message: without.join(', ') }],
    );
  }
}

async function checkStaff(ctx: ServiceContext, centreId: number, ids: number[]) {
  const valid = new Set((await repo.staffOfCentre(ctx.db, centreId)).map((s) => s.id));
  const unknown = ids.filter((i) => !valid.has(i));
  if (unknown.length) {
    throw new DomainError('UNKNOWN_STAFF', 'Staff present must be staff of this centre', 400, [
      { field: 'staffIds', code: 'unknown', message: unknown.join(', ') },
    ]);
  }
}

/** SQLite's SQLITE_CONSTRAINT_UNIQUE, PostgreSQL's 23505 (inside drizzle's DrizzleQueryError). */
const isUniqueViolation = (e: unknown) => {
  const code = dbErrorCode(e);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
};

/**
 * Logs an encounter. A repeat with the same clientRequestId (double tap, retry after a lost
 * answer) returns the first encounter with `created: false` instead of a second one.
 */
export async function createEncounter(ctx: ServiceContext, body: CreateEncounterBody) {
  requireRole(ctx, ENTITY, 'centre_staff');
  const centre = await findCentre(ctx.db, body.centreId);
  if (!centre) deny(ctx, 'centre', body.centreId, 404);
  assertCanWrite(ctx, ENTITY, null, centre.id);

  const clientRequestId = body.clientRequestId.toLowerCase();
  const existing = await repo.findByClientRequestId(ctx.db, centre.id, clientRequestId);
  if (existing) return { created: false, encounter: await present(ctx, existing) };

  checkShape(body, centre.openedOn);
  refuseEmpty(body);
  await checkActivity(ctx, body.activityId);
  if (body.groupId !== undefined) {
    const g = await findGroupRow(ctx.db, body.groupId);
    if (!g || g.centreId !== centre.id) {
      throw new DomainError('UNKNOWN_GROUP', 'Unknown group for this centre', 400, [
        { field: 'groupId', code: 'unknown', message: 'Choose one of the centre’s groups' },
      ]);
    }
  }
  await checkAttendees(ctx, centre.id, body.attendeeIds);
  await refuseDuplicate(ctx, centre.id, body);
  const staffIds = body.staffIds?.length ? body.staffIds : [ctx.actor.userId];
  await checkStaff(ctx, centre.id, staffIds);
  // Dated inside a published quarter: only with a reason, and listed as a correction.
  const corrects = await requireCorrectionReason(
    ctx.db,
    centre.id,
    body.date,
    body.correctionReason,
  );

  try {
    const id = await inTransactionAsync(ctx, async (tx) => {
      const walkIns = body.walkIns ?? [];
      const named: number[] = [...body.attendeeIds];
      let anonymous = 0;
      for (const w of walkIns) {
        if (!w.consentLanguage) {
          anonymous += 1;
          continue;
        }
        const pid = await insertParticipantIn(tx, centre, { alias: w.alias });
        await recordWalkInConsent(tx, pid, w.consentLanguage);
        named.push(pid);
      }
      const newId = await repo.insertEncounter(tx.db, {
        centreId: centre.id,
        activityId: body.activityId,
        groupId: body.groupId ?? null,
        date: body.date,
        startTime: body.startTime,
        durationMinutes: body.durationMinutes,
        newcomers: body.headcounts.newcomers + anonymous,
        host: body.headcounts.host,
        volunteers: body.headcounts.volunteers,
        other: body.headcounts.other,
        authorId: ctx.actor.userId,
        clientRequestId,
      });
      await repo.replaceAttendees(tx.db, newId, named);
      await repo.replaceStaff(tx.db, newId, staffIds);
      await audit(tx, { action: 'create', entityType: ENTITY, entityId: newId, subjects: named });
      if (corrects !== undefined) {
        await recordCorrection(tx, {
          reportId: corrects,
          entityType: ENTITY,
          entityId: newId,
          centreId: centre.id,
          datedOn: body.date,
          action: 'create',
          reason: body.correctionReason!,
        });
      }
      return newId;
    });
    return {
      created: true,
      encounter: await present(ctx, (await repo.findEncounterRow(ctx.db, id))!),
    };
  } catch (e) {
    // Two submissions raced past the first lookup: the unique index decided; return the winner.
    const winner = isUniqueViolation(e)
      ? await repo.findByClientRequestId(ctx.db, centre.id, clientRequestId)
      : undefined;
    if (winner) return { created: false, encounter: await present(ctx, winner) };
    throw e;
  }
}

async function load(ctx: ServiceContext, id: number) {
  requireCentreDataRole(ctx, ENTITY);
  const e = await repo.findEncounterRow(ctx.db, id);
  if (!e) throw notFound('Encounter');
  assertCanRead(ctx, ENTITY, id, e.centreId);
  return e;
}

/** Named attendees are personal data: each view is audited. */
export async function getEncounter(ctx: ServiceContext, id: number) {
  const e = await load(ctx, id);
  const shown = await present(ctx, e);
  await audit(ctx, {
    action: 'read',
    entityType: ENTITY,
    entityId: id,
    subjects: shown.attendees.map((a) => a.id),
  });
  return shown;
}

export async function listEncounters(ctx: ServiceContext, q: EncounterListQuery) {
  requireCentreDataRole(ctx, ENTITY);
  let centreIds = visibleCentreIds(ctx);
  if (q.centreId !== undefined) {
    assertCanRead(ctx, 'centre', q.centreId, q.centreId);
    centreIds = [q.centreId];
  }
  return await repo.listEncounters(ctx.db, {
    centreIds,
    from: q.from,
    to: q.to,
    includeVoided: q.includeVoided ?? false,
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  });
}

/** The author (centre staff of that centre) or a coordinator; others get an audited 403. */
function assertMayChange(ctx: ServiceContext, e: repo.EncounterRow) {
  if (hasRole(ctx.actor, 'coordinator')) return;
  assertCanWrite(ctx, ENTITY, e.id, e.centreId);
  if (e.authorId !== ctx.actor.userId) deny(ctx, ENTITY, e.id, 403);
}

const refuseVoided = (e: repo.EncounterRow) => {
  if (e.voidedAt) {
    throw new DomainError('ENCOUNTER_VOIDED', 'This entry has been cancelled', 409);
  }
};

/** Corrections: by the author (centre staff) or a coordinator, within 14 days; audited with a reason. */
export async function correctEncounter(
  ctx: ServiceContext,
  id: number,
  body: CorrectEncounterBody,
) {
  const before = await load(ctx, id);
  assertMayChange(ctx, before);
  refuseVoided(before);
  if (!withinCorrectionWindow(before.createdAt)) {
    throw new DomainError(
      'CORRECTION_WINDOW_CLOSED',
      'Encounters can only be corrected within 14 days of logging them',
      409,
    );
  }
  const centre = (await findCentre(ctx.db, before.centreId))!;
  const current = await present(ctx, before);
  const next = {
    date: body.date ?? before.date,
    startTime: body.startTime ?? before.startTime,
    durationMinutes: body.durationMinutes ?? before.durationMinutes,
    headcounts: body.headcounts ?? current.headcounts,
  };
  checkShape(next, centre.openedOn);
  if (body.activityId !== undefined) await checkActivity(ctx, body.activityId);
  const currentIds = current.attendees.map((a) => a.id);
  // Re-writing the named list is named processing: everyone on it needs consent today.
  if (body.attendeeIds) await checkAttendees(ctx, centre.id, body.attendeeIds);
  if (body.staffIds) await checkStaff(ctx, centre.id, body.staffIds);
  refuseEmpty({ attendeeIds: body.attendeeIds ?? currentIds, headcounts: next.headcounts });
  // Either date inside a published quarter: the correction is listed (its reason is required anyway).
  const corrected: { d: string; reportId: number | undefined }[] = [];
  for (const d of new Set([before.date, next.date])) {
    const reportId = await requireCorrectionReason(ctx.db, centre.id, d, body.reason, 'reason');
    if (reportId !== undefined) corrected.push({ d, reportId });
  }

  await inTransactionAsync(ctx, async (tx) => {
    for (const c of corrected) {
      await recordCorrection(tx, {
        reportId: c.reportId!,
        entityType: ENTITY,
        entityId: id,
        centreId: centre.id,
        datedOn: c.d,
        action: 'update',
        reason: body.reason,
      });
    }
    await repo.updateEncounterRow(tx.db, id, {
      activityId: body.activityId ?? before.activityId,
      date: next.date,
      startTime: next.startTime,
      durationMinutes: next.durationMinutes,
      ...next.headcounts,
    });
    if (body.attendeeIds) await repo.replaceAttendees(tx.db, id, body.attendeeIds);
    if (body.staffIds) await repo.replaceStaff(tx.db, id, body.staffIds);
    const after = await present(tx, (await repo.findEncounterRow(tx.db, id))!);
    const changed = changedFields(
      { ...current, attendees: currentIds, updatedAt: null, correctable: null },
      { ...after, attendees: after.attendees.map((a) => a.id), updatedAt: null, correctable: null },
    );
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: changed,
      reason: `correction: ${body.reason.trim()}`,
      subjects: [...currentIds, ...after.attendees.map((a) => a.id)],
    });
  });
  return await present(ctx, (await repo.findEncounterRow(ctx.db, id))!);
}

/**
 * Cancels a wrong entry (a duplicate, a session that did not take place): it stays for the
 * audit trail but leaves every figure. Same people and window as a correction; coordinators
 * may cancel later entries too, since a duplicate often shows up in the quarterly figures.
 */
export async function voidEncounter(ctx: ServiceContext, id: number, body: VoidEncounterBody) {
  const e = await load(ctx, id);
  assertMayChange(ctx, e);
  refuseVoided(e);
  if (!hasRole(ctx.actor, 'coordinator') && !withinCorrectionWindow(e.createdAt)) {
    throw new DomainError(
      'CORRECTION_WINDOW_CLOSED',
      'Entries can only be cancelled within 14 days of logging them; ask a coordinator',
      409,
    );
  }
  const corrects = await requireCorrectionReason(ctx.db, e.centreId, e.date, body.reason, 'reason');
  await inTransactionAsync(ctx, async (tx) => {
    await repo.markVoided(tx.db, id, ctx.actor.userId, body.reason.trim());
    if (corrects !== undefined) {
      await recordCorrection(tx, {
        reportId: corrects,
        entityType: ENTITY,
        entityId: id,
        centreId: e.centreId,
        datedOn: e.date,
        action: 'void',
        reason: body.reason,
      });
    }
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: ['voidedAt'],
      reason: `void: ${body.reason.trim()}`,
    });
  });
  return await present(ctx, (await repo.findEncounterRow(ctx.db, id))!);
}

export async function staffOptions(ctx: ServiceContext, centreId: number) {
  requireCentreDataRole(ctx, ENTITY);
  assertCanRead(ctx, 'centre', centreId, centreId);
  return await repo.staffOfCentre(ctx.db, centreId);
}
