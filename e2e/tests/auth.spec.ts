import { expect, test } from '@playwright/test';
import { demo, openMenu, signIn } from './fixtures.ts';

test('sign in and out as the coordinator', async ({ page }) => {
  await signIn(page, demo('koordination'));
  // Coordinators start on the dashboard.
  await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();
  await page.goto('/centres');
  await expect(page.getByRole('heading', { name: 'Zentren', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: /Nachbarschaftszentrum Grone/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Weststadtzentrum' })).toBeVisible();
  await openMenu(page);
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  // The session is really gone: a protected page sends us back to sign-in.
  await page.goto('/centres');
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
});

test('a wrong password shows a clear message and keeps the email', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse').fill(demo('grone'));
  await page.getByLabel('Passwort').fill('not-the-password');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort ist falsch.');
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(demo('grone'));
});

const NAV: Record<string, string[]> = {
  admin: [
    'Vergleich',
    'Stellen',
    'Szenarien',
    'Kostenansätze',
    'Ausschreibungen',
    'Zentren',
    'Angebote',
    'Benutzer',
    'Träger',
    'Programmeinstellungen',
    'Verarbeitungsverzeichnis',
  ],
  koordination: [
    'Teilnehmende',
    'Begegnungen',
    'Nachgehen',
    'Übersicht',
    'Aus dem Blick',
    'Bericht an den Rat',
    'Vergleich',
    'Stellen',
    'Szenarien',
    'Kostenansätze',
    'Zentren',
  ],
  grone: [
    'Heute erfassen',
    'Teilnehmende',
    'Begegnungen',
    'Nachgehen',
    'Übersicht',
    'Aus dem Blick',
    'Bericht an den Rat',
    'Zentren',
  ],
  datenschutz: [
    'Zentren',
    'Protokoll',
    'Auskunft und Löschung',
    'Aufbewahrung',
    'Verarbeitungsverzeichnis',
  ],
};

for (const [user, links] of Object.entries(NAV)) {
  test(`navigation for ${user} shows exactly its areas`, async ({ page }) => {
    await signIn(page, demo(user));
    await openMenu(page);
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await expect(nav.getByRole('listitem')).toHaveText(links);
  });
}

test('the language switch turns the interface to English and back', async ({ page }) => {
  await signIn(page, demo('admin'));
  await openMenu(page);
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Centres', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The choice survives a reload.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Centres', level: 1 })).toBeVisible();
  await openMenu(page);
  await page.getByRole('button', { name: 'DE', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Zentren', level: 1 })).toBeVisible();
});
