import { expect, test, type Page } from '@playwright/test';
import { demo, openMenu, signIn, unique } from './fixtures/index.ts';
import { writeFileSync } from 'node:fs';

const SHOTS = 'e2e/.artifacts/screens';
// Each journey creates data, prints and screenshots at two widths: more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

/** Creates a participant of the signed-in staff member's centre with consent in `language`. */
async function makePerson(page: Page, language: string) {
  const session = await (await page.request.get('/api/auth/session')).json();
  const headers = { 'x-csrf-token': session.csrfToken };
  const alias = unique('Bogen');
  const created = await page.request.post('/api/participants', {
    headers,
    data: { centreId: session.user.centreIds[0], alias, confirmNotDuplicate: true },
  });
  expect(created.status()).toBe(201);
  const p = await created.json();
  const consent = await page.request.post(`/api/participants/${p.id}/consents`, {
    headers,
    data: { purpose: 'follow_up_contact', language },
  });
  expect(consent.status()).toBe(201);
  return { id: p.id as number, code: p.code as string, alias };
}

async function shoot(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
}

test('the consent sheet opened from a person carries code, centre and Art. 13, one A4 page per language', async ({
  page,
}) => {
  await signIn(page, demo('grone'));
  const p = await makePerson(page, 'ar');
  const reviewed = (await (await page.request.get('/api/consent-sheet')).json()).reviews.find(
    (r: { language: string }) => r.language === 'ar',
  ).reviewed as boolean;
  await page.goto(`/participants/${p.id}`);
  await page.getByRole('link', { name: 'Einwilligungsbogen drucken' }).click();
  await expect(page).toHaveURL(new RegExp(`/consent-sheet/de\\?participant=${p.id}$`));
  await page.getByRole('link', { name: 'Arabisch' }).click();

  const ar = page.locator('section[lang="ar"]');
  const de = page.locator('section[lang="de"]');
  await expect(ar).toHaveAttribute('dir', 'rtl');
  await expect(de.getByText(p.code)).toBeVisible({ timeout: 20_000 });
  for (const s of [ar, de]) {
    await expect(s.getByText(p.code)).toBeVisible();
    await expect(s.getByText('Nachbarschaftszentrum Grone', { exact: true })).toBeVisible();
    await expect(s.getByText(/Landesbeauftragte für den Datenschutz Niedersachsen/)).toBeVisible();
  }
  await expect(de.getByText('Informationen nach Art. 13 DSGVO')).toBeVisible();
  await expect(de.getByText(/24 Monate nach dem letzten Kontakt/)).toBeVisible();
  await expect(ar.locator('.sheet-placeholder')).toHaveCount(reviewed ? 0 : 1);
  await expect(de.locator('.sheet-placeholder')).toHaveCount(0);
  await shoot(page, 'consent-sheet-ar');

  // Print: no banner, no navigation, and exactly one A4 page per language.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(ar.locator('.sheet-placeholder')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages).toHaveLength(2);
  await page.emulateMedia({ media: 'screen' });
});

test('an admin marks a translation reviewed; the banner goes, only on that language', async ({
  page,
}) => {
  await signIn(page, demo('admin'));
  await page.goto('/consent-sheet/ti');
  const toggle = page.getByLabel(/Übersetzung Tigrinya ist geprüft/);
  const banner = page.locator('section[lang="ti"] .sheet-placeholder');
  // The box follows the server: click, then wait for the saved state.
  const set = async (on: boolean) => {
    if ((await toggle.isChecked()) === on) return;
    await toggle.click();
    await expect(toggle).toBeChecked({ checked: on, timeout: 15_000 });
  };
  await expect(toggle).toBeVisible({ timeout: 20_000 });
  const wasReviewed = await toggle.isChecked();
  await set(false);
  await expect(banner).toHaveCount(1);
  await set(true);
  await expect(banner).toHaveCount(0);
  await set(false);
  await expect(banner).toHaveCount(1);
  await set(wasReviewed);
});

test('the data-protection officer finds who saw a person, by code, with names and German labels', async ({
  browser,
  page,
}) => {
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, demo('grone'));
  const p = await makePerson(staff, 'uk');
  // Staff search for the person: the result list is logged with the person in it.
  const search = await staff.request.get(`/api/participants?q=${encodeURIComponent(p.alias)}`);
  expect((await search.json()).items.map((i: { code: string }) => i.code)).toContain(p.code);
  await staff.context().close();

  await signIn(page, demo('datenschutz'));
  await openMenu(page);
  await page.getByRole('link', { name: 'Protokoll' }).click();
  await expect(page.getByRole('heading', { name: 'Protokoll', level: 1 })).toBeVisible({
    timeout: 20_000,
  });
  await page.getByLabel('Personenkennung').fill(p.code.toLowerCase());
  await page.getByRole('button', { name: 'Suchen' }).click();
  const rows = page.locator('tbody tr');
  await expect(rows.filter({ hasText: 'Suche (1 Treffer)' })).toHaveCount(1);
  const hit = rows.filter({ hasText: 'Suche (1 Treffer)' });
  await expect(hit.locator('.audit-code', { hasText: p.code })).toBeVisible();
  await expect(hit).toContainText('Teilnehmende Person');
  await expect(hit).not.toContainText('participant');
  await shoot(page, 'audit-search');

  // The access export names the search too; the PDF is kept for a look.
  const json = await (await page.request.get(`/api/privacy/participants/${p.code}/export`)).json();
  expect(
    json.accessLog.some((a: { screen: string }) => a.screen === 'Suche nach Teilnehmenden'),
  ).toBe(true);
  expect(json.translation).toMatchObject({ language: 'uk', available: true });
  const pdf = await page.request.get(`/api/privacy/participants/${p.code}/export.pdf`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  writeFileSync('e2e/.artifacts/access-export.pdf', await pdf.body());
});

test('the out-of-view list names only people with consent and counts the others', async ({
  page,
}) => {
  await signIn(page, demo('koordination'));
  await page.goto('/out-of-view');
  const line = page.getByTestId('oov-withheld');
  await expect(line).toContainText('Ohne gültige Einwilligung, nicht namentlich', {
    timeout: 20_000,
  });
  await expect(line).toContainText('GRO');
  const data = await (await page.request.get('/api/reporting/out-of-view')).json();
  const codes = new Set<string>(data.items.map((i: { code: string }) => i.code));
  // Every named row has consent today: the list of participants without it shares no code.
  const without = await (
    await page.request.get('/api/participants?withConsent=false&limit=200')
  ).json();
  for (const w of without.items as { code: string }[]) expect(codes.has(w.code)).toBe(false);
  await shoot(page, 'out-of-view');
});
