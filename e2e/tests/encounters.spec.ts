import {
  createGroup,
  createParticipant,
  expect,
  openMenu,
  signInAs,
  test,
  unique,
  type Page,
} from './fixtures/index.ts';

test.use({ viewport: { width: 390, height: 844 } });

/**
 * Counts taps from here on, so the journey can prove its budget. Pointer presses, not clicks:
 * a tap on a label also fires a click on its input.
 */
async function countTaps(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { taps: number }).taps = 0;
    document.addEventListener(
      'pointerdown',
      () => (window as unknown as { taps: number }).taps++,
      true,
    );
  });
  return () => page.evaluate(() => (window as unknown as { taps: number }).taps);
}

test('a centre logs today’s language café from its roster with two walk-ins and 3 host-society residents in ≤ 5 taps; the coordinator sees it', async ({
  pageAs,
  centre,
  staff: account,
  staffApi,
  tag,
}) => {
  // The centre's own language café meets today, with four people on its roster who consented.
  const roster = [];
  for (let i = 0; i < 4; i++)
    roster.push(
      await createParticipant(staffApi, centre.id, {
        alias: `Roster${i} ${tag}`,
        consents: ['follow_up_contact'],
      }),
    );
  const group = await createGroup(staffApi, {
    centreId: centre.id,
    activityKey: 'language_cafe',
    name: `Sprachcafé ${tag}`,
    memberIds: roster.map((p) => p.id),
  });

  const staff = await pageAs(account);
  // Opening the app lands on "Heute erfassen".
  await expect(staff.getByRole('heading', { name: 'Heute erfassen', level: 1 })).toBeVisible({
    timeout: 30_000,
  });
  await expect(staff.getByRole('button', { name: new RegExp(`^${group.name}`) })).toBeVisible({
    timeout: 30_000,
  });
  const taps = await countTaps(staff);
  const started = Date.now();

  await staff.getByRole('button', { name: new RegExp(`^${group.name}`) }).click(); // 1: the group
  const named = staff.getByRole('group', { name: /^Namentlich/ }).getByRole('checkbox');
  const rosterSize = await named.count();
  expect(rosterSize).toBe(roster.length);
  // Nobody is ticked present by default: one careless tap must not record the whole roster.
  for (let i = 0; i < rosterSize; i++) await expect(named.nth(i)).not.toBeChecked();
  await staff.getByRole('button', { name: 'Alle anwesend' }).click(); // 2: everyone, on purpose
  for (let i = 0; i < rosterSize; i++) await expect(named.nth(i)).toBeChecked();
  await staff
    .getByRole('group', { name: 'Spontan dazugekommen' })
    .getByText('2', { exact: true })
    .click(); // 3: two walk-ins (no consent → anonymous newcomers)
  await staff
    .getByRole('group', { name: 'Aufnahmegesellschaft' })
    .getByText('3', { exact: true })
    .click(); // 4: three host-society residents
  await expect(staff.getByText('Ohne Einwilligung wird die Person nur anonym')).toBeVisible();
  await expect(staff.locator('.log-total')).toContainText('Neuzugezogene gesamt: 6');
  await staff.screenshot({ path: 'e2e/.artifacts/screens/log-form-phone-de.png', fullPage: true });
  await staff.getByRole('button', { name: 'Speichern' }).click(); // 5: save

  const saved = staff.getByRole('status').filter({ hasText: 'Gespeichert' });
  await expect(saved).toContainText('3 aus der Aufnahmegesellschaft');
  await expect(saved).toContainText(`${rosterSize + 2} Neuzugezogene`);
  expect(await taps()).toBeLessThanOrEqual(5);
  await expect(saved).toBeFocused();
  expect(Date.now() - started).toBeLessThan(30_000);
  const href = await saved.getByRole('link').getAttribute('href');
  expect(href).toMatch(/^\/encounters\/\d+$/);
  // The today screen marks the session as logged.
  await expect(staff.getByRole('link', { name: new RegExp(`^${group.name}`) })).toContainText(
    'bereits erfasst',
  );

  // It is in the centre's list; the coordinator opens it (their list holds every centre's).
  await staff.goto('/encounters');
  await expect(staff.locator(`a[href="${href}"]`)).toBeVisible();
  const coordinator = await pageAs('koordination', href!);
  await expect(coordinator.getByRole('heading', { level: 1 })).toContainText('Sprachcafé');
  await expect(coordinator.getByText(centre.name)).toBeVisible();
  const details = coordinator.locator('.detail-list');
  await expect(details).toContainText('Aufnahmegesellschaft3');
  await expect(details).toContainText('Neuzugezogene2');
  await expect(details.getByRole('link')).toHaveCount(rosterSize);
});

