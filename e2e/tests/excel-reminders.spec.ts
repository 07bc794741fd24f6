import AxeBuilder from '@axe-core/playwright';
import { expect, signInAs, test, type Page } from './fixtures/index.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Downloads a link's target with the page's session and checks it is an Excel workbook. */
async function expectWorkbook(page: Page, name: string | RegExp) {
  const href = await page.getByRole('link', { name }).first().getAttribute('href');
  expect(href).toMatch(/\.xlsx(\?|$)/);
  const res = await page.request.get(href!);
  expect(res.status(), await res.text()).toBe(200);
  expect(res.headers()['content-type']).toBe(XLSX);
  expect(res.headers()['content-disposition']).toMatch(/\.xlsx"$/);
  // An .xlsx is a zip archive.
  expect((await res.body()).subarray(0, 2).toString()).toBe('PK');
}

const serious = async (page: Page) =>
  (
    await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  ).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

test('the council report, the comparison and the audit log download as Excel next to the CSV', async ({
  pageAs,
}) => {
  test.setTimeout(120_000);
  const coordinator = await pageAs('koordination', '/report');
  await expect(
    coordinator.getByRole('heading', { name: 'Bericht an den Rat', level: 1 }),
  ).toBeVisible();
  await coordinator.getByRole('button', { name: 'Letztes Quartal' }).click();
  await expect(coordinator.getByRole('link', { name: 'CSV herunterladen' })).toBeVisible();
  await expectWorkbook(coordinator, 'Excel (.xlsx) herunterladen');

  await coordinator.goto('/comparison');
  await expect(coordinator.getByRole('link', { name: 'CSV herunterladen' })).toBeVisible();
  await expectWorkbook(coordinator, 'Excel (.xlsx) herunterladen');

  const dpo = await pageAs('datenschutz', '/audit');
  await expect(dpo.getByRole('link', { name: 'Als CSV exportieren' })).toBeVisible();
  await expectWorkbook(dpo, 'Als Excel (.xlsx) exportieren');
});

test('without SMTP, Mein Konto says email is not set up and keeps the reminder choice', async ({
  page,
  staff,
}) => {
  await signInAs(page, staff, '/account');
  await expect(page.getByRole('heading', { name: 'Erinnerungen per E-Mail' })).toBeVisible();
  await expect(page.getByText('E-Mail ist nicht eingerichtet')).toBeVisible();
  const digest = page.getByRole('radio', { name: /Bei Zuweisung und täglich fällige Aufgaben/ });
  await expect(page.getByRole('radio', { name: /^Bei Zuweisung –/ })).toBeChecked();
  await digest.check();
  await expect(page.getByText('Gespeichert.')).toBeVisible();
  expect(await serious(page)).toEqual([]);
  await page.reload();
  await expect(digest).toBeChecked();
});
