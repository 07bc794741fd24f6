/**
 * Disclosure control for every published count of people: the cell key method (Thompson,
 * Broadfoot and Elazar 2013 for the ABS; Giessing and Tent 2019 for Destatis and the 2022
 * census; the sdcTools R packages `cellKey` and `ptable`), followed by the brief's threshold
 * rule (privacy rule 3, docs/privacy-rules.md: a count below 5 is shown as "< 5").
 *
 * - Every counted unit carries a fixed random record key, an integer in [0, 2^32) stored with
 *   it and never shown (participants.record_key; for anonymous headcounts the units of an
 *   encounter derive their keys from encounters.record_key, see `anonymousUnitKeySum`).
 * - A cell is its true count and the sum of its contributors' keys modulo 2^32; the cell key
 *   is that sum ÷ 2^32, i.e. the fractional part of the sum of keys in [0, 1). Integer sums
 *   are exact and do not depend on order, so the same set of units always gives the same key.
 * - The perturbation table (`PTABLE`) maps (true count, cell key) to the noise added. It is
 *   built like `ptable::create_ptable` with the maximum entropy method: for each true count i
 *   the noise v lies in [-D, D] with i + v ≥ 0, has mean 0 and variance V.
 * - A true 0 is never perturbed (published 0). A perturbed count below 5 is published as
 *   "< 5" (so a published "< 5" means at least one unit). Totals are cells of their own,
 *   perturbed from their own key: they need not equal the sum of the published cells.
 */

/** Maximum deviation: the published count never differs from the true one by more than D. */
export const CKM_MAX_DEVIATION = 4;
/** Variance of the noise for counts ≥ D (mean 0). */
export const CKM_VARIANCE = 1.5;
/** ptable's js: perturbed values 1..js are not produced (0 here; the threshold hides < 5). */
export const CKM_JS = 0;
/** Threshold rule: perturbed counts below this are shown as "< 5". */
export const SUPPRESSION_K = 5;
/** Record keys are integers in [0, KEY_SPACE). */
export const KEY_SPACE = 2 ** 32;
/** Weyl step for the keys of anonymous units (⌊2^32 / golden ratio⌋, odd). */
export const ANONYMOUS_KEY_STEP = 2654435769;

/** A count to publish: how many units, and the sum of their record keys modulo 2^32. */
export interface CountCell {
  n: number;
  key: number;
}

/** A published count: the (perturbed) number, or "suppressed" when it lies below 5. */
export type ShownCell = number | 'suppressed';

export interface SuppressedTable {
  cells: ShownCell[][];
  rowTotals: ShownCell[];
  colTotals: ShownCell[];
  total: ShownCell;
}

export const EMPTY_CELL: CountCell = { n: 0, key: 0 };

/** Adds cells (disjoint contributor sets, or a multiset of them): counts and keys add. */
export const addCells = (...cells: readonly CountCell[]): CountCell =>
  cells.reduce((a, c) => ({ n: a.n + c.n, key: (a.key + c.key) % KEY_SPACE }), EMPTY_CELL);

/** Sum of the keys of an encounter's n anonymous units: (k + s·step) mod 2^32, s = 0..n-1. */
export function anonymousUnitKeySum(encounterKey: number, n: number) {
  const step = BigInt(ANONYMOUS_KEY_STEP);
  const sum = BigInt(n) * BigInt(encounterKey) + (step * BigInt(n) * BigInt(n - 1)) / 2n;
  return Number(sum % BigInt(KEY_SPACE));
}

export interface PerturbationRow {
  /** True count this row applies to (the last row applies to every larger count). */
  i: number;
  /** Noise values in ascending order and their probabilities (all > 0). */
  noise: number[];
  p: number[];
  /** Upper ends of the cell-key intervals: noise[j] is used for key < upper[j]. */
  upper: number[];
}

/**
 * Maximum-entropy distribution on `support` with mean 0 and the given variance:
 * p(v) ∝ exp(a·v + b·v²). Nested bisection (mean is increasing in a, variance in b).
 */
function maxEntropy(support: number[], variance: number): number[] {
  const dist = (a: number, b: number) => {
    const w = support.map((v) => a * v + b * v * v);
    const m = Math.max(...w);
    const e = w.map((x) => Math.exp(x - m));
    const z = e.reduce((s, x) => s + x, 0);
    return e.map((x) => x / z);
  };
  const moments = (p: number[]) => {
    const mean = p.reduce((s, x, j) => s + x * support[j]!, 0);
    const sq = p.reduce((s, x, j) => s + x * support[j]! ** 2, 0);
    return { mean, variance: sq - mean * mean };
  };
  const centre = (b: number) => {
    let lo = -50;
    let hi = 50;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      if (moments(dist(mid, b)).mean < 0) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  let lo = -50;
  let hi = 10;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (moments(dist(centre(mid), mid)).variance < variance) lo = mid;
    else hi = mid;
  }
  const b = (lo + hi) / 2;
  return dist(centre(b), b);
}