test('a participant without consent can only be counted anonymously', async ({ page, staff }) => {
  await signInAs(page, staff);
  await openMenu(page);
  await page.getByRole('link', { name: 'Teilnehmende' }).click();
  await page.getByRole('button', { name: 'Person anlegen' }).click();
  const alias = unique('Ohne');
  await page.getByLabel('Vorname oder Spitzname (freiwillig)').fill(alias);
  await expect(page.getByText('Keine Angaben zu Gesundheit, Religion')).toBeVisible();
  await page.getByRole('button', { name: 'Anlegen', exact: true }).click();
  await expect(page.getByRole('heading', { name: alias, level: 1 })).toBeVisible();
  await expect(page.getByText('nur anonym zählbar')).toBeVisible();
  await expect(page.getByText(/kann diese Person nicht namentlich erfasst/).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Aufgabe anlegen' })).toHaveCount(0);
  const participantId = Number(page.url().split('/').pop());

  // The API refuses naming them, whatever the UI does.
  const session = await (await page.request.get('/api/auth/session')).json();
  const centreId = session.user.centreIds[0];
  const activities = await (await page.request.get('/api/activities')).json();
  const res = await page.request.post('/api/encounters', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: {
      centreId,
      activityId: activities[0].id,
      date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date()),
      startTime: '00:00',
      durationMinutes: 60,
      headcounts: { newcomers: 0, host: 0, volunteers: 0, other: 0 },
      attendeeIds: [participantId],
      clientRequestId: crypto.randomUUID(),
    },
  });
  expect(res.status()).toBe(409);
  expect((await res.json()).code).toBe('CONSENT_REQUIRED');

  // On the logging screen searching them offers only an anonymous count.
  await page.goto('/today');
  await page.getByRole('button', { name: /^Andere Begegnung/ }).click();
  await page.getByLabel('Weitere Person suchen').fill(alias);
  const hit = page.getByRole('button', { name: new RegExp(alias) });
  await expect(hit).toContainText('keine Einwilligung – anonym zählen');
  await hit.click();
  await expect(page.getByRole('group', { name: /^Namentlich \(0\)/ })).toBeVisible();
  await expect(
    page
      .getByRole('group', { name: 'Neuzugezogene' })
      .getByRole('radio', { name: '1', exact: true }),
  ).toBeChecked();
  await page.getByRole('button', { name: 'Speichern' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Gespeichert' });
  await expect(saved).toContainText('1 Neuzugezogene');
  await saved.getByRole('link').click();
  await expect(page.locator('.detail-list')).not.toContainText(alias);
  await expect(page.locator('.detail-list')).toContainText('Neuzugezogene1');
});

test('the consent sheet is printable in Arabic, right to left, with unreviewed text marked', async ({
  page,
}) => {
  await signInAs(page, 'grone', '/');
  // Another journey may have marked the translation reviewed: read the flag, do not assume it.
  const info = await (await page.request.get('/api/consent-sheet')).json();
  const reviewed = info.reviews.find((r: { language: string }) => r.language === 'ar').reviewed;
  await page.goto('/consent-sheet/ar');
  const ar = page.locator('section[lang="ar"]');
  await expect(ar).toHaveAttribute('dir', 'rtl', { timeout: 20_000 });
  await expect(ar.getByText(/noch nicht geprüft/)).toHaveCount(reviewed ? 0 : 1);
  await expect(page.locator('section[lang="de"]')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('section[lang="de"] .sheet-placeholder')).toHaveCount(0);
  await page.screenshot({
    path: 'e2e/.artifacts/screens/consent-sheet-ar-phone.png',
    fullPage: true,
  });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
});

test('consent is recorded and withdrawn only after a confirmation', async ({ page, staff }) => {
  await signInAs(page, staff);
  await openMenu(page);
  await page.getByRole('link', { name: 'Teilnehmende' }).click();
  await page.getByRole('button', { name: 'Person anlegen' }).click();
  const alias = unique('Mit');
  await page.getByLabel('Vorname oder Spitzname (freiwillig)').fill(alias);
  await page.getByRole('button', { name: 'Anlegen', exact: true }).click();
  await expect(page.getByRole('heading', { name: alias, level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Einwilligung erfassen' }).click();
  const consents = page.locator('.consent-list');
  await expect(consents.getByText('Einwilligung gültig', { exact: true })).toBeVisible();
  await consents.getByRole('button', { name: 'Widerrufen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Einwilligung widerrufen?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(consents.getByText('Einwilligung gültig', { exact: true })).toBeVisible();

  await consents.getByRole('button', { name: 'Widerrufen' }).click();
  await dialog.getByRole('button', { name: 'Widerrufen' }).click();
  await expect(consents.getByText('widerrufen', { exact: true })).toBeVisible();
  await expect(consents.getByRole('button', { name: 'Widerrufen' })).toHaveCount(0);
});
