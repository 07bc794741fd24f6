import { createParticipant, expect, signInAs, test } from './fixtures/index.ts';

test('admin creates a centre-staff user for a centre who then sees only that centre', async ({
  pageAs,
  centre,
  tag,
}) => {
  const adminPage = await pageAs('admin', '/users/new');
  const email = `neu-${tag}@stadt-goettingen.de`;
  const password = 'Leineberg-Start-2026';

  // Forgetting the centre is caught before anything is saved.
  await adminPage.getByLabel('Anzeigename').fill(`Nora Neu ${tag}`);
  await adminPage.getByLabel('E-Mail-Adresse').fill(email);
  await adminPage.getByLabel('Erstes Passwort').fill(password);
  await adminPage.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(
    adminPage.getByText('Fachkräfte müssen mindestens einem Zentrum zugeordnet sein.'),
  ).toBeVisible();

  await adminPage.getByRole('checkbox', { name: centre.name }).check();
  await adminPage.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(adminPage.getByRole('heading', { name: `Nora Neu ${tag}`, level: 1 })).toBeVisible();

  const staffPage = await pageAs({ id: 0, email, password, displayName: '' });
  // Centre staff start on "Heute erfassen"; their centre is one menu entry away.
  await expect(staffPage.getByRole('heading', { name: 'Heute erfassen', level: 1 })).toBeVisible();
  await staffPage.goto('/centres');
  await expect(staffPage.getByRole('heading', { name: 'Mein Zentrum', level: 1 })).toBeVisible();
  const cards = staffPage.locator('.card-title');
  await expect(cards).toHaveText([centre.name]);
  await expect(staffPage.getByRole('link', { name: 'Benutzer' })).toHaveCount(0);

  // The admin deactivates the account; the staff member's next request signs them out.
  await adminPage.getByRole('button', { name: 'Konto deaktivieren' }).click();
  await adminPage.getByRole('dialog').getByRole('button', { name: 'Konto deaktivieren' }).click();
  await expect(adminPage.getByText('deaktiviert', { exact: true })).toBeVisible();
  await staffPage.reload();
  await expect(staffPage.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
});

test('a centre-staff user cannot open the user administration', async ({ page }) => {
  await signInAs(page, 'weststadt', '/users');
  await expect(page.getByRole('alert')).toHaveText('Dafür fehlt Ihnen die Berechtigung.');
});

test('a centre that people belong to is deactivated instead of deleted, and back again', async ({
  page,
  admin,
  centre,
  staffApi,
  tag,
}) => {
  // Its staff account and a participant belong to it.
  await createParticipant(staffApi, centre.id, { alias: `Bleibt ${tag}` });
  await signInAs(page, 'admin', `/centres/${centre.id}`);
  await page.getByRole('button', { name: 'Löschen' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Löschen' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('deaktivieren Sie es stattdessen');
  await alert.getByRole('button', { name: 'Stattdessen deaktivieren' }).click();
  await expect(
    page.getByText('Das Zentrum ist deaktiviert; seine Daten bleiben erhalten.'),
  ).toBeVisible();
  await expect(page.getByText('inaktiv').first()).toBeVisible();
  expect((await admin.get<{ active: boolean }>(`/centres/${centre.id}`)).active).toBe(false);
  await page.getByRole('button', { name: 'Wieder aktivieren' }).click();
  await expect
    .poll(async () => (await admin.get<{ active: boolean }>(`/centres/${centre.id}`)).active)
    .toBe(true);
});
