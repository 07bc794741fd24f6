import { randomInt } from 'node:crypto';
import {
  addMonths,
  canReadNotes,
  changedFields,
  DEFAULT_CONSENT_MONTHS,
  DomainError,
  hasValidConsent,
  notFound,
  participantCode,
  type CreateParticipantBody,
  type CreateReferralBody,
  type GiveConsentBody,
  type Participant,
  type ParticipantListQuery,
  type TransferParticipantBody,
  type UpdateParticipantBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { findCentre } from '../centres/centres.service.ts';
import * as repo from './participants.repository.ts';
import { closeLapsedFollowUps } from '../follow-ups/consent-lapse.ts';
import {
  assertCanRead,
  assertCanWrite,
  deny,
  requireCentreDataRole,
  visibleCentreIds,
} from '../access/access.ts';
import { today } from '../../lib/clock.ts';

const ENTITY = 'participant';

/** Reads other modules use inside their own checks (no role gate). */
export { consentsFor, findParticipantRow } from './participants.repository.ts';

export async function listParticipants(ctx: ServiceContext, q: ParticipantListQuery) {
  requireCentreDataRole(ctx, ENTITY);
  let centreIds = visibleCentreIds(ctx);
  if (q.centreId !== undefined) {
    assertCanRead(ctx, 'centre', q.centreId, q.centreId);
    centreIds = [q.centreId];
  }
  const page = await repo.listParticipants(
    ctx.db,
    {
      centreIds,
      q: q.q,
      withConsent: q.withConsent,
      sort: q.sort,
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
    },
    today(),
  );
  await audit(ctx, {
    action: 'read',
    entityType: ENTITY,
    entityId: null,
    reason: q.q ? `search (${page.items.length})` : `list (${page.items.length})`,
    subjects: page.items.map((p) => p.id),
  });
  return page;
}

/** Loads a participant the actor may read (404 otherwise, audited), without auditing a read. */
export async function loadReadable(ctx: ServiceContext, id: number) {
  requireCentreDataRole(ctx, ENTITY);
  const row = await repo.findParticipantRow(ctx.db, id);
  if (!row) throw notFound('Participant');
  assertCanRead(ctx, ENTITY, id, row.centreId);
  return row;
}

export async function loadWritable(ctx: ServiceContext, id: number) {
  requireCentreDataRole(ctx, ENTITY);
  const row = await repo.findParticipantRow(ctx.db, id);
  if (!row) throw notFound('Participant');
  assertCanWrite(ctx, ENTITY, id, row.centreId);
  return row;
}

async function present(ctx: ServiceContext, row: repo.ParticipantRow): Promise<Participant> {
  const d = today();
  const consents = (await repo.consentsFor(ctx.db, [row.id], d)).map(
    ({ participantId: _p, ...c }) => c,
  );
  return {
    id: row.id,
    code: row.code,
    alias: row.alias,
    centreId: row.centreId,
    householdSize: row.householdSize,
    movedInAt: row.movedInAt,
    lastSeenOn: await repo.lastSeenOn(ctx.db, row.id),
    followUpConsent: hasValidConsent(consents, 'follow_up_contact', d),
    languages: row.languages,
    district: row.district,
    contactPreference: row.contactPreference,
    // The one notes rule: coordinators see the pseudonymous record only.
    notes: canReadNotes(ctx.actor, row.centreId) ? row.notes : null,
    createdAt: row.createdAt,
    consents,
  };
}

/** Every view of a participant is audited as a read. */
export async function getParticipant(ctx: ServiceContext, id: number) {
  const row = await loadReadable(ctx, id);
  await audit(ctx, { action: 'read', entityType: ENTITY, entityId: id, subjects: [id] });
  return await present(ctx, row);
}

/** Timeline items whose `detail` is a free-text note (attempt and referral notes). */
const NOTE_KINDS = new Set(['follow_up_attempt', 'referral']);

export async function getTimeline(ctx: ServiceContext, id: number) {
  const row = await loadReadable(ctx, id);
  await audit(ctx, {
    action: 'read',
    entityType: ENTITY,
    entityId: id,
    reason: 'timeline',
    subjects: [id],
  });
  const items = await repo.timeline(ctx.db, id);
  if (canReadNotes(ctx.actor, row.centreId)) return items;
  return items.map((i) => (NOTE_KINDS.has(i.kind) ? { ...i, detail: null } : i));
}

/** A fresh code; collisions are retried (31^4 ≈ 920k codes per centre). */
export async function newParticipantCode(ctx: ServiceContext, centreCode: string) {
  for (let i = 0; i < 20; i++) {
    const code = participantCode(
      centreCode,
      () => randomInt(0, 1_000_000) / 1_000_000,
      i < 10 ? 4 : 6,
    );
    if (!(await repo.codeExists(ctx.db, code))) return code;
  }
  throw new DomainError('CONFLICT', 'Could not generate a participant code', 409);
}

/** Inserts a participant row (caller holds the transaction and has checked access). */
export async function insertParticipantIn(
  tx: ServiceContext,
  centre: { id: number; code: string; district: string },
  body: Omit<CreateParticipantBody, 'centreId' | 'confirmNotDuplicate'>,
) {
  const id = await repo.insertParticipant(tx.db, {
    code: await newParticipantCode(tx, centre.code),
    centreId: centre.id,
    alias: body.alias?.trim() || null,
    languages: body.languages ?? [],
    householdSize: body.householdSize ?? null,
    district: body.district?.trim() || centre.district,
    movedInAt: body.movedInAt ?? null,
    contactPreference: body.contactPreference ?? 'in_person',
    notes: body.notes?.trim() || null,
    createdById: tx.actor.userId,
  });
  await audit(tx, { action: 'create', entityType: ENTITY, entityId: id, subjects: [id] });
  return id;
}

/**
 * Consent a named walk-in gives at the door, recorded inside the caller's transaction: given
 * when it is recorded (today), whatever date the encounter carries, valid for one year.
 */
export async function recordWalkInConsent(
  tx: ServiceContext,
  participantId: number,
  language: GiveConsentBody['language'],
) {
  const givenOn = today();
  const cid = await repo.insertConsent(tx.db, {
    participantId,
    purpose: 'follow_up_contact',
    givenOn,
    expiresOn: addMonths(givenOn, 12),
    language,
    explainedById: tx.actor.userId,
  });
  await audit(tx, {
    action: 'create',
    entityType: 'consent',
    entityId: cid,
    reason: `participant ${participantId}: walk-in`,
  });
  return cid;
}

export async function createParticipant(ctx: ServiceContext, body: CreateParticipantBody) {
  requireCentreDataRole(ctx, ENTITY);
  const centre = await findCentre(ctx.db, body.centreId);
  if (!centre) deny(ctx, 'centre', body.centreId, 404);
  assertCanWrite(ctx, ENTITY, null, centre.id);
  if (body.movedInAt && body.movedInAt > today()) {
    throw new DomainError('VALIDATION_FAILED', 'Move-in date lies in the future', 400, [
      { field: 'movedInAt', code: 'future', message: 'Date lies in the future' },
    ]);
  }
  const alias = body.alias?.trim();
  if (alias && !body.confirmNotDuplicate) {
    const dupes = await repo.findDuplicates(ctx.db, centre.id, alias, body.householdSize ?? null);
    if (dupes.length) {
      throw new DomainError(
        'POSSIBLE_DUPLICATE',
        `A participant with this alias and household size exists: ${dupes.map((d) => d.code).join(', ')}`,
        409,
        dupes.map((d) => ({ field: 'alias', code: 'possible_duplicate', message: d.code })),
      );
    }
  }
  const { centreId: _c, confirmNotDuplicate: _d, ...rest } = body;
  const id = await inTransactionAsync(
    ctx,
    async (tx) => await insertParticipantIn(tx, centre, rest),
  );
  return await present(ctx, (await repo.findParticipantRow(ctx.db, id))!);
}

export async function updateParticipant(
  ctx: ServiceContext,
  id: number,
  body: UpdateParticipantBody,
) {
  const before = await loadWritable(ctx, id);
  if (body.movedInAt && body.movedInAt > today()) {
    throw new DomainError('VALIDATION_FAILED', 'Move-in date lies in the future', 400, [
      { field: 'movedInAt', code: 'future', message: 'Date lies in the future' },
    ]);
  }
  const patch = {
    ...body,
    ...(body.alias !== undefined ? { alias: body.alias?.trim() || null } : {}),
    ...(body.notes !== undefined ? { notes: body.notes?.trim() || null } : {}),
  };
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateParticipantRow(tx.db, id, patch);
    const after = (await repo.findParticipantRow(tx.db, id))!;
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: changedFields(before, after).filter((f) => f !== 'updatedAt'),
      subjects: [id],
    });
  });
  return await present(ctx, (await repo.findParticipantRow(ctx.db, id))!);
}

