import { mkdirSync, readFileSync } from 'node:fs';
import {
  createApplication,
  createPost,
  createUser,
  createVacancy,
  expect,
  test,
  type Api,
  type Centre,
  type Page,
} from './fixtures/index.ts';

/** A post of the test's centre and two panel members of its own. */
async function procedure(admin: Api, centre: Centre, tag: string) {
  const post = await createPost(admin, {
    tag,
    allocations: [{ centreId: centre.id, share: '1' }],
    statuses: ['budgeted', 'approved'],
  });
  const panel = [
    await createUser(admin, {
      tag,
      roles: ['panel_member'],
      key: 'panel-a',
      displayName: `Paula Panel ${tag}`,
    }),
    await createUser(admin, {
      tag,
      roles: ['panel_member'],
      key: 'panel-b',
      displayName: `Peter Panel ${tag}`,
    }),
  ];
  return { post, panel };
}

async function confirm(page: Page, name: string) {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name }).click();
  await expect(dialog).toBeHidden();
}

async function score(page: Page, value: string) {
  for (let k = 1; k <= 5; k++)
    await page
      .getByRole('radiogroup', { name: `K${k}`, exact: true })
      .getByLabel(value, { exact: true })
      .check();
  await page.getByLabel('Gesamtempfehlung').selectOption({ label: 'ja' });
  await page.getByLabel('Notizen').fill('Strukturiertes Interview, alle Fragen gestellt');
  await page.getByRole('button', { name: 'Abgeben' }).click();
  await confirm(page, 'Abgeben');
}

