import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { demo, DEMO_PASSWORD, openMenu, signIn, unique } from './fixtures/index.ts';

const SHOTS = 'e2e/.artifacts/screens';
const WIDTHS = [390, 1280];

async function shoot(page: Page, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
}

/** A fresh coordinator created through the API by the demo admin: this spec's own account. */
async function freshUser(request: APIRequestContext) {
  const login = await request.post('/api/auth/login', {
    data: { email: demo('admin'), password: DEMO_PASSWORD },
  });
  expect(login.status()).toBe(200);
  const { csrfToken } = await login.json();
  const email = `${unique('konto')}@example.org`;
  const password = 'Erstes-Passwort-2026';
  const res = await request.post('/api/users', {
    headers: { 'x-csrf-token': csrfToken },
    data: { email, displayName: 'Konto Test', password, roles: ['coordinator'], centreIds: [] },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { email, password };
}

test('change your own password, then sign out everywhere', async ({ browser, playwright }) => {
  test.setTimeout(120_000); // three sessions and four argon2 hashes on a shared 2-core machine
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const user = await freshUser(api);
  const desk = await (await browser.newContext()).newPage();
  const phone = await (await browser.newContext()).newPage();
  await signIn(phone, user.email, user.password);
  await signIn(desk, user.email, user.password);

  await openMenu(desk);
  await desk.getByRole('link', { name: 'Mein Konto' }).first().click();
  await expect(desk.getByRole('heading', { name: 'Mein Konto', level: 1 })).toBeVisible();
  await shoot(desk, 'account');

  // A wrong current password is refused next to the field.
  await desk.getByLabel('Aktuelles Passwort').fill('nicht-das-passwort');
  await desk.getByLabel('Neues Passwort', { exact: true }).fill('Zweites-Passwort-2026');
  await desk.getByLabel('Neues Passwort wiederholen').fill('Zweites-Passwort-2026');
  await desk.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(desk.getByText('Das aktuelle Passwort stimmt nicht.')).toBeVisible();

  await desk.getByLabel('Aktuelles Passwort').fill(user.password);
  await desk.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(desk.getByText('Passwort geändert. 1 andere Sitzung wurde beendet.')).toBeVisible();
  await shoot(desk, 'account-password-changed');

  // The phone's session ended: its next navigation lands on the sign-in page.
  await phone.goto('/centres');
  await expect(phone.getByRole('heading', { name: 'Anmelden' })).toBeVisible();

  // Sign out everywhere asks first, then ends this session too.
  await desk.getByRole('button', { name: 'Überall abmelden' }).click();
  const dialog = desk.getByRole('dialog', { name: 'Auf allen Geräten abmelden?' });
  await expect(dialog).toBeVisible();
  await shoot(desk, 'account-sign-out-everywhere');
  await dialog.getByRole('button', { name: 'Überall abmelden' }).click();
  await expect(desk.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  await desk.goto('/centres');
  await expect(desk.getByRole('heading', { name: 'Anmelden' })).toBeVisible();

  // The new password works, the old one does not.
  await signIn(desk, user.email, 'Zweites-Passwort-2026');
  await api.dispose();
});

test('the data-protection officer checks the audit chain', async ({ page }) => {
  await signIn(page, demo('datenschutz'));
  await page.goto('/audit');
  await page.getByRole('button', { name: 'Jetzt prüfen' }).click();
  await expect(page.getByText(/Protokoll unverändert: alle \d+ Einträge geprüft\./)).toBeVisible();
  await expect(page.getByText(/^[0-9a-f]{64}$/)).toBeVisible();
  await shoot(page, 'audit-chain');
});

test('every API answer is marked no-store', async ({ request }) => {
  for (const url of ['/api/health', '/api/auth/session', '/api/centres', '/api/nothing']) {
    const res = await request.get(url);
    expect(res.headers()['cache-control'], url).toBe('no-store');
  }
});
