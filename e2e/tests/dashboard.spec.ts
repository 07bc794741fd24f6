import { expect, test, type Page } from '@playwright/test';
import { demo, openMenu, signIn } from './fixtures.ts';

const cspViolations = (page: Page) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) violations.push(m.text());
  });
  return violations;
};

test('the coordinator lands on the dashboard with charts and the figures behind them', async ({
  page,
}) => {
  const violations = cspViolations(page);
  await signIn(page, demo('koordination'));
  await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();
  const figures = page.getByRole('region', { name: 'Kennzahlen' });
  await expect(figures.getByText('Begegnungen', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('figure', { name: 'Begegnungen je Monat' }).locator('svg').first(),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Reichweite je Zentrum' })).toBeVisible();
  await expect(
    page.getByRole('cell', { name: 'Nachbarschaftszentrum Grone' }).first(),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Stellen gegen Bedarf' })).toBeVisible();
  // Charts run under the strict CSP.
  expect(violations).toEqual([]);

  // An empty period says so instead of showing zeros.
  await page.goto('/dashboard?from=2001-01-01&to=2001-03-31');
  await expect(page.getByText('Für diesen Zeitraum liegen keine Daten vor.')).toBeVisible();
  // A period ending before it starts is refused with a clear message.
  await page.goto('/dashboard?from=2024-05-01&to=2024-01-01');
  await expect(page.getByRole('alert').first()).toHaveText(
    'Das Ende des Zeitraums liegt vor dem Anfang.',
  );
});

test('centre staff see their own centre; the report downloads as PDF and CSV', async ({ page }) => {
  await signIn(page, demo('grone'));
  await openMenu(page);
  await page.getByRole('link', { name: 'Übersicht' }).click();
  await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Weststadtzentrum' })).toHaveCount(0);
  const other = await page.request.get('/api/reporting/dashboard?centreId=2');
  expect(other.status()).toBe(403);

  await page.goto('/report');
  await expect(page.getByRole('heading', { name: 'Bericht an den Rat', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Letztes Quartal' }).click();
  const pdfLink = page.getByRole('link', { name: 'PDF herunterladen' });
  const href = await pdfLink.getAttribute('href');
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  const csv = await page.request.get(
    (await page.getByRole('link', { name: /CSV/ }).getAttribute('href'))!,
  );
  expect(await csv.text()).toContain('Reichweite je Zentrum');
});

test('flag an out-of-view person, create and close an outreach task, see the rate change', async ({
  page,
}) => {
  await signIn(page, demo('koordination'));
  await page.goto('/out-of-view');
  await expect(page.getByRole('heading', { name: 'Aus dem Blick', level: 1 })).toBeVisible();
  const rate = page.getByTestId('loop-rate').locator('dd');
  await expect(rate).toHaveText(/%/);
  const rateBefore = await rate.textContent();

  const create = page.getByRole('button', { name: /^Aufgabe anlegen für / }).first();
  const who = (await create.getAttribute('aria-label'))!.replace('Aufgabe anlegen für ', '');
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: who, exact: true }) });
  await create.click();
  await row.getByRole('button', { name: 'Anlegen' }).click();
  await expect(row.getByText(/fällig/)).toBeVisible();

  await row.getByLabel('Ergebnis').selectOption('re_engaged');
  await row.getByRole('button', { name: 'Abschließen' }).click();
  // Re-engaged: back in view, so the row leaves the list, and the loop's rate moves.
  await expect(page.getByRole('link', { name: who, exact: true })).toHaveCount(0);
  await expect(rate).not.toHaveText(rateBefore!);
});

test('the admin changes the out-of-view thresholds', async ({ page }) => {
  await signIn(page, demo('admin'));
  await page.goto('/settings');
  await expect(
    page.getByRole('heading', { name: 'Programmeinstellungen', level: 1 }),
  ).toBeVisible();
  const weeks = page.getByLabel('Nicht gesehen seit (Wochen)');
  await weeks.fill('0');
  await expect(page.getByText('Eine ganze Zahl von 1 bis 52')).toBeVisible();
  await weeks.fill('8');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Gespeichert.')).toBeVisible();
  await weeks.fill('6');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Gespeichert.')).toBeVisible();
});
