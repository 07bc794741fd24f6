import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  POST_STATUSES,
  allocationProblems,
  allowedTransitions,
  assignmentWarnings,
  canTransition,
  equalSplit,
  fteProblem,
  needWeightedSplit,
  overheadToBp,
  yearCost,
  type CostRate,
} from './post.rules.ts';

describe('post lifecycle', () => {
  it('walks the happy path proposed → … → filled', () => {
    const path = ['proposed', 'budgeted', 'approved', 'open', 'filled'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });
  it('refuses skipping steps and leaving abolished', () => {
    expect(canTransition('proposed', 'filled')).toBe(false);
    expect(canTransition('proposed', 'open')).toBe(false);
    expect(canTransition('budgeted', 'filled')).toBe(false);
    for (const to of POST_STATUSES) expect(canTransition('abolished', to)).toBe(false);
  });
  it('never allows staying in the same status', () => {
    for (const s of POST_STATUSES) expect(allowedTransitions(s)).not.toContain(s);
  });
  it('a kw post is abolished, not reopened, when vacated', () => {
    expect(canTransition('filled', 'open')).toBe(true);
    expect(canTransition('filled', 'open', { kw: true })).toBe(false);
    expect(canTransition('filled', 'abolished', { kw: true })).toBe(true);
  });
  it('every status can reach abolished except abolished itself', () => {
    for (const s of POST_STATUSES.filter((x) => x !== 'abolished'))
      expect(allowedTransitions(s)).toContain('abolished');
  });
});

describe('FTE', () => {
  it.each([
    ['0.5', null],
    ['1', null],
    ['1.000', null],
    ['0.001', null],
    ['0', 'fte_zero'],
    ['0.000', 'fte_zero'],
    ['-0.5', 'fte_negative'],
    ['1.001', 'fte_too_large'],
    ['2', 'fte_too_large'],
    ['0.1234', 'fte_too_many_decimals'],
    ['abc', 'fte_format'],
    ['0,5', 'fte_format'],
  ])('%s → %s', (fte, problem) => expect(fteProblem(fte)).toBe(problem));
});

describe('allocation', () => {
  it('accepts shares summing to exactly 1, including 0.1 + 0.2 + 0.7', () => {
    expect(
      allocationProblems([
        { centreId: 1, share: '0.1' },
        { centreId: 2, share: '0.2' },
        { centreId: 3, share: '0.7' },
      ]),
    ).toEqual([]);
    expect(
      allocationProblems([1, 2, 3, 4].map((centreId) => ({ centreId, share: '0.25' }))),
    ).toEqual([]);
  });
  it('refuses sums other than 1', () => {
    expect(
      allocationProblems([
        { centreId: 1, share: '0.5' },
        { centreId: 2, share: '0.499' },
      ]).map((p) => p.code),
    ).toEqual(['shares_not_one']);
  });
  it('refuses bad shares, duplicates and empty allocations', () => {
    expect(allocationProblems([]).map((p) => p.code)).toEqual(['allocation_empty']);
    expect(
      allocationProblems([
        { centreId: 1, share: '0' },
        { centreId: 1, share: '1.5' },
      ]).map((p) => p.code),
    ).toEqual(['share_zero', 'allocation_duplicate_centre', 'share_too_large']);
  });
  it('any split of 1000 thousandths into positive parts passes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 8 }),
        (cuts) => {
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          const bounds = [0, ...points, 1000];
          const allocs = bounds.slice(1).map((b, i) => ({
            centreId: i + 1,
            share: String((b - bounds[i]!) / 1000),
          }));
          expect(allocationProblems(allocs)).toEqual([]);
        },
      ),
    );
  });
});

