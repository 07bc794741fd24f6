import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cellText,
  suppressCount,
  suppressSmallCells,
  type SuppressedTable,
} from './legacy-suppression.ts';

/**
 * The attacker: writes every row, column and margin as an equation (cells = total) and
 * solves any equation with exactly one unknown by subtraction, repeating until nothing new
 * is learnt. Returns the values it recovered for hidden positions.
 */
function attack(t: SuppressedTable) {
  const rows = t.cells.length;
  const cols = rows ? t.cells[0]!.length : t.colTotals.length;
  const grid: (number | null)[][] = Array.from({ length: rows + 1 }, (_, i) =>
    Array.from({ length: cols + 1 }, (_, j) => {
      const c =
        i < rows && j < cols
          ? t.cells[i]![j]!
          : i < rows
            ? t.rowTotals[i]!
            : j < cols
              ? t.colTotals[j]!
              : t.total;
      return typeof c === 'number' ? c : null;
    }),
  );
  const recovered: [number, number, number][] = [];
  const lines: [number, number][][] = [];
  for (let i = 0; i <= rows; i++) lines.push(Array.from({ length: cols + 1 }, (_, j) => [i, j]));
  for (let j = 0; j <= cols; j++) lines.push(Array.from({ length: rows + 1 }, (_, i) => [i, j]));
  let progress = true;
  while (progress) {
    progress = false;
    for (const line of lines) {
      const unknown = line.filter(([i, j]) => grid[i]![j] === null);
      if (unknown.length !== 1) continue;
      const [ui, uj] = unknown[0]!;
      const isTotal = ui === line[line.length - 1]![0] && uj === line[line.length - 1]![1];
      const [ti, tj] = line[line.length - 1]!;
      const cellsSum = line
        .slice(0, -1)
        .reduce((s, [i, j]) => s + (i === ui && j === uj ? 0 : grid[i]![j]!), 0);
      const v = isTotal ? cellsSum : grid[ti]![tj]! - cellsSum;
      grid[ui]![uj] = v;
      recovered.push([ui, uj, v]);
      progress = true;
    }
  }
  return recovered;
}

const tables = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([r, c]) =>
    fc.array(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), {
        minLength: c,
        maxLength: c,
      }),
      { minLength: r, maxLength: r },
    ),
  );

const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);

describe('suppressSmallCells', () => {
  it('hides single counts below 5', () => {
    expect(suppressCount(4)).toBe('suppressed');
    expect(suppressCount(0)).toBe('suppressed');
    expect(suppressCount(5)).toBe(5);
    expect(cellText('suppressed')).toBe('< 5');
    expect(cellText('secondary')).toBe('x');
    expect(cellText(12)).toBe('12');
  });

  it('hides a second cell in a row so the row total does not reveal the first', () => {
    const t = suppressSmallCells([
      [3, 10, 20],
      [8, 9, 30],
    ]);
    expect(t.cells[0]![0]).toBe('suppressed');
    // Row 0 needs a second hidden cell, and so does column 0.
    expect(t.cells[0]!.filter((c) => typeof c !== 'number').length).toBeGreaterThanOrEqual(2);
    expect(
      t.cells.map((r) => r[0]).filter((c) => typeof c !== 'number').length,
    ).toBeGreaterThanOrEqual(2);
    expect(attack(t)).toEqual([]);
  });

  it('leaves a table without small numbers untouched', () => {
    const t = suppressSmallCells([
      [5, 10],
      [7, 9],
    ]);
    expect(t).toEqual({
      cells: [
        [5, 10],
        [7, 9],
      ],
      rowTotals: [15, 16],
      colTotals: [12, 19],
      total: 31,
    });
  });

  it('hides a total below 5 and its cells', () => {
    const t = suppressSmallCells([[1, 2]]);
    expect(t.total).not.toBeTypeOf('number');
    expect(t.rowTotals[0]).not.toBeTypeOf('number');
    expect(attack(t)).toEqual([]);
  });

  it('property: every cell and total below k is hidden as primary', () => {
    fc.assert(
      fc.property(tables, fc.integer({ min: 2, max: 10 }), (table, k) => {
        const t = suppressSmallCells(table, k);
        table.forEach((r, i) =>
          r.forEach((v, j) => {
            if (v < k) expect(t.cells[i]![j]).toBe('suppressed');
          }),
        );
        table.forEach((r, i) => {
          if (sum(r) < k) expect(t.rowTotals[i]).toBe('suppressed');
        });
        if (sum(table.flat()) < k) expect(t.total).toBe('suppressed');
      }),
    );
  });

  it('property: shown cells and totals keep their true values', () => {
    fc.assert(
      fc.property(tables, (table) => {
        const t = suppressSmallCells(table);
        table.forEach((r, i) => {
          r.forEach((v, j) => {
            const c = t.cells[i]![j]!;
            if (typeof c === 'number') expect(c).toBe(v);
          });
          const rt = t.rowTotals[i]!;
          if (typeof rt === 'number') expect(rt).toBe(sum(r));
        });
        table[0]!.forEach((_, j) => {
          const ct = t.colTotals[j]!;
          if (typeof ct === 'number') expect(ct).toBe(sum(table.map((r) => r[j]!)));
        });
        if (typeof t.total === 'number') expect(t.total).toBe(sum(table.flat()));
      }),
    );
  });

  it('property: no hidden cell can be recovered from shown cells and totals by subtraction', () => {
    fc.assert(
      fc.property(tables, fc.integer({ min: 2, max: 10 }), (table, k) => {
        expect(attack(suppressSmallCells(table, k))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('property: also safe when the grand total is sacrificed first', () => {
    fc.assert(
      fc.property(tables, (table) => {
        const t = suppressSmallCells(table, 5, { sacrificeGrandTotal: true });
        expect(attack(t)).toEqual([]);
        table.forEach((r, i) =>
          r.forEach((v, j) => {
            if (v < 5) expect(t.cells[i]![j]).toBe('suppressed');
            const c = t.cells[i]![j]!;
            if (typeof c === 'number') expect(c).toBe(v);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('keeps row totals of a month table when the grand total may go', () => {
    const table = [
      [6, 127],
      [3, 125],
      [2, 130],
      [0, 0],
    ];
    const t = suppressSmallCells(table, 5, { sacrificeGrandTotal: true });
    expect(t.rowTotals.slice(0, 3)).toEqual([133, 128, 132]);
    expect(attack(t)).toEqual([]);
  });

  it('property: secondary suppression only hides cells that were at least k', () => {
    fc.assert(
      fc.property(tables, (table) => {
        const t = suppressSmallCells(table);
        table.forEach((r, i) =>
          r.forEach((v, j) => {
            if (t.cells[i]![j] === 'secondary') expect(v).toBeGreaterThanOrEqual(5);
          }),
        );
      }),
    );
  });

  it('rejects negative or fractional counts and ragged tables', () => {
    expect(() => suppressSmallCells([[-1]])).toThrow();
    expect(() => suppressSmallCells([[1.5]])).toThrow();
    expect(() => suppressSmallCells([[1, 2], [3]])).toThrow();
  });
});
