import { MILLI, divRoundHalfUp, parseFixed } from '../common/decimal.ts';

// ---------------------------------------------------------------------------------------------
// Status lifecycle
// ---------------------------------------------------------------------------------------------

export const POST_STATUSES = [
  'proposed',
  'budgeted',
  'approved',
  'open',
  'filled',
  'frozen',
  'abolished',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/**
 * Legal moves. A post is proposed, put into the budget, approved, advertised (open) and filled;
 * a vacated post opens again; a post can be frozen (not refilled for now) and thawed; abolished
 * is final. A post with a kw flag ("künftig wegfallend") is abolished when vacated, so
 * filled → open is not allowed for it.
 */
const TRANSITIONS: Record<PostStatus, readonly PostStatus[]> = {
  proposed: ['budgeted', 'abolished'],
  budgeted: ['approved', 'proposed', 'abolished'],
  approved: ['open', 'frozen', 'abolished'],
  open: ['filled', 'frozen', 'abolished'],
  filled: ['open', 'frozen', 'abolished'],
  frozen: ['open', 'abolished'],
  abolished: [],
};

export function allowedTransitions(from: PostStatus, opts: { kw?: boolean } = {}): PostStatus[] {
  return TRANSITIONS[from].filter((to) => !(opts.kw && from === 'filled' && to === 'open'));
}

export const canTransition = (from: PostStatus, to: PostStatus, opts: { kw?: boolean } = {}) =>
  allowedTransitions(from, opts).includes(to);

// ---------------------------------------------------------------------------------------------
// FTE and shares (strings in the API, thousandths inside)
// ---------------------------------------------------------------------------------------------

export type FteProblem =
  'fte_format' | 'fte_too_many_decimals' | 'fte_zero' | 'fte_negative' | 'fte_too_large';

/** Why an FTE string is not a valid post size (0 < FTE ≤ 1, at most 3 places), or null. */
export function fteProblem(fte: string): FteProblem | null {
  const r = parseFixed(fte, 3);
  if (!r.ok) return r.problem === 'format' ? 'fte_format' : 'fte_too_many_decimals';
  if (r.value === 0) return 'fte_zero';
  if (r.value < 0) return 'fte_negative';
  if (r.value > MILLI) return 'fte_too_large';
  return null;
}

export interface AllocationInput {
  centreId: number;
  share: string;
}
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * Problems with an allocation: every share a valid decimal in (0, 1] with at most 3 places,
 * no centre twice, and the shares summing to exactly 1 (checked in thousandths).
 */
export function allocationProblems(allocations: readonly AllocationInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (allocations.length === 0) {
    return [
      {
        field: 'allocations',
        code: 'allocation_empty',
        message: 'Allocate to at least one centre',
      },
    ];
  }
  const seen = new Set<number>();
  let sum = 0;
  allocations.forEach((a, i) => {
    if (seen.has(a.centreId)) {
      problems.push({
        field: `allocations.${i}.centreId`,
        code: 'allocation_duplicate_centre',
        message: 'Each centre only once',
      });
    }
    seen.add(a.centreId);
    const p = fteProblem(a.share);
    if (p) {
      problems.push({
        field: `allocations.${i}.share`,
        code: p.replace('fte_', 'share_'),
        message: 'A share is a decimal greater than 0 and at most 1 with up to 3 places',
      });
    } else {
      const r = parseFixed(a.share, 3);
      if (r.ok) sum += r.value;
    }
  });
  if (problems.length === 0 && sum !== MILLI) {
    problems.push({
      field: 'allocations',
      code: 'shares_not_one',
      message: `Shares sum to ${sum / MILLI}, not exactly 1`,
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Budget years
// ---------------------------------------------------------------------------------------------

export function budgetYearsInOrder(from: number, to: number | null | undefined) {
  return to === null || to === undefined || to >= from;
}

// ---------------------------------------------------------------------------------------------
// Assignments: over-assignment and gaps
// ---------------------------------------------------------------------------------------------

export interface AssignmentSpan {
  id: number;
  fromDate: string;
  toDate: string | null;
  /** Staffing in percent of a full-time position (50 = 0.5 FTE). */
  percent: number;
}

export type AssignmentWarning =
  | { kind: 'over_assigned'; from: string; percent: number; fteMilli: number }
  | { kind: 'gap'; from: string; to: string };

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Warnings for a post's assignments: any day on which the assigned staffing exceeds the post's
 * FTE (over-assignment), and any days between the first start and the last end where nobody
 * is assigned (gaps). Open-ended assignments run for ever.
 */
export function assignmentWarnings(
  fteMilli: number,
  spans: readonly AssignmentSpan[],
): AssignmentWarning[] {
  const out: AssignmentWarning[] = [];
  // Over-assignment: check every start date (the load only rises at starts).
  const starts = [...new Set(spans.map((s) => s.fromDate))].sort();
  let lastOver = false;
  for (const day of starts) {
    const load = spans
      .filter((s) => s.fromDate <= day && (s.toDate === null || s.toDate >= day))
      .reduce((n, s) => n + s.percent * 10, 0);
    const over = load > fteMilli;
    if (over && !lastOver)
      out.push({ kind: 'over_assigned', from: day, percent: load / 10, fteMilli });
    lastOver = over;
  }
  // Gaps: walk the spans by start, tracking the furthest covered day.
  const sorted = [...spans].sort((a, b) => a.fromDate.localeCompare(b.fromDate));
  let coveredTo: string | null | undefined;
  for (const s of sorted) {
    if (coveredTo !== undefined && coveredTo !== null) {
      const next = addDays(coveredTo, 1);
      if (s.fromDate > next) out.push({ kind: 'gap', from: next, to: addDays(s.fromDate, -1) });
    }
    if (coveredTo === undefined) coveredTo = s.toDate;
    else if (coveredTo !== null)
      coveredTo = s.toDate === null || s.toDate > coveredTo ? s.toDate : coveredTo;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Need-weighted split (largest remainder) and equal split
// ---------------------------------------------------------------------------------------------

export interface NeedInput<K> {
  key: K;
  /** A non-negative integer, e.g. newcomers in the catchment. */
  need: number;
}

/**
 * Splits `totalMilli` into steps of `stepMilli` proportionally to need with the largest-remainder
 * (Hamilton) method, so the parts add up to the total exactly. Ties go to the larger need, then
 * to the earlier entry. With no need at all, the split is equal. Returns null when the total is
 * not a whole number of steps.
 */
export function needWeightedSplit<K>(
  totalMilli: number,
  stepMilli: number,
  needs: readonly NeedInput<K>[],
): { key: K; milli: number }[] | null {
  if (stepMilli <= 0 || totalMilli < 0 || totalMilli % stepMilli !== 0 || needs.length === 0) {
    return needs.length === 0 && totalMilli === 0 ? [] : null;
  }
  if (needs.some((n) => !Number.isInteger(n.need) || n.need < 0)) return null;
  const units = totalMilli / stepMilli;
  const sumNeed = needs.reduce((s, n) => s + n.need, 0);
  const weights = sumNeed === 0 ? needs.map(() => 1) : needs.map((n) => n.need);
  const den = BigInt(weights.reduce((s, w) => s + w, 0));
  const parts = weights.map((w, index) => {
    const num = BigInt(units) * BigInt(w);
    return { index, floor: Number(num / den), rem: num % den, w };
  });
  let left = units - parts.reduce((s, p) => s + p.floor, 0);
  const order = [...parts].sort((a, b) =>
    a.rem !== b.rem ? (b.rem > a.rem ? 1 : -1) : b.w !== a.w ? b.w - a.w : a.index - b.index,
  );
  for (const p of order) {
    if (left === 0) break;
    p.floor += 1;
    left -= 1;
  }
  return parts.map((p) => ({ key: needs[p.index]!.key, milli: p.floor * stepMilli }));
}

/** The motion's rule: the same share for every centre, rounded to the step the same way. */
export const equalSplit = <K>(totalMilli: number, stepMilli: number, keys: readonly K[]) =>
  needWeightedSplit(
    totalMilli,
    stepMilli,
    keys.map((key) => ({ key, need: 1 })),
  );

// ---------------------------------------------------------------------------------------------
// Cost per budget year
// ---------------------------------------------------------------------------------------------

export interface CostLine {
  fteMilli: number;
  payGroup: string;
  budgetYearFrom: number;
  budgetYearTo: number | null;
  /** Last day of a fixed-term post (inclusive), or null. */
  fixedTermEnd: string | null;
}

export interface CostRate {
  payGroup: string;
  validFrom: string;
  validTo: string | null;
  annualCostEuros: number;
  /** Overhead in basis points: 2000 = 20 %. */
  overheadBp: number;
  cityOwn: boolean;
}

export interface YearCost {
  year: number;
  /** FTE budgeted in the year, weighted by the months the posts run (thousandths). */
  fteMilli: number;
  costEuros: number;
  costWithOverheadEuros: number;
  /** True unless every figure used is the city's own. */
  estimate: boolean;
  /** Pay groups without a valid cost assumption in some month (counted as 0 €). */
  missingPayGroups: string[];
}

/**
 * Personnel cost of a set of posts in one budget year: month by month, each post's FTE ×
 * (annual cost per FTE of the assumption valid for its pay group on the first of the month) / 12,
 * only while the year lies in the post's budget years and before its fixed-term end; overhead is
 * × (1 + rate). Summed exactly in bigint, rounded half up to whole euros once at the end.
 */
export function yearCost(
  lines: readonly CostLine[],
  rates: readonly CostRate[],
  year: number,
): YearCost {
  let base = BigInt(0);
  let withOverhead = BigInt(0);
  let fteMonths = 0;
  let estimate = false;
  const missing = new Set<string>();
  for (const line of lines) {
    if (year < line.budgetYearFrom || (line.budgetYearTo !== null && year > line.budgetYearTo))
      continue;
    for (let month = 1; month <= 12; month++) {
      const first = `${year}-${String(month).padStart(2, '0')}-01`;
      if (line.fixedTermEnd !== null && line.fixedTermEnd < first) continue;
      fteMonths += line.fteMilli;
      const rate = rates.find(
        (r) =>
          r.payGroup === line.payGroup &&
          r.validFrom <= first &&
          (r.validTo === null || r.validTo >= first),
      );
      if (!rate) {
        missing.add(line.payGroup);
        continue;
      }
      if (!rate.cityOwn) estimate = true;
      const b = BigInt(line.fteMilli) * BigInt(rate.annualCostEuros);
      base += b;
      withOverhead += b * BigInt(10_000 + rate.overheadBp);
    }
  }
  if (missing.size > 0) estimate = true;
  return {
    year,
    fteMilli: Math.round(fteMonths / 12),
    costEuros: Number(divRoundHalfUp(base, BigInt(12 * MILLI))),
    costWithOverheadEuros: Number(divRoundHalfUp(withOverhead, BigInt(12 * MILLI * 10_000))),
    estimate,
    missingPayGroups: [...missing].sort(),
  };
}

/** Overhead percent string ("20", "12.5") to basis points, or null when invalid (0–100 %). */
export function overheadToBp(percent: string): number | null {
  const r = parseFixed(percent, 2);
  if (!r.ok || r.value < 0 || r.value > 10_000) return null;
  return r.value;
}
