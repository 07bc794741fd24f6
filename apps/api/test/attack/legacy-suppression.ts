/**
 * THE REPLACED METHOD, kept only so the attacker test can show that it leaks (see
 * attack.test.ts). Production code publishes counts with the cell key method
 * (packages/domain/src/reporting/cellkey.ts).
 *
 * Small-number suppression (privacy rule 3, docs/privacy-rules.md). Every aggregate that counts people hides cells
 * below k (shown as "< 5"); secondary suppression then hides further cells so that no hidden
 * value can be recovered from the shown cells, row totals, column totals and the grand total
 * by subtraction.
 */

export const SUPPRESSION_K = 5;

/** A shown count, a primary-suppressed cell (value < k) or a secondary-suppressed one. */
export type ShownCell = number | 'suppressed' | 'secondary';

export interface SuppressedTable {
  cells: ShownCell[][];
  rowTotals: ShownCell[];
  colTotals: ShownCell[];
  total: ShownCell;
}

/** One count on its own (no table around it): hidden below k. */
export const suppressCount = (n: number, k = SUPPRESSION_K): ShownCell =>
  n < k ? 'suppressed' : n;

export const isShown = (c: ShownCell): c is number => typeof c === 'number';

/**
 * Suppresses a table of non-negative integer counts whose totals are the sums of its cells.
 * Primary: every cell and total below k. Secondary: while some row, column or margin equation
 * (cells + total) has exactly one hidden item, hide the smallest shown cell of that line
 * (or its total when no cell is left). Shown cells keep their values. With
 * `sacrificeGrandTotal` (tables whose grand total means nothing, e.g. person-months), the
 * margins give up the grand total first instead of a row or column total.
 */
export function suppressSmallCells(
  table: readonly (readonly number[])[],
  k = SUPPRESSION_K,
  opts: { sacrificeGrandTotal?: boolean } = {},
) {
  const rows = table.length;
  const cols = rows === 0 ? 0 : table[0]!.length;
  for (const r of table) {
    if (r.length !== cols) throw new Error('All rows need the same number of columns');
    for (const v of r) {
      if (!Number.isInteger(v) || v < 0) throw new Error('Cells must be non-negative integers');
    }
  }
  // Grid of (rows + 1) × (cols + 1): the last row holds column totals, the last column row totals.
  const value: number[][] = Array.from({ length: rows + 1 }, (_, i) =>
    Array.from({ length: cols + 1 }, (_, j) => {
      if (i < rows && j < cols) return table[i]![j]!;
      if (i < rows) return table[i]!.reduce((s, v) => s + v, 0);
      if (j < cols) return table.reduce((s, r) => s + r[j]!, 0);
      return table.reduce((s, r) => s + r.reduce((a, v) => a + v, 0), 0);
    }),
  );
  const state: ('shown' | 'suppressed' | 'secondary')[][] = value.map((r) =>
    r.map((v) => (v < k ? 'suppressed' : 'shown')),
  );

  // Every line: the cells of a row (or column) plus its total in the margin.
  const lines: [number, number][][] = [];
  for (let i = 0; i <= rows; i++) lines.push(Array.from({ length: cols + 1 }, (_, j) => [i, j]));
  for (let j = 0; j <= cols; j++) lines.push(Array.from({ length: rows + 1 }, (_, i) => [i, j]));

  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter(([i, j]) => state[i]![j] !== 'shown');
      if (hidden.length !== 1) continue;
      const last = line[line.length - 1]!;
      const isMargin = last[0] === rows && last[1] === cols;
      if (opts.sacrificeGrandTotal && isMargin && state[rows]![cols] === 'shown') {
        state[rows]![cols] = 'secondary';
        changed = true;
        continue;
      }
      // The total is the last item of the line; prefer hiding a cell, the smallest one.
      const candidates = line
        .slice(0, -1)
        .filter(([i, j]) => state[i]![j] === 'shown')
        .sort(([a, b], [c, d]) => value[a]![b]! - value[c]![d]!);
      const [ti, tj] = candidates[0] ?? line[line.length - 1]!;
      state[ti]![tj] = 'secondary';
      changed = true;
    }
  }

  const show = (i: number, j: number): ShownCell =>
    state[i]![j] === 'shown' ? value[i]![j]! : state[i]![j]!;
  const out: SuppressedTable = {
    cells: Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => show(i, j)),
    ),
    rowTotals: Array.from({ length: rows }, (_, i) => show(i, cols)),
    colTotals: Array.from({ length: cols }, (_, j) => show(rows, j)),
    total: show(rows, cols),
  };
  return out;
}

/** Display text of a shown cell: the number, "< k" for primary, "x" for secondary. */
export function cellText(c: ShownCell, format: (n: number) => string = String, k = SUPPRESSION_K) {
  if (c === 'suppressed') return `< ${k}`;
  if (c === 'secondary') return 'x';
  return format(c);
}

/** A share (percent, one decimal) of two shown counts; null when either is hidden or 0. */
export function shownShare(part: ShownCell, whole: ShownCell): number | null {
  if (!isShown(part) || !isShown(whole) || whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}
