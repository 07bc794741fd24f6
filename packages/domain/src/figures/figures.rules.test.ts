import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  apportion,
  fteText,
  isMixedEncounter,
  largestRemainder,
  needSplit,
  normalisePayGroup,
  reEngagementVerified,
} from './figures.rules.ts';

describe('largest remainder', () => {
  it('rounds a third each so the parts add up to one', () => {
    expect(largestRemainder([1 / 3, 1 / 3, 1 / 3], 2)).toEqual([0.34, 0.33, 0.33]);
  });
  it('keeps exact values exact', () => {
    expect(largestRemainder([0.75, 0.75, 0.75, 0.75], 2)).toEqual([0.75, 0.75, 0.75, 0.75]);
    expect(largestRemainder([0.1, 0.2], 1)).toEqual([0.1, 0.2]);
  });
  it('never shows 0.8 four times beside a total of 3 (one decimal)', () => {
    const parts = largestRemainder([0.75, 0.75, 0.75, 0.75], 1);
    expect(parts.reduce((s, p) => s + p, 0)).toBeCloseTo(3, 10);
    expect(parts.filter((p) => p === 0.8)).toHaveLength(2);
  });
  it('gives the extra unit to the largest remainder, ties to the earlier entry', () => {
    expect(apportion([150, 250, 600], 1000)).toEqual([0, 0, 1]);
    expect(apportion([500, 500], 1000)).toEqual([1, 0]);
    expect(apportion([], 7)).toEqual([]);
  });
  it('rejects negative or fractional input instead of guessing', () => {
    expect(() => apportion([-1], 10)).toThrow();
    expect(() => apportion([1.5], 10)).toThrow();
    expect(() => apportion([1], 0)).toThrow();
  });
  it('property: parts add up to the rounded sum and each lies within one unit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 10_000 }),
        (nums, den) => {
          const parts = apportion(nums, den);
          const sum = nums.reduce((s, n) => s + n, 0);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(Math.floor((2 * sum + den) / (2 * den)));
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(Math.floor(nums[i]! / den));
            expect(p).toBeLessThanOrEqual(Math.floor(nums[i]! / den) + 1);
          });
        },
      ),
    );
  });
});

describe('fteText', () => {
  it('shows the precision FTE have', () => {
    expect(fteText('0.75')).toBe('0,75');
    expect(fteText('0.5')).toBe('0,50');
    expect(fteText('0.125')).toBe('0,125');
    expect(fteText('3')).toBe('3,00');
    expect(fteText(750)).toBe('0,75');
    expect(fteText('1234.5', 'de')).toBe('1.234,50');
    expect(fteText('0.75', 'en')).toBe('0.75');
    expect(fteText('0.333333')).toBe('0,333');
  });
});

describe('pay groups', () => {
  it('normalises spellings onto the catalogue', () => {
    expect(normalisePayGroup('S11b')).toBe('S 11b');
    expect(normalisePayGroup('s 11 B')).toBe('S 11b');
    expect(normalisePayGroup('SuE S 12')).toBe('S 12');
    expect(normalisePayGroup('  S  12 ')).toBe('S 12');
    expect(normalisePayGroup('S 08a')).toBe('S 8a');
  });
  it('rejects what is not in the catalogue', () => {
    expect(normalisePayGroup('S 10')).toBeNull();
    expect(normalisePayGroup('E 9')).toBeNull();
    expect(normalisePayGroup('S 11c')).toBeNull();
    expect(normalisePayGroup('')).toBeNull();
  });
});

describe('needSplit', () => {
  const c = (key: string, need: number | null, active = true) => ({ key, need, active });
  it('splits 2.0 FTE by need so the parts add up exactly', () => {
    const r = needSplit(2000, 250, [c('GRO', 120), c('WEST', 90), c('LEI', 50), c('HOB', 60)])!;
    const byNeed = r.parts.map((p) => p.byNeedMilli!);
    expect(byNeed.reduce((s, m) => s + m, 0)).toBe(2000);
    expect(byNeed).toEqual([750, 500, 250, 500]);
    expect(r.parts.map((p) => p.equalMilli)).toEqual([500, 500, 500, 500]);
  });
  it('a centre without data or an inactive centre changes nobody else', () => {
    const base = needSplit(2000, 250, [c('A', 30), c('B', 10)])!;
    const more = needSplit(2000, 250, [
      c('A', 30),
      c('B', 10),
      c('NEW', null),
      c('OLD', 99, false),
    ])!;
    expect(more.parts.slice(0, 2)).toEqual(base.parts);
    expect(more.parts[2]).toEqual({ key: 'NEW', byNeedMilli: null, equalMilli: null });
    expect(more.parts[3]).toEqual({ key: 'OLD', byNeedMilli: null, equalMilli: null });
  });
  it('all needs zero: no need split, equal split still given', () => {
    const r = needSplit(1000, 250, [c('A', 0), c('B', 0)])!;
    expect(r.byNeedPossible).toBe(false);
    expect(r.parts.map((p) => p.byNeedMilli)).toEqual([null, null]);
    expect(r.parts.map((p) => p.equalMilli)).toEqual([500, 500]);
  });
  it('refuses a total that is not a whole number of steps', () => {
    expect(needSplit(1100, 250, [c('A', 1)])).toBeNull();
    expect(needSplit(1000, 0, [c('A', 1)])).toBeNull();
  });
  it('property: by-need and equal parts each add up to the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 40 }),
        (needs, units) => {
          const r = needSplit(
            units * 250,
            250,
            needs.map((n, i) => c(String(i), n)),
          )!;
          const withData = needs.filter((n) => n !== null);
          const sum = (xs: (number | null)[]) => xs.reduce<number>((s, m) => s + (m ?? 0), 0);
          if (withData.length > 0) expect(sum(r.parts.map((p) => p.equalMilli))).toBe(units * 250);
          if (withData.some((n) => n! > 0))
            expect(sum(r.parts.map((p) => p.byNeedMilli))).toBe(units * 250);
        },
      ),
    );
  });
});

describe('definitions', () => {
  it('mixed needs a newcomer and a host-society resident', () => {
    expect(isMixedEncounter({ namedAttendees: 0, newcomers: 0, host: 5 })).toBe(false);
    expect(isMixedEncounter({ namedAttendees: 1, newcomers: 0, host: 1 })).toBe(true);
    expect(isMixedEncounter({ namedAttendees: 0, newcomers: 2, host: 1 })).toBe(true);
    expect(isMixedEncounter({ namedAttendees: 3, newcomers: 2, host: 0 })).toBe(false);
  });
  it('re-engaged only when seen again within the weeks after closing', () => {
    const task = { outcome: 're_engaged', openedOn: '2026-01-10', closedOn: '2026-02-01' };
    expect(reEngagementVerified(task, ['2026-03-29'], 8)).toBe(true);
    expect(reEngagementVerified(task, ['2026-03-30'], 8)).toBe(false);
    expect(reEngagementVerified(task, ['2026-01-09'], 8)).toBe(false);
    expect(reEngagementVerified(task, [], 8)).toBe(false);
    expect(reEngagementVerified({ ...task, outcome: 'reached' }, ['2026-01-20'], 8)).toBe(false);
  });
});
