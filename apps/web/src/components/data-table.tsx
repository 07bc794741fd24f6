import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from './ui.tsx';

export type SortDir = 'asc' | 'desc';
export interface SortState {
  key: string;
  dir: SortDir;
}
type SortValue = string | number | null | undefined;

export interface Column<T> {
  /** Stable key of the column; also the sort key. */
  key: string;
  header: ReactNode;
  /** The cell's label when rows stack into cards on a phone; defaults to a string header. */
  label?: string;
  cell: (row: T) => ReactNode;
  /** Makes the column sortable: the value rows are compared by (null sorts last). */
  sortValue?: (row: T) => SortValue;
  /** Sortable by the caller (server-side sorting with `sort` and `onSortChange`). */
  sortable?: boolean;
  /** Right-aligned tabular figures. */
  numeric?: boolean;
  /** Renders the cell as the row's header (`<th scope="row">`). */
  rowHeader?: boolean;
  className?: string;
}

interface DataTableProps<T> {
  /** Names the table (caption for screen readers) and its scroll region. */
  label: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  rowClassName?: (row: T) => string | undefined;
  className?: string;
  /** Filters shown above the table (a `role="search"` bar). */
  filters?: ReactNode;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** Client-side sorting starts here. */
  initialSort?: SortState;
  /** Controlled sorting (e.g. by the server): the current order and what a header click asks. */
  sort?: SortState;
  onSortChange?: (sort: SortState) => void;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

export function compareValues(a: SortValue, b: SortValue, locale: string): number {
  const aNone = a === null || a === undefined || a === '';
  const bNone = b === null || b === undefined || b === '';
  if (aNone || bNone) return aNone === bNone ? 0 : aNone ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), locale, { numeric: true, sensitivity: 'base' });
}

/**
 * A list as a table: column specs, sorting by header buttons (aria-sort), an optional filter
 * slot, rows stacked into labelled cards below 700 px, and a keyboard-scrollable box so no
 * column is cut off on wide tables.
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  rowClassName,
  className,
  filters,
  empty,
  initialSort,
  sort: controlled,
  onSortChange,
}: DataTableProps<T>) {
  const { i18n } = useTranslation();
  const [own, setOwn] = useState<SortState | undefined>(initialSort);
  const sort = controlled ?? own;
  const sorted = useMemo(() => {
    const col = !controlled && sort && columns.find((c) => c.key === sort.key);
    if (!col || !col.sortValue) return rows;
    const value = col.sortValue;
    const sign = sort.dir === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      const none = (v: SortValue) => v === null || v === undefined || v === '';
      // Empty values stay last in both directions.
      if (none(va) || none(vb)) return compareValues(va, vb, i18n.language);
      return sign * compareValues(va, vb, i18n.language);
    });
  }, [rows, columns, sort, controlled, i18n.language]);

  const toggle = (key: string) => {
    const next: SortState =
      sort?.key === key ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
    if (onSortChange) onSortChange(next);
    if (!controlled) setOwn(next);
  };
  const labelOf = (c: Column<T>) => c.label ?? (typeof c.header === 'string' ? c.header : '');

  return (
    <>
      {filters && (
        <div className="filters" role="search">
          {filters}
        </div>
      )}
      {rows.length === 0 && empty ? (
        empty
      ) : (
        <ScrollRegion label={label}>
          <table className={`table table-stack${className ? ` ${className}` : ''}`}>
            <caption className="sr-only">{label}</caption>
            <thead>
              <tr>
                {columns.map((c) => {
                  const canSort = !!c.sortValue || !!c.sortable;
                  const active = sort?.key === c.key;
                  const cls = [c.numeric && 'num', c.className].filter(Boolean).join(' ');
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      className={cls || undefined}
                      aria-sort={canSort && active ? ARIA_SORT[sort.dir] : undefined}
                    >
                      {canSort ? (
                        <button type="button" className="th-sort" onClick={() => toggle(c.key)}>
                          {c.header}
                          <span className="th-sort-icon" aria-hidden="true">
                            {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                          </span>
                        </button>
                      ) : (
                        c.header
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => (
                <tr key={rowKey(row)} className={rowClassName?.(row)}>
                  {columns.map((c) => {
                    const cls = [c.numeric && 'num', c.className].filter(Boolean).join(' ');
                    const props = { className: cls || undefined, 'data-label': labelOf(c) };
                    return c.rowHeader ? (
                      <th key={c.key} scope="row" {...props}>
                        {c.cell(row)}
                      </th>
                    ) : (
                      <td key={c.key} {...props}>
                        {c.cell(row)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
