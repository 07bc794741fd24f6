import {
  canReadNotes,
  canWriteCentreData,
  changedFields,
  DomainError,
  hasRole,
  hasValidConsent,
  notFound,
  type CloseFollowUpBody,
  type CreateFollowUpBody,
  type FollowUp,
  type FollowUpAttemptBody,
  type FollowUpListQuery,
  type UpdateFollowUpBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { assertCanRead, deny, requireCentreDataRole, visibleCentreIds } from '../access/access.ts';
import { findUser } from '../users/users.service.ts';
import { consentsFor, findParticipantRow } from '../participants/participants.service.ts';
import { today } from '../../lib/clock.ts';
import * as repo from './follow-ups.repository.ts';
import { closeLapsedFollowUps } from './consent-lapse.ts';

const ENTITY = 'follow_up';

/** Staff of the participant's centre, or a coordinator (who assigns outreach city-wide). */
function assertMayWrite(ctx: ServiceContext, id: number | null, centreId: number) {
  assertCanRead(ctx, ENTITY, id, centreId);
  if (!hasRole(ctx.actor, 'coordinator') && !canWriteCentreData(ctx.actor, centreId)) {
    deny(ctx, ENTITY, id, 403);
  }
}

async function requireConsent(ctx: ServiceContext, participantId: number) {
  const d = today();
  if (!hasValidConsent(await consentsFor(ctx.db, [participantId], d), 'follow_up_contact', d)) {
    throw new DomainError(
      'CONSENT_REQUIRED',
      'Follow-up contact needs valid follow_up_contact consent; without it the person is only counted anonymously',
      409,
    );
  }
}

/** The assignee must be active staff of the participant's centre, or a coordinator. */
async function checkAssignee(ctx: ServiceContext, assigneeId: number, centreId: number) {
  const u = await findUser(ctx.db, assigneeId);
  const ok =
    u?.active &&
    (u.roles.includes('coordinator') ||
      (u.roles.includes('centre_staff') && u.centreIds.includes(centreId)));
  if (!ok) {
    throw new DomainError(
      'UNKNOWN_STAFF',
      'Assign the task to staff of the participant’s centre',
      400,
      [{ field: 'assigneeId', code: 'unknown', message: 'Choose staff of this centre' }],
    );
  }
}

/** Free-text attempt notes follow the one notes rule (`canReadNotes`) on every route. */
function present(ctx: ServiceContext, f: FollowUp): FollowUp {
  if (canReadNotes(ctx.actor, f.centreId)) return f;
  return { ...f, attempts: f.attempts.map((a) => ({ ...a, note: null })) };
}

/** Loads a task after closing it if its participant's consent lapsed (so it never looks open). */
async function load(ctx: ServiceContext, id: number) {
  requireCentreDataRole(ctx, ENTITY);
  const before = await repo.findFollowUp(ctx.db, id);
  if (!before) throw notFound('Follow-up');
  if (before.status === 'open')
    await closeLapsedFollowUps(ctx.db, today(), { participantIds: [before.participantId] });
  return (await repo.findFollowUp(ctx.db, id))!;
}

function assertOpen(f: FollowUp) {
  if (f.status !== 'closed') return;
  if (f.closedReason) {
    throw new DomainError(
      'FOLLOW_UP_CLOSED',
      f.closedReason === 'consent_withdrawn'
        ? 'This task was closed because the person withdrew consent'
        : 'This task was closed because the consent expired',
      409,
    );
  }
  throw new DomainError('FOLLOW_UP_CLOSED', 'This follow-up is closed', 409);
}

export async function listFollowUps(ctx: ServiceContext, q: FollowUpListQuery) {
  requireCentreDataRole(ctx, ENTITY);
  let centreIds = visibleCentreIds(ctx);
  if (q.centreId !== undefined) {
    assertCanRead(ctx, 'centre', q.centreId, q.centreId);
    centreIds = [q.centreId];
  }
  // Expiry has no event of its own: lapsed tasks are closed when a list is read (and daily).
  await closeLapsedFollowUps(ctx.db, today(), { centreIds });
  const page = await repo.listFollowUps(ctx.db, {
    centreIds,
    status: q.status,
    assigneeId: q.mine ? ctx.actor.userId : undefined,
    participantId: q.participantId,
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  });
  await audit(ctx, {
    action: 'read',
    entityType: ENTITY,
    entityId: null,
    reason: `list (${page.items.length})`,
    subjects: page.items.map((f) => f.participantId),
  });
  return { ...page, items: page.items.map((f) => present(ctx, f)) };
}

export async function getFollowUp(ctx: ServiceContext, id: number) {
  const f = await load(ctx, id);
  assertCanRead(ctx, ENTITY, id, f.centreId);
  await audit(ctx, {
    action: 'read',
    entityType: ENTITY,
    entityId: id,
    subjects: [f.participantId],
  });
  return present(ctx, f);
}

export async function createFollowUp(ctx: ServiceContext, body: CreateFollowUpBody) {
  requireCentreDataRole(ctx, ENTITY);
  const p = await findParticipantRow(ctx.db, body.participantId);
  if (!p) deny(ctx, 'participant', body.participantId, 404);
  assertMayWrite(ctx, null, p.centreId);
  await requireConsent(ctx, p.id);
  await checkAssignee(ctx, body.assigneeId, p.centreId);
  const id = await inTransactionAsync(ctx, async (tx) => {
    const newId = await repo.insertFollowUp(tx.db, {
      participantId: p.id,
      assigneeId: body.assigneeId,
      dueOn: body.dueOn,
      reason: body.reason.trim(),
      createdById: ctx.actor.userId,
    });
    await audit(tx, {
      action: 'create',
      entityType: ENTITY,
      entityId: newId,
      reason: `participant ${p.id}`,
      subjects: [p.id],
    });
    return newId;
  });
  // After the commit: a mail to the assignee (in the background; failures never reach here).
  ctx.notify?.followUpAssigned({
    followUpId: id,
    assigneeId: body.assigneeId,
    byUserId: ctx.actor.userId,
  });
  return present(ctx, (await repo.findFollowUp(ctx.db, id))!);
}

export async function updateFollowUp(ctx: ServiceContext, id: number, body: UpdateFollowUpBody) {
  const before = await load(ctx, id);
  assertMayWrite(ctx, id, before.centreId);
  assertOpen(before);
  if (body.assigneeId !== undefined) await checkAssignee(ctx, body.assigneeId, before.centreId);
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateFollowUpRow(tx.db, id, body);
    const after = (await repo.findFollowUp(tx.db, id))!;
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: changedFields(before, after),
      subjects: [before.participantId],
    });
  });
  if (body.assigneeId !== undefined && body.assigneeId !== before.assigneeId) {
    ctx.notify?.followUpAssigned({
      followUpId: id,
      assigneeId: body.assigneeId,
      byUserId: ctx.actor.userId,
    });
  }
  return present(ctx, (await repo.findFollowUp(ctx.db, id))!);
}

