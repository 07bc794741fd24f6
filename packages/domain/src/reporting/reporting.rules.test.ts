import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  defaultPeriod,
  mixedBucket,
  monthsOf,
  periodProblem,
  previousQuarter,
  quarterOf,
} from './reporting.rules.ts';

describe('periodProblem', () => {
  it('accepts one day and exactly five years', () => {
    expect(periodProblem('2024-01-01', '2024-01-01')).toBeNull();
    expect(periodProblem('2020-01-01', '2024-12-31')).toBeNull();
  });
  it('rejects an end before the start', () => {
    expect(periodProblem('2024-02-01', '2024-01-31')).toBe('PERIOD_INVALID');
  });
  it('rejects more than five years', () => {
    expect(periodProblem('2020-01-01', '2025-01-01')).toBe('PERIOD_TOO_LONG');
    expect(periodProblem('2020-01-31', '2025-01-30')).toBeNull();
    expect(periodProblem('2020-01-31', '2025-01-31')).toBe('PERIOD_TOO_LONG');
  });
  it('rejects dates outside four-digit years', () => {
    expect(periodProblem('9999-06-01', '+010000-05-31')).toBe('PERIOD_INVALID');
  });
});

describe('periods and buckets', () => {
  it('finds quarters', () => {
    expect(quarterOf('2026-05-17')).toEqual({
      from: '2026-04-01',
      to: '2026-06-30',
      label: 'Q2 2026',
    });
    expect(previousQuarter('2026-01-10')).toEqual({
      from: '2025-10-01',
      to: '2025-12-31',
      label: 'Q4 2025',
    });
  });
  it('defaults to the last twelve months', () => {
    expect(defaultPeriod('2026-12-01')).toEqual({ from: '2025-12-02', to: '2026-12-01' });
  });
  it('lists months and days', () => {
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(monthsOf('9999-11-01', '9999-12-31')).toEqual(['9999-11', '9999-12']);
    expect(monthsOf('2026-01-01', '2025-01-01')).toEqual([]);
  });
  it('buckets mixed encounters', () => {
    expect([0, 1, 2, 3, 5, 6, 10, 11].map(mixedBucket)).toEqual([
      '0',
      '1-2',
      '1-2',
      '3-5',
      '3-5',
      '6-10',
      '6-10',
      '11+',
    ]);
  });
});