/** Moving home: staff of the old centre hand the record to another centre, with a reason. */
export async function transferParticipant(
  ctx: ServiceContext,
  id: number,
  body: TransferParticipantBody,
) {
  const before = await loadWritable(ctx, id);
  const target = await findCentre(ctx.db, body.centreId);
  if (!target || !target.active) {
    throw new DomainError('UNKNOWN_CENTRE', 'Unknown or inactive centre', 400, [
      { field: 'centreId', code: 'unknown', message: 'Choose an active centre' },
    ]);
  }
  if (target.id === before.centreId) {
    throw new DomainError('SAME_CENTRE', 'The participant already belongs to this centre', 400, [
      { field: 'centreId', code: 'same_centre', message: 'Already at this centre' },
    ]);
  }
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateParticipantRow(tx.db, id, { centreId: target.id, district: target.district });
    await repo.insertTransfer(tx.db, {
      participantId: id,
      fromCentreId: before.centreId,
      toCentreId: target.id,
      reason: body.reason.trim(),
      byId: ctx.actor.userId,
      on: today(),
    });
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: ['centreId'],
      reason: `transfer: ${body.reason.trim()}`,
      subjects: [id],
    });
  });
  return { ok: true as const };
}

export async function giveConsent(ctx: ServiceContext, id: number, body: GiveConsentBody) {
  await loadWritable(ctx, id);
  const givenOn = body.givenOn ?? today();
  const expiresOn = body.expiresOn ?? addMonths(givenOn, DEFAULT_CONSENT_MONTHS);
  if (givenOn > today() || expiresOn <= givenOn || expiresOn > addMonths(givenOn, 36)) {
    throw new DomainError(
      'INVALID_CONSENT_DATES',
      'Consent must be given today or earlier and expire after it, within 36 months',
      400,
      [
        {
          field: givenOn > today() ? 'givenOn' : 'expiresOn',
          code: 'invalid_dates',
          message: 'Check the dates',
        },
      ],
    );
  }
  await inTransactionAsync(ctx, async (tx) => {
    const cid = await repo.insertConsent(tx.db, {
      participantId: id,
      purpose: body.purpose,
      givenOn,
      expiresOn,
      language: body.language,
      explainedById: ctx.actor.userId,
    });
    await audit(tx, {
      action: 'create',
      entityType: 'consent',
      entityId: cid,
      reason: `participant ${id}: ${body.purpose}`,
      subjects: [id],
    });
  });
  return await present(ctx, (await repo.findParticipantRow(ctx.db, id))!);
}

