import {
  createApplication,
  createParticipant,
  createPost,
  createVacancy,
  expect,
  openMenu,
  signInAs,
  test,
} from './fixtures/index.ts';

test('the data-protection officer answers an access request and erases a person on request', async ({
  page,
  centre,
  staffApi,
  tag,
}) => {
  // The person asking is one of this test's own centre.
  const { code } = await createParticipant(staffApi, centre.id, {
    alias: `Auskunft ${tag}`,
    consents: ['follow_up_contact'],
  });
  await signInAs(page, 'datenschutz');
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

  // The erasure is in the audit log under the code only (erasures of participants: a short list).
  await page.goto(`/audit`);
  await page.getByLabel('Aktion').selectOption('delete');
  await page.getByLabel('Objekt').selectOption('participant');
  await expect(page.getByRole('cell', { name: new RegExp(code) }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: new RegExp(`Auskunft ${tag}`) })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Als CSV exportieren' })).toBeVisible();
});

test('the retention dry run lists what is due without erasing; the record of processing reflects the configuration', async ({
  page,
  apiAs,
}) => {
  const dpo = await apiAs('datenschutz');
  await signInAs(page, 'datenschutz', '/retention');
  await expect(page.getByText(/länger als 24 Monate zurückliegt/)).toBeVisible();
  // The dry run is what the page shows; running for real asks first, and is cancelled here
  // (the real run is programme-wide and would erase the shared demo background).
  await page.getByRole('button', { name: 'Jetzt ausführen' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('endgültig gelöscht');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Ausgeführt' })).toHaveCount(0);
  // The dry run changed nothing: what it lists is still there to be erased.
  const due = await dpo.get<{ total: number; participants: { code: string }[] }>(
    '/privacy/retention',
  );
  for (const p of due.participants.slice(0, 3))
    expect((await dpo.raw('GET', `/privacy/participants/${p.code}/erasure`)).status()).toBe(200);

  await page.goto('/records');
  await expect(page.getByRole('heading', { name: 'Teilnehmende (pseudonym)' })).toBeVisible();
  await expect(page.getByText('24 Monate nach dem letzten Kontakt').first()).toBeVisible();
  await expect(page.getByText(/Für folgende Angaben gibt es kein Feld: Nachname/)).toBeVisible();
});

test('an applicant’s access request is answered by email address, then the application is anonymised', async ({
  page,
  admin,
  centre,
  tag,
}) => {
  // An application of this test's own, to a vacancy of its own.
  const post = await createPost(admin, {
    tag,
    allocations: [{ centreId: centre.id, share: '1' }],
    statuses: ['budgeted'],
  });
  const vacancy = await createVacancy(admin, {
    title: `Fachkraft Integration ${tag}`,
    postIds: [post.id],
    panel: [],
    publish: true,
  });
  const applicant = await createApplication(admin, vacancy.id, {
    firstName: 'Otto',
    lastName: `Normal ${tag}`,
  });
  const name = `Otto Normal ${tag}`;
  // The person writes with their address in another case: the search does not mind.
  const asked = applicant.email.replace('otto', 'Otto');

  await signInAs(page, 'datenschutz', '/privacy');
  await page.getByLabel('E-Mail-Adresse der anfragenden Person').fill(asked);
  await page
    .getByRole('search', { name: 'Bewerbungen suchen' })
    .getByRole('button', { name: 'Suchen' })
    .click();
  const card = page.locator('.privacy-matches li').filter({ hasText: name });
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
  await expect(page.getByText(`Keine Bewerbung unter ${asked} gespeichert.`)).toBeVisible();
});
