import { DomainError, type DecisionBody, type SelectionRecord } from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import { requirePart } from './access.ts';
import { nowIso } from '../../lib/clock.ts';
import { evaluateScreening } from '@begegnung/domain';
import * as repo from './hiring.repository.ts';
import { currentCriteriaSet, vacancyEmployer } from './vacancies.service.ts';

const ENTITY = 'selection_record';

export async function buildRecord(
  ctx: ServiceContext,
  vacancyId: number,
): Promise<SelectionRecord> {
  const v = (await repo.findVacancy(ctx.db, vacancyId))!;
  const set = await currentCriteriaSet(ctx, vacancyId);
  const apps = await repo.applicationsOf(ctx.db, vacancyId);
  const screening = await repo.screeningOf(
    ctx.db,
    apps.map((a) => a.id),
  );
  const allCards = await repo.scorecardsOfVacancy(ctx.db, vacancyId);
  const cards = allCards.filter((c) => c.card.submittedAt && !c.card.supersededAt);
  const rankings = new Map(
    (await repo.rankingsOf(ctx.db, vacancyId)).map((r) => [r.applicationId, r]),
  );
  const ids = new Set(set.criteria.map((c) => c.id));
  const candidates = apps.map((a) => {
    const mine = screening.filter((s) => s.applicationId === a.id && ids.has(s.criterionId));
    const myCards = cards.filter((c) => c.card.applicationId === a.id);
    const scores = myCards.flatMap((c) => c.card.ratings.map((r) => r.score));
    const r = rankings.get(a.id);
    return {
      applicationId: a.id,
      displayName: `${a.firstName} ${a.lastName}`.trim(),
      status: a.status,
      severelyDisabled: a.severelyDisabled,
      screening: mine.map((s) => ({ criterionId: s.criterionId, result: s.result, note: s.note })),
      suggestion: evaluateScreening(set.criteria, mine).suggestion,
      scorecardCount: myCards.length,
      averageScore: scores.length
        ? Math.round((scores.reduce((x, y) => x + y, 0) / scores.length) * 100) / 100
        : null,
      recommendations: myCards.flatMap((c) =>
        c.card.recommendation ? [c.card.recommendation] : [],
      ),
      rank: r?.rank ?? null,
      reason: r?.reason ?? null,
      // Submitted or revised after the author had seen colleagues' cards (superseded ones too).
      lateCards: allCards
        .filter((c) => c.card.applicationId === a.id && c.card.submittedAt && c.card.seenOthersAt)
        .map((c) => ({
          memberName: c.memberName,
          revision: c.card.revision,
          seenOthersAt: c.card.seenOthersAt!,
        })),
    };
  });
  candidates.sort(
    (a, b) => (a.rank ?? 9999) - (b.rank ?? 9999) || a.applicationId - b.applicationId,
  );
  return {
    vacancyId,
    title: v.title,
    status: v.status,
    publishedOn: v.publishedOn,
    deadline: v.deadline,
    postCodes: (await repo.vacancyPostsOf(ctx.db, vacancyId)).map((p) => p.code),
    criteriaSet: set,
    candidates,
    participations: await repo.participationsOf(ctx.db, vacancyId),
    decidedAt: v.decidedAt,
    decidedByName: await repo.userName(ctx.db, v.decidedById),
    generatedAt: nowIso(),
    employer: await vacancyEmployer(ctx, vacancyId),
  };
}

/** HR and the oversight bodies read the selection record (audited). */
export async function getSelectionRecord(
  ctx: ServiceContext,
  vacancyId: number,
): Promise<SelectionRecord> {
  await requirePart(ctx, vacancyId, ENTITY, 'admin', 'oversight');
  await audit(ctx, { action: 'read', entityType: ENTITY, entityId: vacancyId });
  return await buildRecord(ctx, vacancyId);
}

/**
 * The decision: a ranking with a written reason for every candidate still in the
 * procedure. Without reasons nothing is saved; the vacancy moves to `decided`.
 */
export async function recordDecision(ctx: ServiceContext, vacancyId: number, body: DecisionBody) {
  requireRole(ctx, ENTITY, 'admin');
  const { vacancy } = await requirePart(ctx, vacancyId, ENTITY, 'admin');
  if (vacancy.status !== 'closed')
    throw new DomainError(
      'ILLEGAL_STATUS_TRANSITION',
      'Decide after the application deadline: close the vacancy first',
      409,
    );
  const apps = await repo.applicationsOf(ctx.db, vacancyId);
  const byId = new Map(apps.map((a) => [a.id, a]));
  const foreign = body.ranking.filter((r) => !byId.has(r.applicationId));
  if (foreign.length)
    throw new DomainError(
      'APPLICATION_NOT_IN_VACANCY',
      'The ranking names candidates of another vacancy',
      400,
      [
        {
          field: 'ranking',
          code: 'other_vacancy',
          message: foreign.map((f) => f.applicationId).join(', '),
        },
      ],
    );
  const given = new Map(body.ranking.map((r) => [r.applicationId, r]));
  const missing = apps
    .filter((a) => a.status !== 'withdrawn' && !a.purgedAt)
    .filter((a) => (given.get(a.id)?.reason.trim().length ?? 0) < 3);
  if (missing.length)
    throw new DomainError('REASONS_REQUIRED', 'Every candidate needs a written reason', 400, [
      ...missing.map((a) => ({
        field: `ranking.${a.id}`,
        code: 'reason_required',
        message: `Reason missing for ${a.firstName} ${a.lastName}`,
      })),
    ]);
  await inTransactionAsync(ctx, async (tx) => {
    await repo.replaceRankings(
      tx.db,
      vacancyId,
      body.ranking.map((r) => ({
        applicationId: r.applicationId,
        rank: r.rank,
        reason: r.reason.trim(),
      })),
    );
    await repo.updateVacancy(tx.db, vacancyId, {
      status: 'decided',
      decidedAt: nowIso(),
      decidedById: ctx.actor.userId,
    });
    await audit(tx, {
      action: 'update',
      entityType: 'vacancy',
      entityId: vacancyId,
      changedFields: ['status', 'ranking'],
    });
  });
  return await buildRecord(ctx, vacancyId);
}
