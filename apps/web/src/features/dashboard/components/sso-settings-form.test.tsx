import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import type { OidcConfig } from '@begegnung/domain';
import { renderWithApp } from '../../../test/render.tsx';
import { centreQueries } from '../../../lib/reference-data.ts';
import { reportingQueries } from '../api/dashboard-queries.ts';
import { SsoSection } from './sso-settings-form.tsx';

// jsdom knows <dialog> but not its modal behaviour (as in confirm-dialog.test.tsx).
beforeAll(() => {
  const proto = HTMLDialogElement.prototype;
  if (typeof proto.showModal === 'function') return;
  proto.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

const fetchMock = vi.fn();
beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const empty: OidcConfig = {
  enabled: false,
  issuer: '',
  clientId: '',
  clientSecretSet: false,
  groupsClaim: 'groups',
  requireSso: false,
  mappings: [],
  redirectUri: 'https://begegnung.stadt.example/api/auth/oidc/callback',
};

function renderSection(config: OidcConfig = empty) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity } },
  });
  client.setQueryData(reportingQueries.sso().queryKey, config);
  client.setQueryData(centreQueries.list().queryKey, [
    {
      id: 7,
      code: 'GR',
      name: 'NBZ Grone',
      openedOn: null,
      active: true,
      operatorId: 1,
      operatorName: 'Stadt',
      address: 'Deppoldshäuser Straße 1',
      district: 'Grone',
      openingHours: '',
    },
  ]);
  renderWithApp(<SsoSection />, client);
}

describe('single sign-on settings', () => {
  it('names every problem in German at its field and sends nothing', () => {
    renderSection();
    fireEvent.click(screen.getByLabelText('Anmeldung mit dem Stadt-Konto anbieten'));
    fireEvent.change(screen.getByLabelText('Adresse des Anbieters (Issuer)'), {
      target: { value: 'http://login.stadt.example' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Zuordnung hinzufügen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    const issuer = screen.getByLabelText('Adresse des Anbieters (Issuer)');
    expect(issuer.getAttribute('aria-invalid')).toBe('true');
    expect(
      document.getElementById(issuer.getAttribute('aria-describedby')!.split(' ').at(-1)!)!
        .textContent,
    ).toContain('https://');
    expect(screen.getByText('Bitte die Client-ID eingeben.')).toBeTruthy();
    expect(screen.getByText('Bitte das Client-Geheimnis eingeben.')).toBeTruthy();
    expect(screen.getByText('Bitte den Namen der Gruppe eingeben.')).toBeTruthy();
    expect(screen.getByText('Fachkräfte im Zentrum brauchen mindestens ein Zentrum.')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('keeps the stored secret unless a new one is typed, and asks before requiring SSO', async () => {
    renderSection({
      ...empty,
      enabled: true,
      issuer: 'https://login.stadt.example/realms/stadt',
      clientId: 'begegnung',
      clientSecretSet: true,
      mappings: [{ group: 'nbz-grone', roles: ['centre_staff'], centreIds: [7] }],
    });
    expect(screen.getByText(/wird nie angezeigt/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Anmeldung mit dem Stadt-Konto für alle verlangen'));
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Anmeldung mit Passwort abschalten?',
    });
    expect(dialog).toBeTruthy();
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ ...empty, requireSso: true }), {
        headers: { 'content-type': 'application/json' },
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Stadt-Konto verlangen' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const [, init] = fetchMock.mock.calls[0]!;
    const body = JSON.parse(init.body as string);
    expect(body.requireSso).toBe(true);
    expect('clientSecret' in body).toBe(false);
  });
});
