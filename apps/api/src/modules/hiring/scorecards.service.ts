import {
  DomainError,
  INVITED_STATUSES,
  hasRole,
  notFound,
  scoreInRange,
  scorecardVisible,
  unratedCriteria,
  type Scorecard,
  type ScorecardBody,
  type ScorecardList,
  type ScorecardRevisionBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { requireApplicationPart, requirePart } from './access.ts';
import { nowIso } from '../../lib/clock.ts';
import * as repo from './hiring.repository.ts';

const ENTITY = 'scorecard';

export type CardRow = { card: repo.ScorecardRow; memberName: string };

const toCard = ({ card, memberName }: CardRow): Scorecard => ({
  id: card.id,
  applicationId: card.applicationId,
  memberId: card.memberId,
  memberName,
  stage: card.stage,
  revision: card.revision,
  ratings: card.ratings,
  recommendation: card.recommendation,
  notes: card.notes,
  submittedAt: card.submittedAt,
  correctionReason: card.correctionReason,
  current: card.supersededAt === null,
  seenOthersAt: card.seenOthersAt,
});

/**
 * A card counts as submitted only with every criterion of the current set rated: a
 * placeholder card (one rating, to unlock colleagues' cards) is refused.
 */
async function assertComplete(
  ctx: ServiceContext,
  vacancyId: number,
  ratings: { criterionId: number }[],
) {
  const set = (await repo.currentSet(ctx.db, vacancyId))!;
  const missing = unratedCriteria(
    (await repo.criteriaOf(ctx.db, set.id)).map((c) => c.id),
    ratings,
  );
  if (missing.length)
    throw new DomainError(
      'SCORECARD_INCOMPLETE',
      'A card is submitted only with every criterion rated; save it as a draft meanwhile',
      422,
      missing.map((criterionId) => ({
        field: 'ratings',
        code: 'unrated',
        message: `Criterion ${criterionId} is not rated`,
      })),
    );
}

/** When the author had already been shown a colleague's card for this candidate and stage. */
const seenOthersAt = async (
  ctx: ServiceContext,
  memberId: number,
  applicationId: number,
  stage: repo.ScorecardRow['stage'],
) => (await repo.findPeek(ctx.db, memberId, applicationId, stage))?.firstSeenAt ?? null;

/** Remembers that the viewer was shown another member's submitted card (first time only). */
export async function recordPeeks(ctx: ServiceContext, shown: CardRow[]) {
  for (const c of shown) {
    if (c.card.memberId === ctx.actor.userId || !c.card.submittedAt) continue;
    await repo.recordPeek(ctx.db, {
      memberId: ctx.actor.userId,
      applicationId: c.card.applicationId,
      stage: c.card.stage,
      at: nowIso(),
    });
  }
}

async function assertRatings(
  ctx: ServiceContext,
  vacancyId: number,
  ratings: ScorecardBody['ratings'],
) {
  const bad = ratings.filter((r) => !scoreInRange(r.score));
  if (bad.length)
    throw new DomainError('SCORE_OUT_OF_RANGE', 'Scores are whole numbers from 1 to 5', 400, [
      { field: 'ratings', code: 'range', message: 'Use the anchored scale 1–5' },
    ]);
  const set = (await repo.currentSet(ctx.db, vacancyId))!;
  const ids = new Set((await repo.criteriaOf(ctx.db, set.id)).map((c) => c.id));
  if (ratings.some((r) => !ids.has(r.criterionId)))
    throw new DomainError('UNKNOWN_CRITERION', 'A criterion is not part of this vacancy', 400, [
      { field: 'ratings', code: 'unknown', message: 'Rate only this vacancy’s criteria' },
    ]);
  if (new Set(ratings.map((r) => r.criterionId)).size !== ratings.length)
    throw new DomainError('VALIDATION_FAILED', 'Each criterion is rated once', 400, [
      { field: 'ratings', code: 'duplicate', message: 'Each criterion once' },
    ]);
}

/**
 * Create or update the caller's own draft card for a candidate and stage; `submit` locks
 * it. Only panel members of this vacancy score, only invited candidates of this vacancy.
 */
export async function saveScorecard(ctx: ServiceContext, vacancyId: number, body: ScorecardBody) {
  await requirePart(ctx, vacancyId, ENTITY, 'panel');
  const app = await repo.findApplication(ctx.db, body.applicationId);
  if (!app || app.vacancyId !== vacancyId)
    throw new DomainError(
      'APPLICATION_NOT_IN_VACANCY',
      'This candidate did not apply for this vacancy',
      400,
      [{ field: 'applicationId', code: 'other_vacancy', message: 'Candidate of another vacancy' }],
    );
  if (!INVITED_STATUSES.includes(app.status) || app.purgedAt)
    throw new DomainError('CANDIDATE_NOT_INVITED', 'Only invited candidates are scored', 409);
  await assertRatings(ctx, vacancyId, body.ratings);
  if (body.submit) await assertComplete(ctx, vacancyId, body.ratings);
  if (body.submit && !body.recommendation)
    throw new DomainError('VALIDATION_FAILED', 'A submitted card needs a recommendation', 400, [
      { field: 'recommendation', code: 'required', message: 'Choose an overall recommendation' },
    ]);
  const existing = await repo.currentCard(ctx.db, app.id, ctx.actor.userId, body.stage);
  if (existing?.submittedAt)
    throw new DomainError(
      'SCORECARD_LOCKED',
      'A submitted card is locked; record a correction as a new revision',
      409,
    );
  const fields = {
    ratings: body.ratings,
    recommendation: body.recommendation,
    notes: body.notes.trim(),
    submittedAt: body.submit ? nowIso() : null,
    seenOthersAt: body.submit
      ? await seenOthersAt(ctx, ctx.actor.userId, app.id, body.stage)
      : null,
  };
  const id = await inTransactionAsync(ctx, async (tx) => {
    let cardId: number;
    if (existing) {
      await repo.updateScorecard(tx.db, existing.id, fields);
      cardId = existing.id;
    } else {
      cardId = await repo.insertScorecard(tx.db, {
        vacancyId,
        applicationId: app.id,
        memberId: ctx.actor.userId,
        stage: body.stage,
        ...fields,
      });
    }
    await audit(tx, {
      action: existing ? 'update' : 'create',
      entityType: ENTITY,
      entityId: cardId,
      reason: body.submit ? 'submitted' : 'draft',
    });
    return cardId;
  });
  return toCard((await repo.findScorecard(ctx.db, id))!);
}

/** A correction of one's own submitted card: a new, audited revision; the old one stays. */
export async function reviseScorecard(
  ctx: ServiceContext,
  cardId: number,
  body: ScorecardRevisionBody,
) {
  const row = await repo.findScorecard(ctx.db, cardId);
  if (!row) {
    await requirePart(ctx, 0, ENTITY, 'panel'); // audited 404 for non-admins
    throw notFound('Scorecard');
  }
  await requirePart(ctx, row.card.vacancyId, ENTITY, 'panel');
  if (row.card.memberId !== ctx.actor.userId)
    throw new DomainError('FORBIDDEN', 'Only the author corrects a card', 403);
  if (!row.card.submittedAt || row.card.supersededAt)
    throw new DomainError(
      'SCORECARD_NOT_SUBMITTED',
      'Only the current submitted card can be corrected; edit a draft directly',
      409,
    );
  await assertRatings(ctx, row.card.vacancyId, body.ratings);
  await assertComplete(ctx, row.card.vacancyId, body.ratings);
  const peek = await seenOthersAt(ctx, row.card.memberId, row.card.applicationId, row.card.stage);
  const id = await inTransactionAsync(ctx, async (tx) => {
    const at = nowIso();
    await repo.updateScorecard(tx.db, cardId, { supersededAt: at });
    const newId = await repo.insertScorecard(tx.db, {
      vacancyId: row.card.vacancyId,
      applicationId: row.card.applicationId,
      memberId: row.card.memberId,
      stage: row.card.stage,
      revision: row.card.revision + 1,
      ratings: body.ratings,
      recommendation: body.recommendation,
      notes: body.notes.trim(),
      submittedAt: at,
      correctionReason: body.reason.trim(),
      seenOthersAt: peek,
    });
    await audit(tx, {
      action: 'create',
      entityType: ENTITY,
      entityId: newId,
      reason: peek ? `${body.reason} (after seeing colleagues' cards)` : body.reason,
    });
    return newId;
  });
  return toCard((await repo.findScorecard(ctx.db, id))!);
}

function ownSubmitted(cards: CardRow[], userId: number, applicationId: number, stage: string) {
  return cards.some(
    (c) =>
      c.card.memberId === userId &&
      c.card.applicationId === applicationId &&
      c.card.stage === stage &&
      c.card.submittedAt !== null,
  );
}

/** Cards of one candidate the caller may see; others stay hidden until one's own is in. */
export async function listScorecards(
  ctx: ServiceContext,
  applicationId: number,
): Promise<ScorecardList> {
  const { app, role } = await requireApplicationPart(ctx, applicationId, ENTITY, 'admin', 'panel');
  const all = await repo.scorecardsOfApplication(ctx.db, app.id);
  const isAdmin = role === 'admin';
  const visible = all.filter((c) =>
    scorecardVisible(c.card, {
      userId: ctx.actor.userId,
      isAdmin,
      ownSubmitted: ownSubmitted(all, ctx.actor.userId, app.id, c.card.stage),
    }),
  );
  // Recorded for HR too: an admin who later joins the panel has seen the cards.
  await recordPeeks(ctx, visible);
  await audit(ctx, {
    action: 'read',
    entityType: ENTITY,
    entityId: null,
    reason: `application ${app.id}`,
  });
  return {
    cards: visible.map(toCard),
    hiddenCount:
      all.filter((c) => c.card.supersededAt === null).length -
      visible.filter((c) => c.card.supersededAt === null).length,
  };
}

export async function getScorecard(ctx: ServiceContext, cardId: number): Promise<Scorecard> {
  const row = await repo.findScorecard(ctx.db, cardId);
  if (!row) {
    if (hasRole(ctx.actor, 'admin')) throw notFound('Scorecard');
    await requirePart(ctx, 0, ENTITY, 'admin', 'panel');
    throw notFound('Scorecard');
  }
  const { role } = await requireApplicationPart(
    ctx,
    row.card.applicationId,
    ENTITY,
    'admin',
    'panel',
  );
  const all = await repo.scorecardsOfApplication(ctx.db, row.card.applicationId);
  const visible = scorecardVisible(row.card, {
    userId: ctx.actor.userId,
    isAdmin: role === 'admin',
    ownSubmitted: ownSubmitted(all, ctx.actor.userId, row.card.applicationId, row.card.stage),
  });
  if (!visible) {
    await audit(ctx, {
      action: 'denied',
      entityType: ENTITY,
      entityId: cardId,
      reason: 'own card not submitted',
    });
    throw new DomainError(
      'SCORECARD_HIDDEN',
      'Submit your own card for this candidate and stage before reading the others',
      403,
    );
  }
  await recordPeeks(ctx, [row]);
  await audit(ctx, { action: 'read', entityType: ENTITY, entityId: cardId });
  return toCard(row);
}