test('publish → receive an application → screen → two panel members score → selection record', async ({
  pageAs,
  admin: adminApi,
  centre,
  tag,
}) => {
  test.slow(); // the longest journey: four people, two panel sessions, three downloads
  const { post, panel } = await procedure(adminApi, centre, tag);
  const title = `Fachkraft Integration (m/w/d) ${tag}`;
  await createVacancy(adminApi, { title, postIds: [post.id], panel: panel.map((p) => p.id) });
  const admin = await pageAs('admin', '/vacancies');
  await admin.getByRole('link', { name: title }).click();
  await expect(admin.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(admin.getByText('Anforderungen: Fassung 1 (Entwurf)')).toBeVisible();

  // Publishing freezes the criteria version.
  await admin.getByRole('button', { name: 'Veröffentlichen' }).click();
  await confirm(admin, 'Veröffentlichen');
  await expect(admin.getByText(/Anforderungen: Fassung 1, eingefroren am/)).toBeVisible();
  const vacancyUrl = admin.url();

  // An application arrives.
  await admin.getByRole('button', { name: 'Bewerbung erfassen' }).click();
  await admin.getByLabel('Vorname').fill('Aylin');
  await admin.getByLabel('Nachname').fill('Beispielhaft');
  await admin.getByLabel('E-Mail').fill('aylin.beispielhaft@beispiel.example');
  await admin.getByRole('button', { name: 'Bewerbung speichern' }).click();
  await admin.getByRole('link', { name: 'Aylin Beispielhaft' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Aylin Beispielhaft' })).toBeVisible();
  const applicationUrl = admin.url();

  // Screening: a person records results; the software only suggests.
  await expect(admin.getByText(/Die Software schlägt vor, ein Mensch entscheidet/)).toBeVisible();
  const k1 = admin.getByRole('group', { name: /^K1 · Muss/ });
  await k1.getByLabel('nicht erfüllt', { exact: true }).check();
  const k2 = admin.getByRole('group', { name: /^K2 · Muss/ });
  await k2.getByLabel('erfüllt', { exact: true }).check();
  await k2
    .getByLabel('Beleg / Notiz')
    .fill('5 Jahre Flüchtlingssozialarbeit, Arbeitszeugnisse liegen vor');
  await admin.getByRole('button', { name: 'Sichtung speichern' }).click();
  await expect(admin.getByText('Sichtung gespeichert.')).toBeVisible();
  await expect(admin.locator('.hiring-evaluation')).toContainText('Mussanforderungen erfüllt');
  await expect(admin.getByText('Gesichtet', { exact: true })).toBeVisible();

  await admin.getByRole('button', { name: 'Zum Gespräch einladen' }).click();
  await confirm(admin, 'Zum Gespräch einladen');
  await expect(admin.getByText('Eingeladen', { exact: true })).toBeVisible();

  // Two panel members score independently.
  const paula = panel[0]!.displayName;
  const panel1 = await pageAs(panel[0]!, applicationUrl);
  await score(panel1, '4');
  await expect(panel1.locator('.hiring-cards')).toContainText(paula);
  await expect(panel1.locator('.hiring-cards')).toContainText('abgegeben');

  const panel2 = await pageAs(panel[1]!, applicationUrl);
  await expect(panel2.getByText(/1 weitere Bögen sind verborgen/)).toBeVisible();
  await expect(panel2.locator('.hiring-cards')).not.toContainText(paula);
  await score(panel2, '3');
  await expect(panel2.locator('.hiring-cards')).toContainText(paula);

  // A submitted card is locked; a correction is a new revision with a reason.
  await panel1.reload();
  await panel1.getByRole('button', { name: 'Korrektur als neue Fassung' }).click();
  await panel1.getByLabel('K1', { exact: true }).selectOption('5');
  await panel1.getByLabel('Grund der Korrektur').fill('Übertragungsfehler bei Frage 1');
  await panel1.getByRole('button', { name: 'Korrektur speichern' }).click();
  await expect(panel1.getByText('Korrektur 2: Übertragungsfehler bei Frage 1')).toBeVisible();

  // HR closes, records the ranking with reasons and exports the selection record.
  await admin.goto(vacancyUrl);
  await expect(admin.getByText('2 von 1 abgegeben')).toHaveCount(0);
  await expect(admin.getByText('1 von 1 abgegeben')).toHaveCount(2);
  await admin.getByRole('button', { name: 'Frist beenden' }).click();
  await confirm(admin, 'Frist beenden');
  const row = admin.getByRole('group', { name: /Aylin Beispielhaft/ });
  await row.getByLabel('Rang').fill('1');
  await row
    .getByLabel('Schriftliche Begründung')
    .fill('Einschlägige Erfahrung, überzeugendes Interview');
  await admin.getByRole('button', { name: 'Auswahl festhalten' }).click();
  await confirm(admin, 'Auswahl festhalten');
  await expect(admin.getByText('Entschieden', { exact: true })).toBeVisible();
  await expect(admin.locator('.hiring-ranking')).toContainText('Einschlägige Erfahrung');

  const [pdf] = await Promise.all([
    admin.waitForEvent('download'),
    admin.getByRole('link', { name: 'PDF' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/^auswahlvermerk-\d+\.pdf$/);
  const bytes = readFileSync((await pdf.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(2000);

  const [md] = await Promise.all([
    admin.waitForEvent('download'),
    admin.getByRole('link', { name: 'Markdown' }).click(),
  ]);
  const text = readFileSync((await md.path())!, 'utf8');
  expect(text).toContain('# Auswahlvermerk');
  expect(text).toContain('| 1 | Aylin Beispielhaft |');
  expect(text).toContain('Einschlägige Erfahrung, überzeugendes Interview');
  expect(text).toContain('5 Jahre Flüchtlingssozialarbeit');
});

test('panel members never see the self-disclosure; admins only with a reason', async ({
  pageAs,
  admin: adminApi,
  centre,
  tag,
}) => {
  const { post, panel } = await procedure(adminApi, centre, tag);
  const vacancy = await createVacancy(adminApi, {
    title: `Fachkraft Integration (m/w/d) ${tag}`,
    postIds: [post.id],
    panel: panel.map((p) => p.id),
    publish: true,
  });
  const nora = await createApplication(adminApi, vacancy.id, {
    firstName: 'Nora',
    lastName: `Fiktiv ${tag}`,
  });
  // The voluntary, separately consented self-disclosure (stored apart).
  await adminApi.put(`/applications/${nora.id}/self-disclosure`, {
    consent: true,
    consentTextVersion: 'SD-2026-1',
    migrationBackground: 'prefer_not_to_say',
  });
  const url = `/vacancies/${vacancy.id}/applications/${nora.id}`;
  const name = `Nora Fiktiv ${tag}`;

  const member = await pageAs(panel[0]!, url);
  await expect(member.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(member.getByText(/Selbstauskunft/)).toHaveCount(0);

  const admin = await pageAs('admin', url);
  await expect(admin.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(admin.getByText('keine Angabe', { exact: true })).toHaveCount(1); // disability field only
  await admin.getByRole('button', { name: 'Mit Begründung anzeigen' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel('Begründung').fill('Anonyme Statistik nach § 5 AGG');
  await dialog.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(admin.locator('.hiring-self-disclosure')).toContainText('keine Angabe');
});

test('the must-invite marker is visible in the overview and on the application', async ({
  pageAs,
  admin: adminApi,
  centre,
  tag,
}) => {
  const { post, panel } = await procedure(adminApi, centre, tag);
  const vacancy = await createVacancy(adminApi, {
    title: `Fachkraft Integration (m/w/d) ${tag}`,
    postIds: [post.id],
    panel: panel.map((p) => p.id),
    publish: true,
  });
  const kai = await createApplication(adminApi, vacancy.id, {
    firstName: 'Kai',
    lastName: `Platzhalter ${tag}`,
    severelyDisabled: true,
  });
  await createApplication(adminApi, vacancy.id, { firstName: 'Nora', lastName: `Fiktiv ${tag}` });

  const admin = await pageAs('admin', `/vacancies/${vacancy.id}`);
  await expect(admin.getByText(`Kai Platzhalter ${tag}`)).toBeVisible();
  await expect(admin.getByText('Einladen (§ 165 SGB IX)')).toHaveCount(1);
  await admin.goto(`/vacancies/${vacancy.id}/applications/${kai.id}`);
  await expect(admin.locator('.hiring-must-invite-banner')).toContainText('§ 165 SGB IX');
});

test('a new vacancy: advert warnings inline, frozen at publication, a change is a new version', async ({
  pageAs,
  admin: adminApi,
  centre,
  tag,
}) => {
  const { post } = await procedure(adminApi, centre, tag);
  const title = `Fachkraft Integration ${tag}`;
  const admin = await pageAs('admin', '/vacancies/new');
  await admin.getByLabel('Titel der Ausschreibung').fill(title);
  await admin.getByLabel(new RegExp(post.code)).check();
  await admin.getByLabel('Bewerbungsfrist').fill('2027-03-31');
  const advert = admin.getByLabel('Ausschreibungstext');
  await advert.fill('Wir suchen für unser junges Team eine Fachkraft, Muttersprache Deutsch.');
  const warnings = admin.locator('.alert-warning');
  await expect(warnings).toContainText('(m/w/d)');
  await expect(warnings).toContainText('Altersbezogene Formulierung');
  await expect(warnings).toContainText('Muttersprache');
  await advert.fill('Fachkraft Integration (m/w/d), Deutsch auf Niveau C1, Arabisch B2 erwünscht.');
  await expect(admin.getByText('Keine Auffälligkeiten im Ausschreibungstext.')).toBeVisible();
  await admin.getByRole('button', { name: 'Entwurf speichern' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: title })).toBeVisible();

  await admin.getByRole('button', { name: 'Veröffentlichen' }).click();
  await confirm(admin, 'Veröffentlichen');
  await expect(admin.getByText(/Anforderungen: Fassung 1, eingefroren am/)).toBeVisible();

  await admin.getByText('Ausschreibungstext und Anforderungsprofil').click();
  await admin.getByRole('button', { name: 'Neue Fassung anlegen' }).click();
  await expect(admin.getByText(/seit der Veröffentlichung eingefroren/)).toBeVisible();
  await admin.getByLabel('Begründung der Änderung').fill('Sprachniveau präzisiert');
  await admin
    .getByRole('group', { name: 'K4', exact: true })
    .getByLabel('Kriterium')
    .fill('Arabisch oder Dari mindestens B2 (GER)');
  await admin.getByRole('button', { name: 'Neue Fassung speichern' }).click();
  await expect(admin.getByText('Anforderungen: Fassung 2 (Entwurf)')).toBeVisible();
  await expect(
    admin.getByText(/muss erneut ausgeschrieben oder das Verfahren abgebrochen werden/),
  ).toBeVisible();
  await expect(admin.getByText('Entwurf', { exact: true })).toBeVisible();
});

/** Every criterion of the vacancy rated `score`, submitted by `member`. */
async function submitCard(member: Api, vacancyId: number, applicationId: number, score: number) {
  const v = await member.get<{ criteriaSet: { criteria: { id: number }[] } }>(
    `/vacancies/${vacancyId}`,
  );
  await member.post(`/vacancies/${vacancyId}/scorecards`, {
    applicationId,
    stage: 'first_interview',
    ratings: v.criteriaSet.criteria.map((c) => ({ criterionId: c.id, score })),
    recommendation: score >= 3 ? 'yes' : 'no',
    notes: 'Strukturiertes Interview',
    submit: true,
  });
}

/** Screenshots at phone and desktop width (kept with the screens'), with the overflow check. */
async function shoot(page: Page, name: string) {
  mkdirSync('e2e/.artifacts/screens', { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `e2e/.artifacts/screens/${name}-${width}.png`, fullPage: true });
    expect
      .soft(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width}`)
      .toBeLessThanOrEqual(width);
  }
}

test('score matrix: means and weighted totals, hidden until one’s own card, sortable; a late correction is flagged', async ({
  pageAs,
  apiAs,
  admin: adminApi,
  centre,
  tag,
}) => {
  test.slow();
  const { post, panel } = await procedure(adminApi, centre, tag);
  const vacancy = await createVacancy(adminApi, {
    title: `Fachkraft Integration (m/w/d) ${tag}`,
    postIds: [post.id],
    panel: panel.map((p) => p.id),
    publish: true,
  });
  const anna = await createApplication(adminApi, vacancy.id, {
    firstName: 'Anna',
    lastName: `Matrix ${tag}`,
    statuses: ['screened', 'invited'],
  });
  const ben = await createApplication(adminApi, vacancy.id, {
    firstName: 'Ben',
    lastName: `Matrix ${tag}`,
    statuses: ['screened', 'invited'],
  });
  const [p1, p2] = [await apiAs(panel[0]!), await apiAs(panel[1]!)];
  await submitCard(p1, vacancy.id, anna.id, 4);
  await submitCard(p1, vacancy.id, ben.id, 2);
  await submitCard(p2, vacancy.id, anna.id, 3);
  const annaName = `Anna Matrix ${tag}`;
  const benName = `Ben Matrix ${tag}`;
  const vacancyUrl = `/vacancies/${vacancy.id}`;

  // Peter has scored Anna, not Ben: Ben's row shows only that a card exists.
  const peter = await pageAs(panel[1]!, vacancyUrl);
  const region = peter.getByRole('region', { name: /Bewerbende × Kriterien/ });
  await expect(region).toHaveAttribute('tabindex', '0');
  const table = region.getByRole('table');
  const annaRow = table.getByRole('row', { name: new RegExp(annaName) });
  const benRow = table.getByRole('row', { name: new RegExp(benName) });
  // Weights 5 + 4 + 3 + 2 + 2 = 16; Anna's means are 3.5 on every criterion.
  await expect(annaRow.getByRole('cell').last()).toHaveText('56');
  await expect(annaRow).toContainText('Mittelwert 3,5 aus 2 Bögen');
  await expect(benRow).toContainText(
    '1 Bogen abgegeben; sichtbar, sobald Ihr eigener abgegeben ist',
  );
  await expect(benRow).not.toContainText('Mittelwert');
  await expect(benRow.getByRole('cell').last()).toHaveText('—');
  await expect(table.getByRole('columnheader', { name: /K1: .*Gewicht 5/ })).toBeVisible();
  await shoot(peter, 'hiring-matrix-panel');

  // HR sees every row; the total sorts both ways from the keyboard.
  const admin = await pageAs('admin', vacancyUrl);
  await expect(admin.locator('.hiring-duties')).toContainText('Personalrat der Stadt');
  const rows = admin.locator('.hiring-matrix tbody tr th[scope="row"] .hiring-matrix-name');
  await expect(rows).toHaveText([annaName, benName]);
  const totalHeader = admin.getByRole('columnheader', { name: /Gewichtete Summe/ });
  await expect(totalHeader).toHaveAttribute('aria-sort', 'descending');
  await totalHeader.getByRole('button').focus();
  await admin.keyboard.press('Enter');
  await expect(totalHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows).toHaveText([benName, annaName]);
  await expect(
    admin
      .getByRole('row', { name: new RegExp(benName) })
      .getByRole('cell')
      .last(),
  ).toHaveText('32');

  // Paula reads the colleagues' cards, then corrects hers: flagged as late everywhere.
  const paula = await pageAs(panel[0]!, `${vacancyUrl}/applications/${anna.id}`);
  await expect(paula.locator('.hiring-cards')).toContainText(panel[1]!.displayName);
  await paula.getByRole('button', { name: 'Korrektur als neue Fassung' }).click();
  await expect(paula.getByText(/Diese Korrektur wird im Auswahlvermerk/)).toBeVisible();
  await paula.getByLabel('K1', { exact: true }).selectOption('5');
  await paula.getByLabel('Grund der Korrektur').fill('Nach Blick in die Bögen angepasst');
  await paula.getByRole('button', { name: 'Korrektur speichern' }).click();
  await expect(paula.locator('.hiring-cards .hiring-flag-late')).toContainText(
    'nach Einsicht in andere Bögen',
  );
  await expect(paula.locator('.hiring-late-banner')).toContainText(
    '1 Bogen nach Einsicht in andere Bögen',
  );
  await shoot(paula, 'hiring-application-late');

  await admin.reload();
  await expect(
    admin.locator('.hiring-table').getByRole('row', { name: new RegExp(annaName) }),
  ).toContainText('1 Bogen nach Einsicht in andere Bögen');
  await expect(
    admin.getByRole('row', { name: new RegExp(annaName) }).locator('.hiring-flag-late'),
  ).toHaveCount(2); // overview and matrix
  await expect(admin.locator('.hiring-late-summary')).toContainText(
    `${annaName}: ${panel[0]!.displayName} (Fassung 2`,
  );
  await shoot(admin, 'hiring-matrix-admin');
});

test("an association's post: the employer's own duties, no city bodies, SGB IX flagged as its duty", async ({
  pageAs,
  admin: adminApi,
  centre,
  tag,
}) => {
  const post = await createPost(adminApi, {
    tag,
    allocations: [{ centreId: centre.id, share: '1' }],
    statuses: ['budgeted'],
    operatorId: centre.operatorId,
  });
  const member = await createUser(adminApi, { tag, roles: ['panel_member'] });
  const vacancy = await createVacancy(adminApi, {
    title: `Fachkraft Integration (m/w/d) ${tag}`,
    postIds: [post.id],
    panel: [member.id],
    publish: true,
  });
  const kai = await createApplication(adminApi, vacancy.id, {
    firstName: 'Kai',
    lastName: `Verein ${tag}`,
    severelyDisabled: true,
  });
  const admin = await pageAs('admin', `/vacancies/${vacancy.id}`);
  const duties = admin.locator('.hiring-duties');
  await expect(duties).toContainText('Arbeitgeber: Träger der Stelle');
  await expect(duties).toContainText('§ 99 BetrVG');
  await expect(duties).toContainText('§ 164 Abs. 1 SGB IX');
  await expect(duties).not.toContainText('Personalrat der Stadt:');
  await expect(admin.getByRole('button', { name: 'Beteiligung erfassen' })).toHaveCount(0);
  await expect(
    admin.getByText(/Stelle eines Trägers: Personalrat, Gleichstellungsbeauftragte/),
  ).toHaveCount(2); // oversight list and participation panel
  await expect(admin.getByText('Pflicht des Trägers (SGB IX)', { exact: true })).toHaveCount(1);
  await expect(admin.getByText('Einladen (§ 165 SGB IX)')).toHaveCount(0);
  await shoot(admin, 'hiring-vacancy-association');

  await admin.goto(`/vacancies/${vacancy.id}/applications/${kai.id}`);
  await expect(admin.locator('.hiring-duty-banner')).toContainText('§ 165 SGB IX bindet');
  await expect(admin.locator('.hiring-must-invite-banner')).toHaveCount(0);
  await shoot(admin, 'hiring-application-association');

  // In English too.
  await admin.evaluate(() => localStorage.setItem('begegnung.lang', 'en'));
  await admin.goto(`/vacancies/${vacancy.id}`);
  await expect(admin.locator('.hiring-duties')).toContainText("The association's own duties");
});
