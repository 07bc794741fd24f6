import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import type { SsoStatus } from '@begegnung/domain';
import '../../../i18n/index.ts';
import { sessionQuery, ssoStatusQuery } from '../../../lib/session.ts';
import { LoginPage } from './login-page.tsx';

beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response('{}', { status: 500 })));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderLogin(sso: SsoStatus, url = '/login') {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity } },
  });
  client.setQueryData(sessionQuery.queryKey, null);
  client.setQueryData(ssoStatusQuery.queryKey, sso);
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <LoginPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('LoginPage and single sign-on', () => {
  it('shows only the password form without SSO', () => {
    renderLogin({ enabled: false, required: false });
    expect(screen.queryByRole('button', { name: 'Mit dem Stadt-Konto anmelden' })).toBeNull();
    expect(screen.getByLabelText('E-Mail-Adresse')).toBeTruthy();
    expect(document.querySelector('details')).toBeNull();
  });

  it('offers the city account beside the password form', () => {
    renderLogin({ enabled: true, required: false });
    expect(screen.getByRole('button', { name: 'Mit dem Stadt-Konto anmelden' })).toBeTruthy();
    expect(screen.getByLabelText('E-Mail-Adresse').closest('details')).toBeNull();
  });

  it('puts the password form behind the break-glass disclosure when SSO is required', () => {
    renderLogin({ enabled: true, required: true });
    const details = screen.getByLabelText('E-Mail-Adresse').closest('details')!;
    expect(details).toBeTruthy();
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe(
      'Notfall-Anmeldung für Administration',
    );
  });

  it('explains a refused SSO sign-in in German, and only for known codes', () => {
    renderLogin({ enabled: true, required: false }, '/login?sso=SSO_NO_ACCESS');
    expect(screen.getByRole('alert').textContent).toContain('keiner Gruppe mit Zugang');
    cleanup();
    renderLogin({ enabled: true, required: false }, '/login?sso=%3Cscript%3E');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