export async function addAttempt(ctx: ServiceContext, id: number, body: FollowUpAttemptBody) {
  const f = await load(ctx, id);
  assertMayWrite(ctx, id, f.centreId);
  assertOpen(f);
  await requireConsent(ctx, f.participantId);
  const attemptedOn = body.attemptedOn ?? today();
  if (attemptedOn > today()) {
    throw new DomainError('VALIDATION_FAILED', 'Attempt date lies in the future', 400, [
      { field: 'attemptedOn', code: 'future', message: 'Date lies in the future' },
    ]);
  }
  await inTransactionAsync(ctx, async (tx) => {
    const aid = await repo.insertAttempt(tx.db, {
      followUpId: id,
      attemptedOn,
      outcome: body.outcome,
      note: body.note?.trim() || null,
      byId: ctx.actor.userId,
    });
    await audit(tx, {
      action: 'create',
      entityType: 'follow_up_attempt',
      entityId: aid,
      reason: `follow-up ${id}`,
      subjects: [f.participantId],
    });
  });
  return present(ctx, (await repo.findFollowUp(ctx.db, id))!);
}

export async function closeFollowUp(ctx: ServiceContext, id: number, body: CloseFollowUpBody) {
  const f = await load(ctx, id);
  assertMayWrite(ctx, id, f.centreId);
  assertOpen(f);
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateFollowUpRow(tx.db, id, {
      status: 'closed',
      outcome: body.outcome,
      closedOn: today(),
    });
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: ['closedOn', 'outcome', 'status'],
      subjects: [f.participantId],
    });
  });
  return present(ctx, (await repo.findFollowUp(ctx.db, id))!);
}
