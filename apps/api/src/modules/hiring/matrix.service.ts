import {
  INVITED_STATUSES,
  matrixCells,
  matrixRowVisible,
  maxWeightedTotal,
  weightedTotal,
  type ScoreMatrix,
  type ScorecardStage,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { audit } from '../audit/audit.service.ts';
import { requirePart } from './access.ts';
import * as repo from './hiring.repository.ts';
import { recordPeeks } from './scorecards.service.ts';
import { currentCriteriaSet } from './vacancies.service.ts';

/** A read of the panel's cards, audited under the cards' own entity type. */
const ENTITY = 'scorecard';

/**
 * The candidate × criterion matrix of one procedure for HR and its panel. A panel member sees
 * a candidate's scores only after submitting their own card for that candidate and stage, and
 * seeing them counts as having seen the colleagues' cards (a later revision is flagged).
 * Oversight and everyone else: an audited 403/404 like the other hiring routes.
 */
export async function scoreMatrix(
  ctx: ServiceContext,
  vacancyId: number,
  stage: ScorecardStage = 'first_interview',
): Promise<ScoreMatrix> {
  const { role } = await requirePart(ctx, vacancyId, ENTITY, 'admin', 'panel');
  const isAdmin = role === 'admin';
  const set = await currentCriteriaSet(ctx, vacancyId);
  const criteria = set.criteria.map((c) => ({
    id: c.id,
    label: c.label,
    kind: c.kind,
    weight: c.weight,
  }));
  const all = (await repo.scorecardsOfVacancy(ctx.db, vacancyId)).filter(
    (c) => c.card.stage === stage,
  );
  const submitted = all.filter((c) => c.card.submittedAt && !c.card.supersededAt);
  const shown: typeof all = [];
  const rows = (await repo.applicationsOf(ctx.db, vacancyId))
    .filter((a) => !a.purgedAt)
    .filter(
      (a) =>
        INVITED_STATUSES.includes(a.status) || submitted.some((c) => c.card.applicationId === a.id),
    )
    .map((a) => {
      const cards = submitted.filter((c) => c.card.applicationId === a.id);
      const ownSubmitted = cards.some((c) => c.card.memberId === ctx.actor.userId);
      const visible = matrixRowVisible({ isAdmin, ownSubmitted });
      if (visible) shown.push(...cards);
      const cells = visible
        ? matrixCells(
            criteria,
            cards.map((c) => c.card),
          )
        : [];
      return {
        applicationId: a.id,
        displayName: `${a.firstName} ${a.lastName}`.trim(),
        status: a.status,
        visible,
        cardCount: cards.length,
        ownSubmitted,
        cells,
        weightedTotal: visible ? weightedTotal(criteria, cells) : null,
        lateCards: visible
          ? all.filter(
              (c) => c.card.applicationId === a.id && c.card.submittedAt && c.card.seenOthersAt,
            ).length
          : 0,
      };
    });
  await recordPeeks(ctx, shown);
  await audit(ctx, {
    action: 'read',
    entityType: ENTITY,
    entityId: null,
    reason: `score matrix of vacancy ${vacancyId} (${stage}): ${rows.filter((r) => r.visible).length} of ${rows.length} candidates shown`,
  });
  return {
    vacancyId,
    stage,
    criteriaVersion: set.version,
    criteria,
    maxTotal: maxWeightedTotal(criteria),
    rows,
  };
}
