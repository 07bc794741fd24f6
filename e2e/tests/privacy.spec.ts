import { expect, test } from '@playwright/test';
import { demo, openMenu, signIn } from './fixtures.ts';

/** A participant code from the demo data, read through the coordinator's API. */
async function someParticipantCode(browser: import('@playwright/test').Browser, offset: number) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, demo('koordination'));
  const res = await page.request.get(`/api/participants?limit=1&offset=${offset}`);
  const code = (await res.json()).items[0].code as string;
  await page.context().close();
  return code;
}

test('the data-protection officer answers an access request and erases a person on request', async ({
  browser,
  page,
}) => {
  const code = await someParticipantCode(browser, 7);
  await signIn(page, demo('datenschutz'));
  await openMenu(page);
  await page.getByRole('link', { name: 'Auskunft und Löschung' }).click();
  await expect(
    page.getByRole('heading', { name: 'Auskunft und Löschung', level: 1 }),
  ).toBeVisible();

  await page.getByLabel('Kennung der Person').fill('kaputt');
  await page
    .getByRole('search', { name: 'Teilnehmende suchen' })
    .getByRole('button', { name: 'Suchen' })
    .click();
  await expect(page.getByText('Bitte eine Kennung im Format GRO-7KQ3 eingeben.')).toBeVisible();

  await page.getByLabel('Kennung der Person').fill(code.toLowerCase());
  await page
    .getByRole('search', { name: 'Teilnehmende suchen' })
    .getByRole('button', { name: 'Suchen' })
    .click();
  await expect(page.getByRole('heading', { name: `Auskunft für ${code}` })).toBeVisible();

  // The PDF link serves a real PDF to this session.
  const href = await page.getByRole('link', { name: 'Auskunft als PDF' }).getAttribute('href');
  const pdf = await page.request.get(href!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  const erase = page.getByRole('button', { name: 'Endgültig löschen' });
  await expect(erase).toBeDisabled();
  await page.getByLabel('Anlass (z. B. Antrag vom …)').fill('Antrag per Brief vom 30.11.');
  await page.getByLabel(`Zur Bestätigung die Kennung ${code} eingeben`).fill(code);
  await page.screenshot({
    path: 'e2e/.artifacts/screens/privacy-erase-desktop-de.png',
    fullPage: true,
  });
  await erase.click();
  await expect(
    page.getByRole('status').filter({ hasText: `${code} wurde gelöscht` }),
  ).toBeVisible();

  // Searching again finds nothing.
  await page
    .getByRole('search', { name: 'Teilnehmende suchen' })
    .getByRole('button', { name: 'Suchen' })
    .click();
  await expect(
    page.getByText(`Unter der Kennung ${code} sind keine Daten gespeichert`),
  ).toBeVisible();

  // The erasure is in the audit log under the code only.
  await page.goto(`/audit`);
  await expect(page.getByRole('cell', { name: new RegExp(code) }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Als CSV exportieren' })).toBeVisible();
});

test('retention dry run and the record of processing reflect the configuration', async ({
  page,
}) => {
  await signIn(page, demo('datenschutz'));
  await page.goto('/retention');
  await expect(page.getByText(/länger als 24 Monate zurückliegt/)).toBeVisible();
  await page.getByRole('button', { name: 'Jetzt ausführen' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('endgültig gelöscht');
  await dialog.getByRole('button', { name: 'Jetzt ausführen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ausgeführt' })).toBeVisible();

  await page.goto('/records');
  await expect(page.getByRole('heading', { name: 'Teilnehmende (pseudonym)' })).toBeVisible();
  await expect(page.getByText('24 Monate nach dem letzten Kontakt').first()).toBeVisible();
  await expect(page.getByText(/Für folgende Angaben gibt es kein Feld: Nachname/)).toBeVisible();
});

test('an applicant’s access request is answered by email address, then the application is anonymised', async ({
  page,
}) => {
  await signIn(page, demo('datenschutz'));
  await page.goto('/privacy');
  await page
    .getByLabel('E-Mail-Adresse der anfragenden Person')
    .fill('Otto.Normalbewerber@beispiel.example');
  await page
    .getByRole('search', { name: 'Bewerbungen suchen' })
    .getByRole('button', { name: 'Suchen' })
    .click();
  const card = page.locator('.privacy-matches li').filter({ hasText: 'Otto Normalbewerber' });
  await expect(card).toBeVisible();
  const pdf = await page.request.get(
    (await card.getByRole('link', { name: 'Auskunft als PDF' }).getAttribute('href'))!,
  );
  expect(pdf.headers()['content-type']).toBe('application/pdf');

  await card.getByRole('button', { name: 'Anonymisieren' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Anonymisieren' })).toBeDisabled();
  await dialog.getByLabel('Anlass (z. B. Antrag vom …)').fill('E-Mail vom 30.11.');
  await dialog.getByRole('button', { name: 'Anonymisieren' }).click();
  await expect(page.getByText(/wurde anonymisiert/)).toBeVisible();
  await expect(
    page.getByText('Keine Bewerbung unter Otto.Normalbewerber@beispiel.example gespeichert.'),
  ).toBeVisible();
});
