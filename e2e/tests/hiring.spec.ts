import { readFileSync } from 'node:fs';
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
