import { addDays, addMonths } from '../encounters/encounter.rules.ts';

export const MAX_PERIOD_YEARS = 5;
/** Days before the period's end over which mixed encounters per newcomer are counted. */
export const MIXED_WINDOW_DAYS = 90;
/** Buckets of "mixed encounters in the last 90 days" per newcomer. */
export const MIXED_BUCKETS = ['0', '1-2', '3-5', '6-10', '11+'] as const;
export type MixedBucket = (typeof MIXED_BUCKETS)[number];

export function mixedBucket(n: number): MixedBucket {
  if (n <= 0) return '0';
  if (n <= 2) return '1-2';
  if (n <= 5) return '3-5';
  if (n <= 10) return '6-10';
  return '11+';
}

export type PeriodProblem = 'PERIOD_INVALID' | 'PERIOD_TOO_LONG';

/** End before start is invalid; more than five years is too long to be one report. */
export function periodProblem(from: string, to: string): PeriodProblem | null {
  // Calendar dates with four-digit years only (date arithmetic past 9999 leaves that format).
  if (!DATE_RE.test(from) || !DATE_RE.test(to) || to < from) return 'PERIOD_INVALID';
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const months = ty * 12 + tm - (fy * 12 + fm);
  const limit = MAX_PERIOD_YEARS * 12;
  if (months > limit || (months === limit && td >= fd)) return 'PERIOD_TOO_LONG';
  return null;
}
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Default period: the twelve months up to and including today. */
export const defaultPeriod = (today: string) => ({
  from: addDays(addMonths(today, -12), 1),
  to: today,
});

/** First and last day of the quarter containing `date` (Q1 = Jan–Mar). */
export function quarterOf(date: string) {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3);
  const from = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(addMonths(from, 3), -1), label: `Q${q + 1} ${y}` };
}

/** The last completed quarter before `today`. */
export const previousQuarter = (today: string) => quarterOf(addDays(quarterOf(today).from, -1));

/** Months (YYYY-MM) a period touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const n = Math.max(0, Math.min(ty * 12 + tm - (fy * 12 + fm) + 1, MAX_PERIOD_YEARS * 12 + 1));
  return Array.from({ length: n }, (_, i) => {
    const k = fy * 12 + (fm - 1) + i;
    return `${String(Math.floor(k / 12)).padStart(4, '0')}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
