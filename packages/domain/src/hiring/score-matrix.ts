import { SCORE_MAX } from './hiring.rules.ts';

/**
 * The candidate × criterion matrix: per criterion the panel's mean score over the submitted,
 * current cards, and a weighted total Σ weight × mean. Pure, so the API and tests share it.
 */
export interface MatrixCriterion {
  id: number;
  weight: number;
}
export interface MatrixCard {
  ratings: readonly { criterionId: number; score: number }[];
}
export interface MatrixCell {
  criterionId: number;
  mean: number | null;
  count: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function matrixCells(
  criteria: readonly MatrixCriterion[],
  cards: readonly MatrixCard[],
): MatrixCell[] {
  return criteria.map((c) => {
    const scores = cards.flatMap((card) =>
      card.ratings.filter((r) => r.criterionId === c.id).map((r) => r.score),
    );
    return {
      criterionId: c.id,
      mean: scores.length ? round2(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
      count: scores.length,
    };
  });
}

/**
 * Σ weight × mean over the criteria; null while a weighted criterion has no score yet (a total
 * over part of the profile would rank candidates on different scales).
 */
export function weightedTotal(
  criteria: readonly MatrixCriterion[],
  cells: readonly MatrixCell[],
): number | null {
  let total = 0;
  for (const c of criteria) {
    if (c.weight === 0) continue;
    const mean = cells.find((x) => x.criterionId === c.id)?.mean ?? null;
    if (mean === null) return null;
    total += c.weight * mean;
  }
  return round2(total);
}

/** The highest possible weighted total (every criterion at the top of the scale). */
export const maxWeightedTotal = (criteria: readonly MatrixCriterion[]) =>
  criteria.reduce((sum, c) => sum + c.weight * SCORE_MAX, 0);

/**
 * Whether the viewer may see the panel's scores for a candidate: HR always (submitted cards
 * only), a panel member only after submitting their own card for that candidate and stage
 * (the same rule as for single cards, so the matrix never leaks a colleague's score early).
 */
export const matrixRowVisible = (viewer: { isAdmin: boolean; ownSubmitted: boolean }) =>
  viewer.isAdmin || viewer.ownSubmitted;
