import { expect, test } from '@playwright/test';
import { demo, signIn, unique } from './fixtures.ts';

test('admin creates a centre-staff user for Leineberg who then sees only that centre', async ({
  browser,
}) => {
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, demo('admin'));
  await adminPage.goto('/users/new');
  const email = `${unique('neu')}@stadt-goettingen.de`;
  const password = 'Leineberg-Start-2026';

  // Forgetting the centre is caught before anything is saved.
  await adminPage.getByLabel('Anzeigename').fill('Nora Neu');
  await adminPage.getByLabel('E-Mail-Adresse').fill(email);
  await adminPage.getByLabel('Erstes Passwort').fill(password);
  await adminPage.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(
    adminPage.getByText('Fachkräfte müssen mindestens einem Zentrum zugeordnet sein.'),
  ).toBeVisible();

  await adminPage.getByRole('checkbox', { name: /Stadtteilbüro Leineberg/ }).check();
  await adminPage.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(adminPage.getByRole('heading', { name: 'Nora Neu', level: 1 })).toBeVisible();

  const staffPage = await (await browser.newContext()).newPage();
  await signIn(staffPage, email, password);
  // Centre staff start on "Heute erfassen"; their centre is one menu entry away.
  await expect(staffPage.getByRole('heading', { name: 'Heute erfassen', level: 1 })).toBeVisible();
  await staffPage.goto('/centres');
  await expect(staffPage.getByRole('heading', { name: 'Mein Zentrum', level: 1 })).toBeVisible();
  const cards = staffPage.locator('.card-title');
  await expect(cards).toHaveText(['Stadtteilbüro Leineberg']);
  await expect(staffPage.getByRole('link', { name: 'Benutzer' })).toHaveCount(0);

  // The admin deactivates the account; the staff member's next request signs them out.
  await adminPage.getByRole('button', { name: 'Konto deaktivieren' }).click();
  await adminPage.getByRole('dialog').getByRole('button', { name: 'Konto deaktivieren' }).click();
  await expect(adminPage.getByText('deaktiviert', { exact: true })).toBeVisible();
  await staffPage.reload();
  await expect(staffPage.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
});

test('a centre-staff user cannot open the user administration', async ({ page }) => {
  await signIn(page, demo('weststadt'));
  await page.goto('/users');
  await expect(page.getByRole('alert')).toHaveText('Dafür fehlt Ihnen die Berechtigung.');
});
