import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { renderWithApp } from '../../../test/render.tsx';
import { LogForm } from './log-form.tsx';
import { draftFor } from './log-draft.ts';

const centre = { id: 7, code: 'GR', name: 'Grone', openedOn: null, active: true };
const activity = { id: 3, name: 'Sprachcafé', key: null, active: true };

function cacheWithReferenceData() {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity } },
  });
  client.setQueryData(['centres', 'list'], [centre]);
  client.setQueryData(['activities', 'list'], [activity]);
  client.setQueryData(['reporting', 'published-periods', centre.id], { periods: [] });
  return client;
}

const fetchMock = vi.fn();
beforeEach(() => {
  fetchMock.mockReset();
  fetchMock.mockResolvedValue(new Response(JSON.stringify({ items: [], total: 0 })));
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderForm(onDone = vi.fn()) {
  renderWithApp(
    <LogForm
      centreId={centre.id}
      userId={1}
      initial={draftFor(null, activity.id, 90)}
      group={null}
      onCancel={() => {}}
      onDone={onDone}
    />,
    cacheWithReferenceData(),
  );
  return onDone;
}

const posts = () => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');

describe('LogForm', () => {
  it('renders the entry: heading, details, counts per group and the save button', () => {
    renderForm();
    expect(screen.getByRole('heading', { name: 'Andere Begegnung' })).toBeTruthy();
    expect(screen.getByLabelText('Dauer (Minuten)')).toBeTruthy();
    const newcomers = screen.getByRole('group', { name: 'Neuzugezogene' });
    expect(within(newcomers).getAllByRole('radio')).toHaveLength(7);
    expect(screen.getByRole('button', { name: 'Speichern' })).toBeTruthy();
  });

  it('says that nobody is recorded instead of sending an empty entry', () => {
    renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    expect(screen.getByRole('alert').textContent).toMatch(/^Niemand ist erfasst/);
    expect(posts()).toHaveLength(0);
  });

  it('shows what is wrong with a field before sending, on the field itself', () => {
    renderForm();
    const duration = screen.getByLabelText('Dauer (Minuten)');
    fireEvent.change(duration, { target: { value: '0' } });
    expect(duration.getAttribute('aria-invalid')).toBe('true');
    const errorId = duration.getAttribute('aria-describedby')!.split(' ').pop()!;
    expect(document.getElementById(errorId)!.textContent).toBe('Bitte 1 Minute bis 12 Stunden.');
    fireEvent.click(
      within(screen.getByRole('group', { name: 'Neuzugezogene' })).getByLabelText('2'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    expect(posts()).toHaveLength(0);
  });

  it('sends a counted entry and shows the server’s refusal per field', async () => {
    fetchMock.mockImplementation(async (_url: string, init?: RequestInit) =>
      init?.method === 'POST'
        ? new Response(
            JSON.stringify({
              code: 'VALIDATION_ERROR',
              message: 'invalid',
              details: [{ field: 'startTime', code: 'required', message: 'is required' }],
            }),
            { status: 400 },
          )
        : new Response(JSON.stringify({ items: [], total: 0 })),
    );
    const onDone = renderForm();
    fireEvent.click(
      within(screen.getByRole('group', { name: 'Neuzugezogene' })).getByLabelText('2'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    const body = JSON.parse(String(posts()[0]![1]!.body)) as { headcounts: { newcomers: number } };
    expect(body.headcounts.newcomers).toBe(2);
    const time = screen.getByLabelText('Uhrzeit');
    await waitFor(() => expect(time.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Bitte ausfüllen')).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
  });
});