export async function withdrawConsent(ctx: ServiceContext, id: number, consentId: number) {
  await loadWritable(ctx, id);
  const consent = await repo.findConsent(ctx.db, id, consentId);
  if (!consent) throw notFound('Consent');
  if (consent.withdrawnOn) {
    throw new DomainError('CONSENT_ALREADY_WITHDRAWN', 'This consent was already withdrawn', 409);
  }
  await inTransactionAsync(ctx, async (tx) => {
    await repo.withdrawConsentRow(tx.db, consentId, today());
    await audit(tx, {
      action: 'update',
      entityType: 'consent',
      entityId: consentId,
      changedFields: ['withdrawnOn'],
      reason: `participant ${id}: withdrawn`,
      subjects: [id],
    });
    // Named processing stops now: open outreach closes with the reason (no-op if still valid).
    await closeLapsedFollowUps(
      tx.db,
      today(),
      { participantIds: [id] },
      { actorId: ctx.actor.userId, actorEmail: ctx.actor.email, ip: ctx.ip },
    );
  });
  return await present(ctx, (await repo.findParticipantRow(ctx.db, id))!);
}

/** Referral to another service: only with valid follow-up consent (privacy rule 2, docs/privacy-rules.md). */
export async function createReferral(ctx: ServiceContext, id: number, body: CreateReferralBody) {
  const row = await loadWritable(ctx, id);
  const d = today();
  if (!hasValidConsent(await repo.consentsFor(ctx.db, [id], d), 'follow_up_contact', d)) {
    throw new DomainError('CONSENT_REQUIRED', 'A referral needs valid follow-up consent', 409);
  }
  const referredOn = body.referredOn ?? d;
  if (referredOn > d) {
    throw new DomainError('VALIDATION_FAILED', 'Referral date lies in the future', 400, [
      { field: 'referredOn', code: 'future', message: 'Date lies in the future' },
    ]);
  }
  const rid = await inTransactionAsync(ctx, async (tx) => {
    const newId = await repo.insertReferral(tx.db, {
      participantId: id,
      service: body.service,
      referredOn,
      note: body.note?.trim() || null,
      byId: ctx.actor.userId,
    });
    await audit(tx, {
      action: 'create',
      entityType: 'referral',
      entityId: newId,
      reason: `participant ${id}`,
      subjects: [id],
    });
    return newId;
  });
  const referral = await repo.findReferral(ctx.db, rid);
  return canReadNotes(ctx.actor, row.centreId) ? referral : { ...referral, note: null };
}