describe('need-weighted split (largest remainder)', () => {
  it('splits 2.0 FTE by need in 0.25 steps', () => {
    const split = needWeightedSplit(2000, 250, [
      { key: 'GRO', need: 120 },
      { key: 'WEST', need: 90 },
      { key: 'LEI', need: 50 },
      { key: 'HOB', need: 60 },
    ]);
    expect(split).toEqual([
      { key: 'GRO', milli: 750 },
      { key: 'WEST', milli: 500 },
      { key: 'LEI', milli: 250 },
      { key: 'HOB', milli: 500 },
    ]);
  });
  it('the equal split gives 0.5 to each of four centres', () => {
    expect(equalSplit(2000, 250, ['a', 'b', 'c', 'd'])?.map((p) => p.milli)).toEqual([
      500, 500, 500, 500,
    ]);
  });
  it('refuses totals that are not whole steps, and negative needs', () => {
    expect(needWeightedSplit(1000, 300, [{ key: 1, need: 1 }])).toBeNull();
    expect(needWeightedSplit(1000, 250, [{ key: 1, need: -1 }])).toBeNull();
  });
  it('with no need at all the split is equal', () => {
    expect(
      needWeightedSplit(1000, 250, [
        { key: 1, need: 0 },
        { key: 2, need: 0 },
      ])?.map((p) => p.milli),
    ).toEqual([500, 500]);
  });

  const arb = fc.record({
    units: fc.integer({ min: 0, max: 40 }),
    step: fc.constantFrom(1, 10, 50, 100, 125, 250, 500),
    needs: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 8 }),
  });

  it('preserves the total exactly, in whole steps, with no negative share (property)', () => {
    fc.assert(
      fc.property(arb, ({ units, step, needs }) => {
        const split = needWeightedSplit(
          units * step,
          step,
          needs.map((need, key) => ({ key, need })),
        )!;
        expect(split.reduce((s, p) => s + p.milli, 0)).toBe(units * step);
        for (const p of split) {
          expect(p.milli).toBeGreaterThanOrEqual(0);
          expect(p.milli % step).toBe(0);
        }
      }),
    );
  });

  it('is monotone in need: raising one centre’s need never lowers its share (property)', () => {
    fc.assert(
      fc.property(arb, fc.nat(), fc.integer({ min: 1, max: 5000 }), (input, pick, extra) => {
        const { units, step, needs } = input;
        const i = pick % needs.length;
        const before = needWeightedSplit(
          units * step,
          step,
          needs.map((need, key) => ({ key, need })),
        )!;
        const raised = needs.map((n, k) => (k === i ? n + extra : n));
        const after = needWeightedSplit(
          units * step,
          step,
          raised.map((need, key) => ({ key, need })),
        )!;
        expect(after[i]!.milli).toBeGreaterThanOrEqual(before[i]!.milli);
      }),
    );
  });

  it('each share is within one step of its exact quota (property)', () => {
    fc.assert(
      fc.property(arb, ({ units, step, needs }) => {
        const sum = needs.reduce((a, b) => a + b, 0);
        fc.pre(sum > 0);
        const split = needWeightedSplit(
          units * step,
          step,
          needs.map((need, key) => ({ key, need })),
        )!;
        split.forEach((p, k) => {
          const quota = (units * step * needs[k]!) / sum;
          expect(Math.abs(p.milli - quota)).toBeLessThan(step + 1e-9);
        });
      }),
    );
  });
});

describe('assignment warnings', () => {
  it('warns when concurrent assignments exceed the post FTE', () => {
    expect(
      assignmentWarnings(500, [
        { id: 1, fromDate: '2024-01-01', toDate: null, percent: 50 },
        { id: 2, fromDate: '2024-03-01', toDate: '2024-04-30', percent: 20 },
      ]),
    ).toEqual([{ kind: 'over_assigned', from: '2024-03-01', percent: 70, fteMilli: 500 }]);
  });
  it('reports gaps between assignments', () => {
    expect(
      assignmentWarnings(1000, [
        { id: 1, fromDate: '2024-01-01', toDate: '2024-03-31', percent: 100 },
        { id: 2, fromDate: '2024-05-01', toDate: null, percent: 100 },
      ]),
    ).toEqual([{ kind: 'gap', from: '2024-04-01', to: '2024-04-30' }]);
  });
  it('no warnings for one assignment at the post size', () => {
    expect(
      assignmentWarnings(500, [{ id: 1, fromDate: '2024-01-01', toDate: null, percent: 50 }]),
    ).toEqual([]);
  });
});

describe('cost per budget year', () => {
  const rate: CostRate = {
    payGroup: 'S 11b',
    validFrom: '2019-01-01',
    validTo: null,
    annualCostEuros: 72_000,
    overheadBp: 2000,
    cityOwn: false,
  };
  const line = {
    fteMilli: 500,
    payGroup: 'S 11b',
    budgetYearFrom: 2019,
    budgetYearTo: null,
    fixedTermEnd: null,
  };

  it('FTE × annual cost, overhead × 1.2, marked as estimate', () => {
    expect(yearCost([line], [rate], 2020)).toEqual({
      year: 2020,
      fteMilli: 500,
      costEuros: 36_000,
      costWithOverheadEuros: 43_200,
      estimate: true,
      missingPayGroups: [],
    });
  });
  it('prorates by months when the fixed term ends in the year', () => {
    const r = yearCost([{ ...line, fixedTermEnd: '2020-06-30' }], [rate], 2020);
    expect(r.costEuros).toBe(18_000);
    expect(yearCost([{ ...line, fixedTermEnd: '2020-06-30' }], [rate], 2021).costEuros).toBe(0);
  });
  it('respects budget years and validity periods; city figures are not estimates', () => {
    expect(yearCost([line], [rate], 2018).costEuros).toBe(0);
    const rates: CostRate[] = [
      { ...rate, validTo: '2020-06-30' },
      { ...rate, validFrom: '2020-07-01', annualCostEuros: 84_000, cityOwn: true },
    ];
    const r = yearCost([line], rates, 2020);
    expect(r.costEuros).toBe(39_000);
    expect(r.estimate).toBe(true);
    expect(yearCost([line], rates, 2021)).toMatchObject({ costEuros: 42_000, estimate: false });
  });
  it('reports pay groups without a cost assumption', () => {
    expect(yearCost([{ ...line, payGroup: 'S 12' }], [rate], 2020)).toMatchObject({
      costEuros: 0,
      missingPayGroups: ['S 12'],
      estimate: true,
    });
  });
  it('overhead percent strings', () => {
    expect(overheadToBp('20')).toBe(2000);
    expect(overheadToBp('12.5')).toBe(1250);
    expect(overheadToBp('101')).toBeNull();
    expect(overheadToBp('-1')).toBeNull();
  });
});
