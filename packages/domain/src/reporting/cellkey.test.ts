import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CKM_MAX_DEVIATION,
  CKM_VARIANCE,
  KEY_SPACE,
  PTABLE,
  addCells,
  anonymousUnitKeySum,
  buildPtable,
  cellText,
  noiseFor,
  perturb,
  publishCount,
  publishTable,
  shownShare,
  type CountCell,
} from './cellkey.ts';

const keys = fc.array(fc.integer({ min: 0, max: KEY_SPACE - 1 }), { minLength: 0, maxLength: 40 });
const cellOf = (ks: number[]): CountCell => ({
  n: ks.length,
  key: ks.reduce((s, k) => (s + k) % KEY_SPACE, 0),
});

describe('perturbation table', () => {
  it('every row is a distribution on [-D, D] that never goes below 0', () => {
    for (const row of PTABLE) {
      const total = row.p.reduce((s, x) => s + x, 0);
      expect(total).toBeCloseTo(1, 9);
      for (const v of row.noise) {
        expect(Math.abs(v)).toBeLessThanOrEqual(CKM_MAX_DEVIATION);
        expect(row.i + v).toBeGreaterThanOrEqual(0);
      }
      expect(row.upper[row.upper.length - 1]).toBe(1);
    }
    expect(PTABLE[0]!.noise).toEqual([0]);
  });

  it('is unbiased with the documented variance (and uses the full range for large counts)', () => {
    for (const row of PTABLE.slice(1)) {
      const mean = row.p.reduce((s, x, j) => s + x * row.noise[j]!, 0);
      const variance = row.p.reduce((s, x, j) => s + x * row.noise[j]! ** 2, 0);
      expect(Math.abs(mean)).toBeLessThan(1e-6);
      expect(variance).toBeCloseTo(CKM_VARIANCE, 4);
    }
    const last = PTABLE[PTABLE.length - 1]!;
    expect(last.noise).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    // Symmetric for large counts; the extremes are rare (this is what the attacker test needs).
    expect(last.p[0]).toBeCloseTo(last.p[8]!, 9);
    expect(last.p[0]).toBeLessThan(0.01);
  });

  it('a uniform cell key reproduces the row probabilities', () => {
    const row = PTABLE[PTABLE.length - 1]!;
    const hits = new Map<number, number>();
    const N = 100_000;
    for (let s = 0; s < N; s++) {
      const v = noiseFor(40, (s + 0.5) / N);
      hits.set(v, (hits.get(v) ?? 0) + 1);
    }
    row.noise.forEach((v, j) => expect((hits.get(v) ?? 0) / N).toBeCloseTo(row.p[j]!, 3));
  });

  it('refuses parameters it cannot honour', () => {
    expect(() => buildPtable(0, 1)).toThrow();
    expect(() => buildPtable(2, 2)).toThrow();
  });
});

describe('publishCount', () => {
  it('a true zero stays 0; a perturbed count below 5 reads "< 5"', () => {
    expect(publishCount({ n: 0, key: 12345 })).toBe(0);
    for (let k = 0; k < 1000; k++) {
      const c = { n: 2, key: k * 4294967 };
      expect(publishCount(c)).toSatisfy((v) => v === 'suppressed' || (v as number) >= 5);
    }
    expect(cellText('suppressed')).toBe('< 5');
  });

  it('property: the published count is within D of the truth, never below 0, and 0 only for 0', () => {
    fc.assert(
      fc.property(keys, (ks) => {
        const c = cellOf(ks);
        const v = perturb(c);
        expect(Math.abs(v - c.n)).toBeLessThanOrEqual(CKM_MAX_DEVIATION);
        expect(v).toBeGreaterThanOrEqual(0);
        const shown = publishCount(c);
        if (c.n === 0) expect(shown).toBe(0);
        else expect(shown === 'suppressed' || shown >= 5).toBe(true);
      }),
    );
  });

  it('property: the same set of units gives the same number, in any order and grouping', () => {
    fc.assert(
      fc.property(keys, fc.integer({ min: 0, max: 40 }), (ks, cut) => {
        const a = cellOf(ks);
        const shuffled = [...ks].reverse();
        const b = addCells(cellOf(shuffled.slice(0, cut)), cellOf(shuffled.slice(cut)));
        expect(b).toEqual(a);
        expect(publishCount(b)).toEqual(publishCount(a));
      }),
    );
  });

  it('adding one unit changes the noise independently (the difference is not the person)', () => {
    // Over many random sets of 30, adding one more unit leaves the published difference at
    // exactly 1 only about as often as two independent draws agree, not always.
    let exactlyOne = 0;
    const N = 2000;
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let s = 0; s < N; s++) {
      const ks = Array.from({ length: 30 }, () => Math.floor(rnd() * KEY_SPACE));
      const before = perturb(cellOf(ks));
      const after = perturb(cellOf([...ks, Math.floor(rnd() * KEY_SPACE)]));
      if (after - before === 1) exactlyOne++;
    }
    expect(exactlyOne / N).toBeLessThan(0.45);
    expect(exactlyOne / N).toBeGreaterThan(0.1);
  });

  it('anonymous unit keys: the closed form equals the sum of the per-unit keys', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: KEY_SPACE - 1 }),
        fc.integer({ min: 0, max: 500 }),
        (k, n) => {
          let s = 0n;
          for (let j = 0; j < n; j++) s += (BigInt(k) + BigInt(j) * 2654435769n) % 2n ** 32n;
          expect(anonymousUnitKeySum(k, n)).toBe(Number(s % 2n ** 32n));
        },
      ),
    );
  });
});

describe('publishTable', () => {
  it('perturbs totals from their own units: the union of the cells', () => {
    const cells = [
      [
        { n: 3, key: 10 },
        { n: 40, key: 2_000_000_000 },
      ],
      [
        { n: 0, key: 0 },
        { n: 7, key: 3_000_000_000 },
      ],
    ];
    const t = publishTable(cells);
    expect(t.cells[1]![0]).toBe(0);
    expect(t.rowTotals[0]).toEqual(publishCount(addCells(cells[0]![0]!, cells[0]![1]!)));
    expect(t.colTotals[1]).toEqual(publishCount(addCells(cells[0]![1]!, cells[1]![1]!)));
    expect(t.total).toEqual(publishCount(addCells(...cells.flat())));
    expect(() => publishTable([[{ n: 1, key: 1 }], []])).toThrow();
    expect(() => publishCount({ n: -1, key: 0 })).toThrow();
  });
});

describe('shownShare', () => {
  it('is the share of two published counts, to one decimal', () => {
    expect(shownShare(6, 8)).toBe(75);
    expect(shownShare(1, 3)).toBe(33.3);
    expect(shownShare(7, 7)).toBe(100);
  });

  it('is not shown when a count is hidden, the whole is 0, or noise made the part exceed its whole', () => {
    expect(shownShare('suppressed', 9)).toBeNull();
    expect(shownShare(6, 'suppressed')).toBeNull();
    expect(shownShare(0, 0)).toBeNull();
    // Re-engaged 6 of 5 closed, as the perturbed cells of a small centre once published.
    expect(shownShare(6, 5)).toBeNull();
  });
});
