import { describe, expect, it } from 'vitest';
import { matrixCells, matrixRowVisible, maxWeightedTotal, weightedTotal } from './score-matrix.ts';

const criteria = [
  { id: 1, weight: 5 },
  { id: 2, weight: 2 },
  { id: 3, weight: 0 },
];

describe('score matrix', () => {
  it('averages each criterion over the cards and weights the total', () => {
    const cells = matrixCells(criteria, [
      {
        ratings: [
          { criterionId: 1, score: 4 },
          { criterionId: 2, score: 3 },
          { criterionId: 3, score: 1 },
        ],
      },
      {
        ratings: [
          { criterionId: 1, score: 5 },
          { criterionId: 2, score: 2 },
          { criterionId: 3, score: 5 },
        ],
      },
      {
        ratings: [
          { criterionId: 1, score: 2 },
          { criterionId: 2, score: 2 },
        ],
      },
    ]);
    expect(cells).toEqual([
      { criterionId: 1, mean: 3.67, count: 3 },
      { criterionId: 2, mean: 2.33, count: 3 },
      { criterionId: 3, mean: 3, count: 2 },
    ]);
    // 5 × 3.67 + 2 × 2.33; weight 0 adds nothing.
    expect(weightedTotal(criteria, cells)).toBe(23.01);
    expect(maxWeightedTotal(criteria)).toBe(35);
  });

  it('has no total while a weighted criterion is unscored, and none without cards', () => {
    const partly = matrixCells(criteria, [{ ratings: [{ criterionId: 1, score: 4 }] }]);
    expect(weightedTotal(criteria, partly)).toBeNull();
    const none = matrixCells(criteria, []);
    expect(none.every((c) => c.mean === null && c.count === 0)).toBe(true);
    expect(weightedTotal(criteria, none)).toBeNull();
  });

  it('shows a panel member the scores only after their own card is in', () => {
    expect(matrixRowVisible({ isAdmin: false, ownSubmitted: false })).toBe(false);
    expect(matrixRowVisible({ isAdmin: false, ownSubmitted: true })).toBe(true);
    expect(matrixRowVisible({ isAdmin: true, ownSubmitted: false })).toBe(true);
  });
});
