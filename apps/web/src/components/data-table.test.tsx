import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import '../i18n/index.ts';
import { DataTable, type Column } from './data-table.tsx';

afterEach(cleanup);

interface Person {
  id: number;
  name: string;
  visits: number | null;
}
const people: Person[] = [
  { id: 1, name: 'Özlem', visits: 3 },
  { id: 2, name: 'anna', visits: null },
  { id: 3, name: 'Bilal', visits: 12 },
];
const columns: Column<Person>[] = [
  { key: 'name', header: 'Name', sortValue: (p) => p.name, cell: (p) => p.name },
  {
    key: 'visits',
    header: 'Besuche',
    numeric: true,
    sortValue: (p) => p.visits,
    cell: (p) => p.visits ?? '—',
  },
  { key: 'note', header: 'Notiz', cell: () => 'x' },
];
const names = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[0]!.textContent);

describe('DataTable', () => {
  it('renders a labelled table with one column header per spec', () => {
    render(<DataTable label="Personen" columns={columns} rows={people} rowKey={(p) => p.id} />);
    const table = screen.getByRole('table', { name: 'Personen' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name↕', 'Besuche↕', 'Notiz']);
    // Only sortable columns get a button.
    expect(
      within(table)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Name↕', 'Besuche↕']);
  });

  it('sorts by a header button, toggles the direction and says so with aria-sort', () => {
    render(<DataTable label="Personen" columns={columns} rows={people} rowKey={(p) => p.id} />);
    expect(names()).toEqual(['Özlem', 'anna', 'Bilal']);
    const header = screen.getByRole('columnheader', { name: /Name/ });
    expect(header.getAttribute('aria-sort')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Name/ }));
    // German collation, case-insensitive: Ö sorts with O.
    expect(names()).toEqual(['anna', 'Bilal', 'Özlem']);
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(names()).toEqual(['Özlem', 'Bilal', 'anna']);
    expect(header.getAttribute('aria-sort')).toBe('descending');
  });

  it('sorts numbers as numbers and keeps empty values last in both directions', () => {
    render(<DataTable label="Personen" columns={columns} rows={people} rowKey={(p) => p.id} />);
    const button = screen.getByRole('button', { name: /Besuche/ });
    fireEvent.click(button);
    expect(names()).toEqual(['Özlem', 'Bilal', 'anna']);
    fireEvent.click(button);
    expect(names()).toEqual(['Bilal', 'Özlem', 'anna']);
    expect(screen.getByRole('columnheader', { name: /Besuche/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
  });

  it('leaves the order to the caller when sorting is controlled', () => {
    const onSortChange = vi.fn();
    render(
      <DataTable
        label="Personen"
        columns={columns}
        rows={people}
        rowKey={(p) => p.id}
        sort={{ key: 'visits', dir: 'desc' }}
        onSortChange={onSortChange}
      />,
    );
    expect(names()).toEqual(['Özlem', 'anna', 'Bilal']);
    fireEvent.click(screen.getByRole('button', { name: /Besuche/ }));
    expect(onSortChange).toHaveBeenCalledWith({ key: 'visits', dir: 'asc' });
    fireEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(onSortChange).toHaveBeenLastCalledWith({ key: 'name', dir: 'asc' });
  });

  it('labels every cell for the stacked phone layout and marks figures as numbers', () => {
    const { container } = render(
      <DataTable label="Personen" columns={columns} rows={people} rowKey={(p) => p.id} />,
    );
    const table = container.querySelector('table')!;
    expect(table.classList.contains('table')).toBe(true);
    expect(table.classList.contains('table-stack')).toBe(true);
    const cells = within(screen.getAllByRole('row')[1]!).getAllByRole('cell');
    expect(cells.map((c) => c.getAttribute('data-label'))).toEqual(['Name', 'Besuche', 'Notiz']);
    expect(cells[1]!.classList.contains('num')).toBe(true);
    // Inside the scroll box that becomes a keyboard-reachable region when it overflows.
    expect(table.parentElement!.classList.contains('table-wrap')).toBe(true);
  });

  it('shows the filter slot as a search bar and the empty state instead of an empty table', () => {
    render(
      <DataTable
        label="Personen"
        columns={columns}
        rows={[]}
        rowKey={(p) => p.id}
        filters={
          <label>
            Suche
            <input />
          </label>
        }
        empty={<p>Niemand gefunden.</p>}
      />,
    );
    expect(screen.getByRole('search')).toBeTruthy();
    expect(screen.getByLabelText('Suche')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('Niemand gefunden.')).toBeTruthy();
  });
});
