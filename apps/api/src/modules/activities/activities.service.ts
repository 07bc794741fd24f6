import {
  changedFields,
  DomainError,
  hasValidConsent,
  notFound,
  type CreateActivityBody,
  type CreateGroupBody,
  type UpdateActivityBody,
  type UpdateGroupBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
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
import { consentsFor } from '../participants/participants.service.ts';
import { today } from '../../lib/clock.ts';
import * as repo from './activities.repository.ts';

/** Reads the encounters module uses inside its own checks (no role gate). */
export { findActivity, findGroupRow, participantsAtCentre } from './activities.repository.ts';

export const listActivities = async (ctx: ServiceContext) => await repo.listActivities(ctx.db);

export async function createActivity(ctx: ServiceContext, body: CreateActivityBody) {
  requireRole(ctx, 'activity', 'admin');
  const id = await inTransactionAsync(ctx, async (tx) => {
    const newId = await repo.insertActivity(tx.db, { ...body, name: body.name.trim(), key: null });
    await audit(tx, { action: 'create', entityType: 'activity', entityId: newId });
    return newId;
  });
  return (await repo.findActivity(ctx.db, id))!;
}

export async function updateActivity(ctx: ServiceContext, id: number, body: UpdateActivityBody) {
  requireRole(ctx, 'activity', 'admin');
  const before = await repo.findActivity(ctx.db, id);
  if (!before) throw notFound('Activity');
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateActivityRow(tx.db, id, body.name ? { ...body, name: body.name.trim() } : body);
    await audit(tx, {
      action: 'update',
      entityType: 'activity',
      entityId: id,
      changedFields: changedFields(before, (await repo.findActivity(tx.db, id))!),
    });
  });
  return (await repo.findActivity(ctx.db, id))!;
}

const GROUP = 'group';

export async function listGroups(ctx: ServiceContext, centreId?: number) {
  requireCentreDataRole(ctx, GROUP);
  if (centreId !== undefined) assertCanRead(ctx, 'centre', centreId, centreId);
  const groups = await repo.listGroups(
    ctx.db,
    centreId ? [centreId] : visibleCentreIds(ctx),
    today(),
  );
  await audit(ctx, {
    action: 'read',
    entityType: GROUP,
    entityId: null,
    reason: 'rosters',
    subjects: groups.flatMap((g) => g.roster.map((m) => m.id)),
  });
  return groups;
}

export async function getGroup(ctx: ServiceContext, id: number) {
  requireCentreDataRole(ctx, GROUP);
  const g = await repo.findGroup(ctx.db, id, today());
  if (!g) throw notFound('Group');
  assertCanRead(ctx, GROUP, id, g.centreId);
  await audit(ctx, {
    action: 'read',
    entityType: GROUP,
    entityId: id,
    subjects: g.roster.map((m) => m.id),
  });
  return g;
}

/** Roster members must belong to the centre; newly added ones need follow-up consent. */
async function checkMembers(
  ctx: ServiceContext,
  centreId: number,
  ids: number[],
  existing: number[],
) {
  const atCentre = new Set(await repo.participantsAtCentre(ctx.db, centreId, ids));
  const foreign = ids.filter((i) => !atCentre.has(i));
  if (foreign.length) {
    throw new DomainError(
      'ATTENDEE_NOT_AT_CENTRE',
      'Some participants do not belong to this centre',
      400,
      [{ field: 'memberIds', code: 'not_at_centre', message: foreign.join(', ') }],
    );
  }
  const added = ids.filter((i) => !existing.includes(i));
  const d = today();
  const consents = await consentsFor(ctx.db, added, d);
  const without = added.filter(
    (pid) =>
      !hasValidConsent(
        consents.filter((c) => c.participantId === pid),
        'follow_up_contact',
        d,
      ),
  );
  if (without.length) {
    throw new DomainError(
      'CONSENT_REQUIRED',
      'A roster names people: each needs follow-up consent',
      409,
      [{ field: 'memberIds', code: 'consent_required', message: without.join(', ') }],
    );
  }
}

async function checkActivity(ctx: ServiceContext, activityId: number) {
  const a = await repo.findActivity(ctx.db, activityId);
  if (!a || !a.active) {
    throw new DomainError('UNKNOWN_ACTIVITY', 'Unknown activity', 400, [
      { field: 'activityId', code: 'unknown', message: 'Choose an activity from the catalogue' },
    ]);
  }
}

export async function createGroup(ctx: ServiceContext, body: CreateGroupBody) {
  requireCentreDataRole(ctx, GROUP);
  const centre = await findCentre(ctx.db, body.centreId);
  if (!centre) deny(ctx, 'centre', body.centreId, 404);
  assertCanWrite(ctx, GROUP, null, centre.id);
  await checkActivity(ctx, body.activityId);
  const members = body.memberIds ?? [];
  await checkMembers(ctx, centre.id, members, []);
  const id = await inTransactionAsync(ctx, async (tx) => {
    const { memberIds: _m, ...row } = body;
    const newId = await repo.insertGroup(tx.db, {
      ...row,
      name: body.name.trim(),
      weekdays: [...body.weekdays].sort((a, b) => a - b),
    });
    await repo.replaceMembers(tx.db, newId, members);
    await audit(tx, { action: 'create', entityType: GROUP, entityId: newId });
    return newId;
  });
  return (await repo.findGroup(ctx.db, id, today()))!;
}

export async function updateGroup(ctx: ServiceContext, id: number, body: UpdateGroupBody) {
  requireCentreDataRole(ctx, GROUP);
  const before = await repo.findGroupRow(ctx.db, id);
  if (!before) throw notFound('Group');
  assertCanWrite(ctx, GROUP, id, before.centreId);
  const { memberIds, ...patch } = body;
  const existing = await repo.memberIds(ctx.db, id);
  if (memberIds) await checkMembers(ctx, before.centreId, memberIds, existing);
  await inTransactionAsync(ctx, async (tx) => {
    if (Object.keys(patch).length) await repo.updateGroupRow(tx.db, id, patch);
    if (memberIds) await repo.replaceMembers(tx.db, id, memberIds);
    const changed = changedFields(before, (await repo.findGroupRow(tx.db, id))!).filter(
      (f) => f !== 'updatedAt',
    );
    if (memberIds) changed.push('memberIds');
    await audit(tx, { action: 'update', entityType: GROUP, entityId: id, changedFields: changed });
  });
  return (await repo.findGroup(ctx.db, id, today()))!;
}
