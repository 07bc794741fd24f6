import { expect, test } from '@playwright/test';
import { demo, openMenu, signIn, unique } from './fixtures.ts';

test('admin creates a post, allocates it, moves it through the lifecycle; the coordinator compares scenarios', async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo('admin'));
  await openMenu(admin);
  await admin.getByRole('link', { name: 'Stellen', exact: true }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Stellen' })).toBeVisible();
  await admin.getByRole('link', { name: 'Stelle anlegen' }).click();

  // Bad input is refused next to the field and nothing is saved.
  const code = unique('INT-E2E');
  await admin.getByLabel('Stellennummer').fill(code);
  await admin.getByLabel('Bezeichnung').fill('Integrationsfachkraft Grone (E2E)');
  await admin.getByLabel('Stellenanteil (VZÄ)').fill('1,5');
  await admin.getByRole('button', { name: 'Stelle anlegen' }).click();
  await expect(admin.getByText('Höchstens 1', { exact: true })).toBeVisible();

  await admin.getByLabel('Stellenanteil (VZÄ)').fill('0,5');
  await admin.getByRole('button', { name: 'Stelle anlegen' }).click();
  await expect(
    admin.getByRole('heading', { level: 1, name: 'Integrationsfachkraft Grone (E2E)' }),
  ).toBeVisible();

  // Allocate: shares that do not add up are refused, the previous (empty) allocation stays.
  await admin.getByRole('button', { name: 'Zuordnung ändern' }).click();
  await admin.getByLabel('Zentrum').first().selectOption({ label: 'Nachbarschaftszentrum Grone' });
  await admin.getByLabel('Anteil').first().fill('0,9');
  await admin.getByRole('button', { name: 'Zuordnung speichern' }).click();
  await expect(
    admin.getByText('Die Anteile müssen zusammen genau 1 ergeben').first(),
  ).toBeVisible();
  await admin.getByLabel('Anteil').first().fill('1');
  await admin.getByRole('button', { name: 'Zuordnung speichern' }).click();
  await expect(admin.locator('.posts-alloc-list')).toContainText('Nachbarschaftszentrum Grone');

  // Lifecycle: only legal next steps are offered; each step is in the history.
  const status = admin.getByLabel('Neuer Status');
  await expect(status.locator('option')).toHaveText(['Bitte wählen …', 'im Haushalt', 'entfallen']);
  for (const label of ['im Haushalt', 'bewilligt', 'ausgeschrieben']) {
    await status.selectOption({ label });
    await admin.getByLabel('Begründung').fill(`Schritt ${label}`);
    await admin.getByRole('button', { name: 'Status ändern' }).click();
    await expect(admin.locator('.posts-history li').first()).toContainText(label);
  }
  await expect(admin.locator('.posts-history li')).toHaveCount(4);
  await expect(status.locator('option')).toHaveText([
    'Bitte wählen …',
    'besetzt',
    'gesperrt',
    'entfallen',
  ]);

  // Scenario A (seeded) compared with B and C: 3.0 FTE, 0.75 per centre, 216,000 € / 259,200 €.
  const coord = await (await browser.newContext()).newPage();
  await signIn(coord, demo('koordination'));
  await openMenu(coord);
  await coord.getByRole('link', { name: 'Vergleich' }).click();
  await expect(coord.getByRole('heading', { level: 1, name: 'Vergleich' })).toBeVisible();
  const fteTable = coord.locator('table.posts-compare').first();
  await expect(fteTable.locator('thead th')).toHaveText([
    /Zentrum/,
    /A: SPD\/0235\/18/,
    /B: Änderungsantrag/,
    /C: Status quo/,
  ]);
  const totalRow = fteTable.locator('tr.posts-total');
  await expect(totalRow.locator('td').nth(0)).toContainText('3,00');
  await expect(totalRow.locator('td').nth(1)).toContainText('2,00');
  await expect(totalRow.locator('td').nth(2)).toContainText('0,00');
  await expect(fteTable.locator('tbody tr').first().locator('td').first()).toHaveText('0,75');
  // Newcomers per FTE now come from the participant data (reporting module's catchment).
  await expect(coord.getByText('noch keine Daten')).toHaveCount(0);
  const perFte = coord.getByRole('row', { name: /^Neuzugezogene je VZÄ/ });
  await expect(perFte.first()).toContainText(/\d,\d/);
  await expect(perFte.first()).not.toContainText(/\d\.\d/);
  const costTable = coord.locator('table.posts-compare').nth(1);
  await expect(costTable.locator('tbody tr').first().locator('td').first()).toContainText(
    '216.000',
  );
  await expect(costTable.locator('tbody tr').first().locator('td').first()).toContainText(
    '259.200',
  );
  await expect(costTable.getByText('Schätzung').first()).toBeVisible();

  // Need-weighted split beside the equal split.
  const split = coord.getByRole('region', { name: 'Verteilung nach Bedarf' });
  await expect(split.locator('tbody tr').first().locator('td').nth(2)).toHaveText('0,75');
  await expect(split.locator('tbody tr').first().locator('td').nth(3)).toHaveText('0,50');

  // CSV export for German Excel.
  const [download] = await Promise.all([
    coord.waitForEvent('download'),
    coord.getByRole('link', { name: 'CSV herunterladen' }).click(),
  ]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(path!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('Szenario;Quelle;Status;VZÄ gesamt');

  // What-if: copy A, change Grone to 0.75, compare.
  await openMenu(coord);
  await coord.getByRole('link', { name: 'Szenarien' }).click();
  const cardA = coord.locator('.card', { hasText: 'A: SPD/0235/18' });
  await cardA.getByRole('button', { name: 'Als Was-wäre-wenn kopieren' }).click();
  await expect(
    coord.getByRole('heading', { level: 1, name: /A: SPD\/0235\/18.*Kopie/ }),
  ).toBeVisible();
  await coord.getByLabel('VZÄ im Szenario').first().fill('0,75');
  await coord.getByRole('button', { name: 'Stellen speichern' }).click();
  await expect(coord.getByText('Summe: 3,25 VZÄ')).toBeVisible();

  // Printable view.
  await coord.getByRole('link', { name: 'Vergleichen' }).click();
  await coord.getByRole('link', { name: 'Druckansicht' }).click();
  await expect(coord.getByRole('heading', { level: 1, name: /Szenarienvergleich/ })).toBeVisible();
  await expect(coord.getByRole('banner')).toHaveCount(0);
});

test('centre staff cannot open posts or scenarios', async ({ page }) => {
  await signIn(page, demo('grone'));
  await expect(page.getByRole('link', { name: 'Stellen', exact: true })).toHaveCount(0);
  await page.goto('/scenarios');
  await expect(page.getByRole('alert')).toHaveText('Dafür fehlt Ihnen die Berechtigung.');
});
