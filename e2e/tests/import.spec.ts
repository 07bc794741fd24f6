import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import { addDays, expect, test, today, type Page } from './fixtures/index.ts';

// Issue 16 part 1: a demo centre's own participant list, exported to .xlsx, is imported into a
// fresh centre by that centre's staff. The preview shows the rows' problems (a date in the
// future, a number that is none, an unknown consent purpose, a row twice in the file), the valid
// rows are imported, and importing the same file again changes nothing.

const seriousViolations = async (page: Page) =>
  (
    await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  ).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

interface Page_<T> {
  items: T[];
  total: number;
}

test('the demo participant list, exported to Excel, imports into a fresh centre once', async ({
  apiAs,
  centre,
  staff,
  staffApi,
  pageAs,
  tag,
}) => {
  // The demo's Grone list, exported by Grone's own staff (a read; the demo stays unchanged).
  const grone = await apiAs('grone');
  const centres = await grone.get<{ id: number; code: string }[]>('/centres');
  const gro = centres.find((c) => c.code === 'GRO')!;
  const exported = await grone.request.get(`/api/participants/export.xlsx?centreId=${gro.id}`);
  expect(exported.status()).toBe(200);

  // Four rows with problems appended, as a person editing the list might leave them.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exported.body()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const demoRows = ws.rowCount - 1;
  expect(demoRows).toBeGreaterThan(3);
  const col = (name: string) => header.indexOf(name) + 1;
  // The list starts with people known by code only; the first one with an alias is checked.
  let aliasRow = 2;
  while (!ws.getRow(aliasRow).getCell(col('Alias')).value) aliasRow++;
  const firstAlias = String(ws.getRow(aliasRow).getCell(col('Alias')).value);
  const add = (values: Record<string, string | number | Date>) => {
    const row = ws.getRow(ws.rowCount + 1);
    for (const [k, v] of Object.entries(values)) row.getCell(col(k)).value = v;
    row.commit();
  };
  const future = addDays(today(), 30);
  add({ Alias: `Zukunft ${tag}`, 'Eingezogen am': new Date(`${future}T00:00:00Z`) });
  add({ Alias: `Zahl ${tag}`, Haushaltsgröße: 'viele' });
  add({
    Alias: `Zweck ${tag}`,
    Einwilligungen: 'Werbung',
    'Einwilligung erteilt am': new Date(`${addDays(today(), -10)}T00:00:00Z`),
    'Sprache der Aufklärung': 'de',
  });
  const copy = ws.getRow(2).values as unknown[];
  const dup = ws.getRow(ws.rowCount + 1);
  copy.forEach((v, i) => {
    if (i > 0) dup.getCell(i).value = v as ExcelJS.CellValue;
  });
  dup.commit();
  const file = {
    name: `teilnehmende-${tag}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  };

  const page = await pageAs(staff, '/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Listen importieren' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Teilnehmende', exact: true })).toBeChecked();
  await page.getByLabel('Datei (.xlsx oder .csv)').setInputFiles(file);
  await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();

  const review = page.getByRole('region', { name: '2. Spalten zuordnen und prüfen' });
  await expect(
    review.getByRole('heading', { name: '2. Spalten zuordnen und prüfen' }),
  ).toBeFocused();
  await expect(
    review.getByText('Die Zuordnung wurde aus den Überschriften erkannt.'),
  ).toBeVisible();
  await expect(review.getByLabel('Alias')).toHaveValue('Alias');
  await expect(review.getByLabel('Eingezogen am')).toHaveValue('Eingezogen am');
  const table = review.getByRole('table', { name: 'Zeilen der Datei mit ihren Problemen' });
  const rowOf = (n: number) =>
    table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: String(n), exact: true }) });
  const last = demoRows + 1;
  await expect(rowOf(last + 1)).toContainText('Datum liegt in der Zukunft (Eingezogen am)');
  await expect(rowOf(last + 2)).toContainText('Keine gültige Zahl (Haushaltsgröße)');
  await expect(rowOf(last + 3)).toContainText('Unbekannter Einwilligungszweck');
  await expect(rowOf(last + 4)).toContainText('Doppelt in der Datei: Zeile 2');
  // Rows with problems are shown first; the valid ones are a choice away.
  await expect(table.getByRole('row')).toHaveCount(5);
  await review.getByLabel('Zeilen zeigen').selectOption('all');
  await expect(rowOf(aliasRow)).toContainText(firstAlias);
  await expect(rowOf(aliasRow)).toContainText('gültig');
  await expect(rowOf(2)).toContainText('gültig');
  expect(await seriousViolations(page)).toEqual([]);

  // The valid rows: every demo row (the export is accepted as is).
  const preview = await staffApi.post<{ counts: { ok: number; problems: number } }>(
    '/imports/preview',
    {
      centreId: centre.id,
      kind: 'participants',
      fileName: file.name,
      content: file.buffer.toString('base64'),
    },
  );
  expect(preview.counts).toMatchObject({ ok: demoRows, problems: 4 });

  await page.getByRole('button', { name: `${demoRows} gültige Zeilen importieren` }).click();
  const done = page.getByRole('region', { name: '3. Ergebnis' });
  await expect(done.getByRole('heading', { name: '3. Ergebnis' })).toBeFocused();
  await expect(done.getByRole('status')).toContainText(
    `Importiert: ${demoRows}. Bereits früher importiert: 0. Abgelehnt: 4.`,
  );
  const list = () =>
    staffApi.get<Page_<{ alias: string | null }>>(`/participants?centreId=${centre.id}&limit=200`);
  const afterFirst = await list();
  expect(afterFirst.total).toBe(demoRows);
  expect(afterFirst.items.map((p) => p.alias)).toContain(firstAlias);

  // The rejected rows download with their reasons.
  const download = page.waitForEvent('download');
  await done.getByRole('button', { name: '4 abgelehnte Zeilen herunterladen (CSV)' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv).toContain('Gründe');
  expect(csv).toContain('Unbekannter Einwilligungszweck');

  // The same file again: the saved mapping is used, every row is known, nothing changes.
  await done.getByRole('button', { name: 'Weitere Datei importieren' }).click();
  await page.getByLabel('Datei (.xlsx oder .csv)').setInputFiles(file);
  await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
  await expect(
    review.getByText('Die gespeicherte Zuordnung dieses Zentrums wurde übernommen.'),
  ).toBeVisible();
  await review.getByLabel('Zeilen zeigen').selectOption('all');
  await expect(rowOf(2)).toContainText('bereits importiert');
  await expect(review.getByRole('button', { name: /0 gültige Zeilen importieren/ })).toBeDisabled();
  const again = await staffApi.post<{ counts: { imported: number; alreadyImported: number } }>(
    '/imports/commit',
    {
      centreId: centre.id,
      kind: 'participants',
      fileName: file.name,
      content: file.buffer.toString('base64'),
    },
  );
  expect(again.counts.imported).toBe(0);
  expect(again.counts.alreadyImported).toBeGreaterThanOrEqual(demoRows);
  const afterSecond = await list();
  expect(afterSecond.total).toBe(demoRows);
});

test('a list with a surname column is refused with an explanation', async ({ staff, pageAs }) => {
  const page = await pageAs(staff, '/import');
  await page.getByLabel('Datei (.xlsx oder .csv)').setInputFiles({
    name: 'liste.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Alias;Nachname;Religion\r\nAmal;X;Y\r\n'),
  });
  await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Spalten, die Begegnung nicht speichern darf');
  await expect(alert).toContainText('Spalte „Nachname“: Nachnamen werden nicht gespeichert');
  await expect(alert).toContainText('Spalte „Religion“');
});

test('past sessions: unknown activity, future date, missing consent and a duplicate are shown; the rest imports once', async ({
  centre,
  staff,
  staffApi,
  pageAs,
  tag,
}) => {
  const person = (alias: string) =>
    staffApi.post<{ id: number; code: string }>('/participants', { centreId: centre.id, alias });
  const consenting = await person(`Amal ${tag}`);
  await staffApi.post(`/participants/${consenting.id}/consents`, {
    purpose: 'follow_up_contact',
    language: 'ar',
  });
  const anonymousOnly = await person(`Samir ${tag}`);
  const activities =
    await staffApi.get<{ id: number; key: string | null; name: string }[]>('/activities');
  const cafe = activities.find((a) => a.key === 'language_cafe')!;
  const yesterday = addDays(today(), -1);
  const german = (iso: string) => iso.split('-').reverse().join('.');
  // Already logged by hand: the same slot in the list is a probable duplicate.
  await staffApi.post('/encounters', {
    centreId: centre.id,
    activityId: cafe.id,
    date: yesterday,
    startTime: '15:00',
    durationMinutes: 90,
    headcounts: { newcomers: 3, host: 2, volunteers: 0, other: 0 },
    attendeeIds: [],
    clientRequestId: crypto.randomUUID(),
  });
  const csv = [
    'Datum;Beginn;Angebot;Dauer (Minuten);Neuzugezogene;Aufnahmegesellschaft;Ehrenamtliche;Sonstige;Teilnehmende (Codes)',
    `${german(yesterday)};10:00;${cafe.name};90;4;3;1;0;${consenting.code}`,
    `${german(yesterday)};12:00;${cafe.name};60;2;2;;;`,
    `${german(yesterday)};13:00;Schachclub ${tag};60;2;1;;;`,
    `${german(addDays(today(), 10))};10:00;${cafe.name};60;2;1;;;`,
    `${german(yesterday)};16:00;${cafe.name};60;2;1;;;${anonymousOnly.code}`,
    `${german(yesterday)};15:00;${cafe.name};90;3;2;;;`,
  ].join('\r\n');
  const file = { name: `termine-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) };

  const page = await pageAs(staff, '/import');
  await page.getByRole('radio', { name: 'Vergangene Termine', exact: true }).check();
  await page.getByLabel('Datei (.xlsx oder .csv)').setInputFiles(file);
  await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
  const review = page.getByRole('region', { name: '2. Spalten zuordnen und prüfen' });
  const table = review.getByRole('table', { name: 'Zeilen der Datei mit ihren Problemen' });
  await expect(table).toContainText(`Unbekanntes Angebot (Angebot): Schachclub ${tag}`);
  await expect(table).toContainText('Termin liegt in der Zukunft');
  await expect(table).toContainText(
    `Namentlich genannt ohne gültige Einwilligung (Teilnehmende (Codes)): ${anonymousOnly.code}`,
  );
  // The session already logged is named by its date as the screen writes dates.
  await expect(table).toContainText(
    `Wahrscheinlich schon erfasst (Datum): ${new Date(`${yesterday}T12:00:00Z`).toLocaleDateString('de')}, 15:00`,
  );
  // The preview with its problems, kept for people to look at (as screens.spec does).
  for (const [width, height, label] of [
    [390, 844, 'phone'],
    [1280, 900, 'desktop'],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({
      path: `e2e/.artifacts/screens/import-preview-${label}.png`,
      fullPage: true,
    });
  }
  await page.getByRole('button', { name: '2 gültige Zeilen importieren' }).click();
  await expect(page.getByRole('region', { name: '3. Ergebnis' }).getByRole('status')).toContainText(
    'Importiert: 2.',
  );
  const logged = () =>
    staffApi.get<{ total: number }>(`/encounters?centreId=${centre.id}&limit=50`);
  expect((await logged()).total).toBe(3);

  const again = await staffApi.post<{ counts: { imported: number; alreadyImported: number } }>(
    '/imports/commit',
    {
      centreId: centre.id,
      kind: 'sessions',
      fileName: file.name,
      content: file.buffer.toString('base64'),
    },
  );
  expect(again.counts).toMatchObject({ imported: 0, alreadyImported: 2 });
  expect((await logged()).total).toBe(3);
});
