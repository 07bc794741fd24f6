/**
 * A switch for the attacker test: with `exact.on` the app publishes true counts (the truth
 * the attack is scored against, read through the same queries); otherwise the real cell key
 * method. Installed with vi.mock over '@begegnung/domain' in the attack test files only.
 */
interface CountCell {
  n: number;
  key: number;
}
type Table = readonly (readonly CountCell[])[];

export const exact = { on: false };

const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);

function exactTable(table: Table, cols?: number) {
  const width = table[0]?.length ?? cols ?? 0;
  const cells = table.map((r) => r.map((c) => c.n));
  return {
    cells,
    rowTotals: cells.map(sum),
    colTotals: Array.from({ length: width }, (_, j) => sum(cells.map((r) => r[j]!))),
    total: sum(cells.map(sum)),
  };
}

export function wrapPublishers<
  T extends {
    publishCount: (c: CountCell) => unknown;
    publishTable: (t: Table, cols?: number) => unknown;
    publishColumn: (c: readonly CountCell[]) => unknown;
  },
>(real: T): Pick<T, 'publishCount' | 'publishTable' | 'publishColumn'> {
  return {
    publishCount: ((c: CountCell) => (exact.on ? c.n : real.publishCount(c))) as T['publishCount'],
    publishTable: ((t: Table, cols?: number) =>
      exact.on ? exactTable(t, cols) : real.publishTable(t, cols)) as T['publishTable'],
    publishColumn: ((c: readonly CountCell[]) =>
      exact.on
        ? exactTable(
            c.map((x) => [x]),
            1,
          )
        : real.publishColumn(c)) as T['publishColumn'],
  };
}