/** The perturbation table for maximum deviation D, variance V and js (as ptable builds it). */
export function buildPtable(D = CKM_MAX_DEVIATION, V = CKM_VARIANCE, js = CKM_JS) {
  if (!Number.isInteger(D) || D < 1) throw new Error('D must be a positive integer');
  if (!(V > 0) || V >= D) throw new Error('V must lie in (0, D)');
  const rows: PerturbationRow[] = [{ i: 0, noise: [0], p: [1], upper: [1] }];
  for (let i = 1; i <= D + js; i++) {
    const support: number[] = [];
    for (let v = -D; v <= D; v++) {
      const t = i + v;
      if (t >= 0 && (t === 0 || t > js)) support.push(v);
    }
    const p = maxEntropy(support, Math.min(V, 0.95 * i * D));
    // Probabilities rounded to 1e-9 as ptable rounds them; the last interval closes at 1.
    let cum = 0;
    const upper = p.map((x, j) => {
      cum += x;
      return j === p.length - 1 ? 1 : Math.round(cum * 1e9) / 1e9;
    });
    rows.push({ i, noise: support, p, upper });
  }
  return rows;
}

export const PTABLE = buildPtable();

/** Noise for a true count and a cell key in [0, 1), from the table. */
export function noiseFor(n: number, cellKey: number, table: PerturbationRow[] = PTABLE) {
  const row = table[Math.min(n, table.length - 1)]!;
  const j = row.upper.findIndex((u) => cellKey < u);
  return row.noise[j === -1 ? row.noise.length - 1 : j]!;
}

/** The perturbed count (before the threshold rule): 0 stays 0. */
export function perturb(c: CountCell, table: PerturbationRow[] = PTABLE) {
  if (!Number.isInteger(c.n) || c.n < 0) throw new Error('Counts must be non-negative integers');
  if (c.n === 0) return 0;
  return c.n + noiseFor(c.n, (((c.key % KEY_SPACE) + KEY_SPACE) % KEY_SPACE) / KEY_SPACE, table);
}

/** The published count: perturbed, then "< 5" below the threshold; a true 0 stays 0. */
export function publishCount(c: CountCell, k = SUPPRESSION_K): ShownCell {
  if (c.n === 0) return 0;
  const v = perturb(c);
  return v < k ? 'suppressed' : v;
}

/**
 * A published table: each cell, each row and column total and the grand total perturbed from
 * its own contributors (totals are the union of their cells' contributors).
 */
export function publishTable(table: readonly (readonly CountCell[])[], cols?: number) {
  const width = table[0]?.length ?? cols ?? 0;
  for (const r of table) if (r.length !== width) throw new Error('Rows differ in length');
  const rowCells = table.map((r) => addCells(...r));
  const colCells = Array.from({ length: width }, (_, j) => addCells(...table.map((r) => r[j]!)));
  const out: SuppressedTable = {
    cells: table.map((r) => r.map((c) => publishCount(c))),
    rowTotals: rowCells.map((c) => publishCount(c)),
    colTotals: colCells.map((c) => publishCount(c)),
    total: publishCount(addCells(...rowCells)),
  };
  return out;
}

/** One column of cells (e.g. one count per centre) with its total. */
export const publishColumn = (cells: readonly CountCell[]) =>
  publishTable(
    cells.map((c) => [c]),
    1,
  );

export const isShown = (c: ShownCell): c is number => typeof c === 'number';

/** Display text of a published cell: the number or "< 5". */
export function cellText(c: ShownCell, format: (n: number) => string = String, k = SUPPRESSION_K) {
  return c === 'suppressed' ? `< ${k}` : format(c);
}

/**
 * A share (percent, one decimal) of two published counts; null ("–") when either is hidden or
 * 0, and when the noise on two small counts made the part larger than its whole: a share above
 * 100 % would only show the perturbation, never a fact.
 */
export function shownShare(part: ShownCell, whole: ShownCell): number | null {
  if (!isShown(part) || !isShown(whole) || whole === 0 || part > whole) return null;
  return Math.round((part / whole) * 1000) / 10;
}
