import { createUser, demo, expect, openMenu, signIn, signInAs, test } from './fixtures/index.ts';

test('sign in and out as the coordinator', async ({ page, centre }) => {
  await signIn(page, demo('koordination'));
  // Coordinators start on the dashboard.
  await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();
  await page.goto('/centres');
  await expect(page.getByRole('heading', { name: 'Zentren', level: 1 })).toBeVisible();
  // Every centre is listed, including one created a moment ago.
  await expect(page.getByRole('link', { name: centre.name, exact: true })).toBeVisible();
  await openMenu(page);
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  // The session is really gone: a protected page sends us back to sign-in.
  await page.goto('/centres');
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
});

test('a wrong password shows a clear message and keeps the email', async ({ page, admin, tag }) => {
  // An account of this test's own, so failed attempts never count against a shared one.
  const user = await createUser(admin, { tag, roles: ['coordinator'] });
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse').fill(user.email);
  await page.getByLabel('Passwort').fill('not-the-password');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort ist falsch.');
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(user.email);
  // The right password still works afterwards.
  await page.getByLabel('Passwort').fill(user.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('banner')).toBeVisible();
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
    'Listen importieren',
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
    await signInAs(page, user);
    await openMenu(page);
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await expect(nav.getByRole('listitem')).toHaveText(links);
  });
}

test('the language switch turns the interface to English and back', async ({ page }) => {
  await signInAs(page, 'admin', '/centres');
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

// Everyone lands on the screen of their everyday task after signing in through the form.
const HOMES: [string, string][] = [
  ['grone', 'Heute erfassen'],
  ['koordination', 'Übersicht'],
  ['admin', 'Zentren'],
  ['datenschutz', 'Auskunft und Löschung'],
  ['panel1', 'Ausschreibungen'],
  ['personalrat', 'Ausschreibungen'],
];
// One test per role: each signs in through the form (an argon2 hash), with its own time budget.
for (const [user, heading] of HOMES) {
  test(`${user} starts on "${heading}"`, async ({ page }) => {
    await signIn(page, demo(user));
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  });
}
