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
import { inTransaction } from '../../lib/tx.ts';
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

export const listActivities = (ctx: ServiceContext) => repo.listActivities(ctx.db);

export function createActivity(ctx: ServiceContext, body: CreateActivityBody) {
  requireRole(ctx, 'activity', 'admin');
  const id = inTransaction(ctx, (tx) => {
    const newId = repo.insertActivity(tx.db, { ...body, name: body.name.trim(), key: null });
    audit(tx, { action: 'create', entityType: 'activity', entityId: newId });
    return newId;
  });
  return repo.findActivity(ctx.db, id)!;
}

export function updateActivity(ctx: ServiceContext, id: number, body: UpdateActivityBody) {
  requireRole(ctx, 'activity', 'admin');
  const before = repo.findActivity(ctx.db, id);
  if (!before) throw notFound('Activity');
  inTransaction(ctx, (tx) => {
    repo.updateActivityRow(tx.db, id, body.name ? { ...body, name: body.name.trim() } : body);
    audit(tx, {
      action: 'update',
      entityType: 'activity',
      entityId: id,
      changedFields: changedFields(before, repo.findActivity(tx.db, id)!),
    });
  });
  return repo.findActivity(ctx.db, id)!;
}

const GROUP = 'group';

export function listGroups(ctx: ServiceContext, centreId?: number) {
  requireCentreDataRole(ctx, GROUP);
  if (centreId !== undefined) assertCanRead(ctx, 'centre', centreId, centreId);
  const groups = repo.listGroups(ctx.db, centreId ? [centreId] : visibleCentreIds(ctx), today());
  audit(ctx, {
    action: 'read',
    entityType: GROUP,
    entityId: null,
    reason: 'rosters',
    subjects: groups.flatMap((g) => g.roster.map((m) => m.id)),
  });
  return groups;
}

export function getGroup(ctx: ServiceContext, id: number) {
  requireCentreDataRole(ctx, GROUP);
  const g = repo.findGroup(ctx.db, id, today());
  if (!g) throw notFound('Group');
  assertCanRead(ctx, GROUP, id, g.centreId);
  audit(ctx, {
    action: 'read',
    entityType: GROUP,
    entityId: id,
    subjects: g.roster.map((m) => m.id),
  });
  return g;
}

/** Roster members must belong to the centre; newly added ones need follow-up consent. */
function checkMembers(ctx: ServiceContext, centreId: number, ids: number[], existing: number[]) {
  const atCentre = new Set(repo.participantsAtCentre(ctx.db, centreId, ids));
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
  const consents = consentsFor(ctx.db, added, d);
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

function checkActivity(ctx: ServiceContext, activityId: number) {
  const a = repo.findActivity(ctx.db, activityId);
  if (!a || !a.active) {
    throw new DomainError('UNKNOWN_ACTIVITY', 'Unknown activity', 400, [
      { field: 'activityId', code: 'unknown', message: 'Choose an activity from the catalogue' },
    ]);
  }
}

export function createGroup(ctx: ServiceContext, body: CreateGroupBody) {
  requireCentreDataRole(ctx, GROUP);
  const centre = findCentre(ctx.db, body.centreId);
  if (!centre) deny(ctx, 'centre', body.centreId, 404);
  assertCanWrite(ctx, GROUP, null, centre.id);
  checkActivity(ctx, body.activityId);
  const members = body.memberIds ?? [];
  checkMembers(ctx, centre.id, members, []);
  const id = inTransaction(ctx, (tx) => {
    const { memberIds: _m, ...row } = body;
    const newId = repo.insertGroup(tx.db, {
      ...row,
      name: body.name.trim(),
      weekdays: [...body.weekdays].sort((a, b) => a - b),
    });
    repo.replaceMembers(tx.db, newId, members);
    audit(tx, { action: 'create', entityType: GROUP, entityId: newId });
    return newId;
  });
  return repo.findGroup(ctx.db, id, today())!;
}

export function updateGroup(ctx: ServiceContext, id: number, body: UpdateGroupBody) {
  requireCentreDataRole(ctx, GROUP);
  const before = repo.findGroupRow(ctx.db, id);
  if (!before) throw notFound('Group');
  assertCanWrite(ctx, GROUP, id, before.centreId);
  const { memberIds, ...patch } = body;
  const existing = repo.memberIds(ctx.db, id);
  if (memberIds) checkMembers(ctx, before.centreId, memberIds, existing);
  inTransaction(ctx, (tx) => {
    if (Object.keys(patch).length) repo.updateGroupRow(tx.db, id, patch);
    if (memberIds) repo.replaceMembers(tx.db, id, memberIds);
    const changed = changedFields(before, repo.findGroupRow(tx.db, id)!).filter(
      (f) => f !== 'updatedAt',
    );
    if (memberIds) changed.push('memberIds');
    audit(tx, { action: 'update', entityType: GROUP, entityId: id, changedFields: changed });
  });
  return repo.findGroup(ctx.db, id, today())!;
}
