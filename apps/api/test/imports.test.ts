// Import from spreadsheets (issue 16 part 1), through real HTTP on a real migrated SQLite
// database: files with sensitive columns or formulas are refused (and audited), the preview
// lists every row's problems without writing, the commit imports the valid rows through the
// participant/encounter services, and importing the same file again changes nothing.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  IMPORT_MAX_ROWS,
  ImportResultSchema,
  SavedImportMappingSchema,
  type ImportResult,
} from '@begegnung/domain';
import {
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  lastAuditId,
  makeCentre,
  q,
  userClient,
  type Client,
} from './helper.ts';
import { makeParticipant, today } from './encounter-fixtures.ts';

const t = await createTestApp();
const centre = await makeCentre(t.db);
const other = await makeCentre(t.db);
let staff: Client;
let otherStaff: Client;
let coordinator: Client;

beforeAll(async () => {
  staff = await userClient(t, ['centre_staff'], [centre.id]);
  otherStaff = await userClient(t, ['centre_staff'], [other.id]);
  coordinator = await userClient(t, ['coordinator']);
});

type Cell = string | number | Date | null | { formula: string; result?: unknown };

async function xlsx(rows: Cell[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Liste');
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      ws.getRow(i + 1).getCell(j + 1).value = v as ExcelJS.CellValue;
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const csv = (rows: string[][]) =>
  Buffer.from(`\uFEFF${rows.map((r) => r.join(';')).join('\r\n')}\r\n`).toString('base64');

const count = async (table: string, where = '') =>
  (await q(t.db).get<{ n: number }>(`select count(*) as n from ${table} ${where}`))!.n;

const post = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'POST', url, payload });

const PEOPLE_HEADER = [
  'Alias',
  'Sprachen',
  'Haushaltsgröße',
  'Stadtteil',
  'Eingezogen am',
  'Einwilligungen',
  'Einwilligung erteilt am',
  'Einwilligung gültig bis',
  'Sprache der Aufklärung',
];

const past = addMonths(today(), -2);
const future = addDays(today(), 20);

describe('refused files', () => {
  it('refuses columns for surname, nationality, religion or health, naming them, and audits the refusal', async () => {
    const before = await lastAuditId(t.db);
    const content = await xlsx([
      ['Alias', 'Nachname', 'Staatsangehörigkeit', 'Religion', 'Gesundheit', 'Diagnose'],
      ['Amal', 'X', 'Y', 'Z', 'W', 'V'],
    ]);
    const res = await post(staff, '/api/imports/preview', {
      centreId: centre.id,
      kind: 'participants',
      fileName: 'liste.xlsx',
      content,
    });
    const body = expectError(res, 400, 'IMPORT_SENSITIVE_COLUMN');
    expect(body.details!.map((d) => [d.field, d.code])).toEqual([
      ['Nachname', 'surname'],
      ['Staatsangehörigkeit', 'nationality'],
      ['Religion', 'religion'],
      ['Gesundheit', 'health'],
      ['Diagnose', 'health'],
    ]);
    const rows = (await auditRows(t.db, { entity_type: 'import', action: 'denied' })).filter(
      (r) => r.id > before,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reason).toContain('IMPORT_SENSITIVE_COLUMN');
    // Counts and categories only: no cell content in the audit.
    expect(rows[0]!.reason).not.toContain('Amal');
  });

  it('refuses English and CSV headings too (surname, nationality, health)', async () => {
    for (const h of [
      'Surname',
      'Last name',
      'Nationality',
      'Health status',
      'Ethnicity',
      'Konfession',
    ]) {
      const res = await post(staff, '/api/imports/preview', {
        centreId: centre.id,
        kind: 'participants',
        fileName: 'liste.csv',
        content: csv([
          ['Alias', h],
          ['Amal', 'x'],
        ]),
      });
      expectError(res, 400, 'IMPORT_SENSITIVE_COLUMN');
    }
  });

  it('refuses a workbook with a formula, naming the cell, even with a cached result', async () => {
    const content = await xlsx([
      ['Alias', 'Haushaltsgröße'],
      ['Amal', 2],
      ['Samir', { formula: '1+2', result: 3 }],
    ]);
    const res = await post(staff, '/api/imports/preview', {
      centreId: centre.id,
      kind: 'participants',
      fileName: 'liste.xlsx',
      content,
    });
    const body = expectError(res, 400, 'IMPORT_FORMULA_REFUSED');
    expect(body.details!.map((d) => d.field)).toEqual(['B3']);
    expect(await count('participants', `where centre_id = ${centre.id}`)).toBe(0);
  });

  it('refuses a shared formula and a formula written into a CSV cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.getCell('A1').value = 'Alias';
    ws.getCell('A2').value = { formula: 'CONCAT("A","b")', result: 'Ab' } as ExcelJS.CellValue;
    ws.getCell('A3').value = { sharedFormula: 'A2', result: 'Ab' } as ExcelJS.CellValue;
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const a = await post(staff, '/api/imports/preview', {
      centreId: centre.id,
      kind: 'participants',
      fileName: 'x.xlsx',
      content,
    });
    expect(expectError(a, 400, 'IMPORT_FORMULA_REFUSED').details!.map((d) => d.field)).toEqual([
      'A2',
      'A3',
    ]);
    const b = await post(staff, '/api/imports/preview', {
      centreId: centre.id,
      kind: 'participants',
      fileName: 'x.csv',
      content: csv([['Alias'], ['=HYPERLINK("http://x","y")']]),
    });
    expect(expectError(b, 400, 'IMPORT_FORMULA_REFUSED').details![0]!.field).toBe('A2');
  });

  it('answers bad files and bodies with stable 4xx codes, never 500', async () => {
    const base = { centreId: centre.id, kind: 'participants', fileName: 'x.xlsx' };
    const cases: [unknown, number, string][] = [
      [
        { ...base, content: Buffer.from('PK\u0003\u0004 not a zip').toString('base64') },
        400,
        'IMPORT_UNREADABLE',
      ],
      [
        { ...base, fileName: 'x.xls', content: csv([['Alias'], ['A']]) },
        400,
        'IMPORT_UNSUPPORTED_FILE',
      ],
      [{ ...base, fileName: 'x.csv', content: '' }, 400, 'IMPORT_EMPTY'],
      [
        {
          ...base,
          fileName: 'x.csv',
          content: Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString('base64'),
        },
        400,
        'IMPORT_UNREADABLE',
      ],
      [{ ...base, content: '***' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, kind: 'people', content: csv([['Alias']]) }, 400, 'VALIDATION_FAILED'],
      [
        {
          ...base,
          fileName: 'x.csv',
          content: csv([
            ['Alias', 'alias'],
            ['A', 'B'],
          ]),
        },
        400,
        'IMPORT_HEADER_INVALID',
      ],
      [
        {
          ...base,
          fileName: 'x.csv',
          content: csv([['Alias'], ['A']]),
          mapping: { alias: 'Name' },
        },
        400,
        'IMPORT_MAPPING_INVALID',
      ],
      [
        {
          ...base,
          fileName: 'x.csv',
          content: csv([['Alias'], ['A']]),
          mapping: { surname: 'Alias' },
        },
        400,
        'IMPORT_MAPPING_INVALID',
      ],
    ];
    for (const [payload, status, code] of cases) {
      expectError(await post(staff, '/api/imports/preview', payload), status, code as never);
    }
  });

  it('limits the file size (413) and the number of rows (400)', async () => {
    const send = (bytes: number) =>
      post(staff, '/api/imports/preview', {
        centreId: centre.id,
        kind: 'participants',
        fileName: 'x.csv',
        content: Buffer.alloc(bytes, 'a').toString('base64'),
      });
    expectError(await send(2 * 1024 * 1024 + 10), 413, 'IMPORT_FILE_TOO_LARGE');
    expectError(await send(3 * 1024 * 1024), 413, 'PAYLOAD_TOO_LARGE');
    const many = [['Alias'], ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => [`P${i}`])];
    expectError(
      await post(staff, '/api/imports/preview', {
        centreId: centre.id,
        kind: 'participants',
        fileName: 'x.csv',
        content: csv(many),
      }),
      400,
      'IMPORT_TOO_MANY_ROWS',
    );
  });
});

describe('access', () => {
  const file = () => ({
    centreId: centre.id,
    kind: 'participants',
    fileName: 'x.csv',
    content: csv([['Alias'], ['Amal']]),
  });
  it('staff of another centre get an audited 404; coordinators and admins an audited 403', async () => {
    const before = await lastAuditId(t.db);
    expectError(await post(otherStaff, '/api/imports/preview', file()), 404, 'NOT_FOUND');
    expectError(await post(otherStaff, '/api/imports/commit', file()), 404, 'NOT_FOUND');
    expectError(await post(coordinator, '/api/imports/commit', file()), 403, 'FORBIDDEN');
    const admin = await userClient(t, ['admin']);
    expectError(await post(admin, '/api/imports/preview', file()), 403, 'FORBIDDEN');
    expectError(
      await otherStaff.request({
        method: 'GET',
        url: `/api/participants/export.xlsx?centreId=${centre.id}`,
      }),
      404,
      'NOT_FOUND',
    );
    const denied = (await auditRows(t.db, { action: 'denied' })).filter((r) => r.id > before);
    expect(denied.length).toBeGreaterThanOrEqual(5);
    expect(await count('participants', `where centre_id = ${centre.id}`)).toBe(0);
  });
  it('refuses anonymous requests', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports/preview',
      payload: file(),
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('participants', () => {
  let content: string;
  let existingAlias: string;
  beforeAll(async () => {
    existingAlias = 'Rahim Bestand';
    await makeParticipant(t.db, centre.id, { alias: existingAlias, householdSize: 3 });
    content = await xlsx([
      PEOPLE_HEADER,
      [
        'Amal',
        'Arabisch, Deutsch',
        2,
        'Grone',
        new Date(`${past}T00:00:00Z`),
        'follow_up_contact',
        new Date(`${past}T00:00:00Z`),
        new Date(`${addMonths(past, 12)}T00:00:00Z`),
        'ar',
      ],
      [
        'Olena',
        'Ukrainisch',
        '3',
        'Weststadt',
        past,
        'Nachgehender Kontakt, Fotos',
        past,
        '',
        'Ukrainisch',
      ],
      ['Dawit', 'Tigrinya', 1, '', '', '', '', '', ''],
      ['Zukunft', '', 1, '', future, '', '', '', ''],
      [existingAlias, '', 3, '', '', '', '', '', ''],
      ['Zahl', '', 'viele', '', '', '', '', '', ''],
      ['Zweck', '', 1, '', '', 'Werbung', past, '', 'de'],
      [
        'Amal',
        'Arabisch, Deutsch',
        2,
        'Grone',
        past,
        'follow_up_contact',
        past,
        addMonths(past, 12),
        'ar',
      ],
    ]);
  });
  const body = () => ({
    centreId: centre.id,
    kind: 'participants',
    fileName: 'liste.xlsx',
    content,
  });

  it('previews every row with its problems and writes nothing', async () => {
    const before = await count('participants');
    const consentsBefore = await count('consents');
    const auditBefore = await lastAuditId(t.db);
    const res = await post(staff, '/api/imports/preview', body());
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as ImportResult;
    expectSchema(ImportResultSchema, out);
    expect(out.mappingSource).toBe('suggested');
    expect(out.mapping).toMatchObject({
      alias: 'Alias',
      languages: 'Sprachen',
      householdSize: 'Haushaltsgröße',
      movedInAt: 'Eingezogen am',
      consentLanguage: 'Sprache der Aufklärung',
    });
    const byRow = Object.fromEntries(out.rows.map((r) => [r.rowNumber, r]));
    expect(byRow[2]!.status).toBe('ok');
    expect(byRow[2]!.values.movedInAt).toBe(past);
    expect(byRow[3]!.status).toBe('ok');
    expect(byRow[4]!.status).toBe('ok');
    expect(byRow[5]!.problems.map((p) => p.code)).toEqual(['DATE_IN_FUTURE']);
    expect(byRow[6]!.problems.map((p) => p.code)).toEqual(['POSSIBLE_DUPLICATE']);
    expect(byRow[7]!.problems.map((p) => p.code)).toEqual(['INVALID_NUMBER']);
    expect(byRow[8]!.problems.map((p) => p.code)).toEqual(['UNKNOWN_PURPOSE']);
    expect(byRow[9]!.problems.map((p) => p.code)).toEqual(['DUPLICATE_IN_FILE']);
    expect(out.counts).toEqual({ total: 8, ok: 3, imported: 0, problems: 5, alreadyImported: 0 });
    expect(await count('participants')).toBe(before);
    expect(await count('consents')).toBe(consentsBefore);
    const audits = (await auditRows(t.db)).filter((r) => r.id > auditBefore);
    expect(audits.map((a) => [a.action, a.entity_type])).toEqual([['read', 'import']]);
    expect(audits[0]!.reason).toContain('8 rows, 3 valid');
  });

  it('downloads the rejected rows with German reasons', async () => {
    const res = await post(staff, '/api/imports/rejected.csv', body());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(`Zeile;${PEOPLE_HEADER.join(';')};Gründe`);
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.startsWith('5;'))).toContain(
      'Datum liegt in der Zukunft (Eingezogen am)',
    );
    expect(lines.find((l) => l.startsWith('6;'))).toContain('Wahrscheinlich schon erfasst');
    expect(lines.find((l) => l.startsWith('9;'))).toContain('Doppelt in der Datei: 2');
  });

  it('imports the valid rows with their consents, saves the mapping, and a second import changes nothing', async () => {
    const before = await count('participants', `where centre_id = ${centre.id}`);
    const res = await post(staff, '/api/imports/commit', { ...body(), saveMapping: true });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as ImportResult;
    expect(out.counts).toEqual({ total: 8, ok: 3, imported: 3, problems: 5, alreadyImported: 0 });
    expect(await count('participants', `where centre_id = ${centre.id}`)).toBe(before + 3);
    const amal = (await q(t.db).get<{
      id: number;
      languages: string | string[];
      household_size: number;
      moved_in_at: string;
    }>(`select * from participants where centre_id = ? and alias = 'Amal'`, centre.id))!;
    // JSON text on SQLite, jsonb (already parsed) on PostgreSQL.
    const languages =
      typeof amal.languages === 'string' ? JSON.parse(amal.languages) : amal.languages;
    expect(languages).toEqual(['Arabisch', 'Deutsch']);
    expect(amal.household_size).toBe(2);
    expect(amal.moved_in_at).toBe(past);
    const consents = await q(t.db).all(
      'select purpose, given_on, expires_on, language from consents where participant_id = ?',
      amal.id,
    );
    expect(consents).toEqual([
      {
        purpose: 'follow_up_contact',
        given_on: past,
        expires_on: addMonths(past, 12),
        language: 'ar',
      },
    ]);
    const olena = (await q(t.db).get<{ id: number }>(
      `select id from participants where centre_id = ? and alias = 'Olena'`,
      centre.id,
    ))!;
    expect(
      await q(t.db).all(
        'select purpose, language from consents where participant_id = ? order by purpose',
        olena.id,
      ),
    ).toEqual([
      { purpose: 'follow_up_contact', language: 'uk' },
      { purpose: 'photos', language: 'uk' },
    ]);
    // Each created record is audited by the participant service, plus one summary row.
    expect(
      (await auditRows(t.db, { action: 'create', entity_type: 'participant' })).length,
    ).toBeGreaterThanOrEqual(3);
    expect(
      (await auditRows(t.db, { action: 'create', entity_type: 'import' })).at(-1)!.reason,
    ).toContain('3 imported');

    const mapping = await staff.request({
      method: 'GET',
      url: `/api/imports/mapping?centreId=${centre.id}&kind=participants`,
    });
    expectSchema(SavedImportMappingSchema, mapping.json());
    expect(mapping.json().mapping.alias).toBe('Alias');

    const participantsNow = await count('participants');
    const consentsNow = await count('consents');
    const again = await post(staff, '/api/imports/commit', body());
    const second = again.json() as ImportResult;
    expect(second.mappingSource).toBe('saved');
    // Row 9 repeats row 2, which is imported now: it counts as already imported too.
    expect(second.counts).toEqual({
      total: 8,
      ok: 0,
      imported: 0,
      problems: 4,
      alreadyImported: 4,
    });
    expect(await count('participants')).toBe(participantsNow);
    expect(await count('consents')).toBe(consentsNow);
  });

  it('tells apart namesakes by their source code, but still flags a namesake already at the centre', async () => {
    const c = await makeCentre(t.db);
    const s = await userClient(t, ['centre_staff'], [c.id]);
    await makeParticipant(t.db, c.id, { alias: 'Yusuf', householdSize: 4 });
    const res = await post(s, '/api/imports/commit', {
      centreId: c.id,
      kind: 'participants',
      fileName: 'liste.csv',
      content: csv([
        ['Code (bisher)', 'Alias', 'Haushaltsgröße'],
        ['GRO-AAAA', 'Hamid', '2'],
        ['GRO-BBBB', 'Hamid', '2'],
        ['', 'Samir', '1'],
        ['', 'Samir', '1'],
        ['GRO-CCCC', 'Yusuf', '4'],
      ]),
    });
    const out = res.json() as ImportResult;
    expect(out.rows.map((r) => r.problems.map((p) => p.code).join())).toEqual([
      '',
      '',
      '',
      'DUPLICATE_IN_FILE',
      'POSSIBLE_DUPLICATE',
    ]);
    expect(await count('participants', `where centre_id = ${c.id} and alias = 'Hamid'`)).toBe(2);
  });

  it('forgets a row key with its participant: an erased person leaves no hash of their row', async () => {
    const c = await makeCentre(t.db);
    const s = await userClient(t, ['centre_staff'], [c.id]);
    const file = {
      centreId: c.id,
      kind: 'participants',
      fileName: 'liste.csv',
      content: csv([
        ['Alias', 'Haushaltsgröße'],
        ['Mona', '3'],
      ]),
    };
    await post(s, '/api/imports/commit', file);
    const p = (await q(t.db).get<{ id: number }>(
      `select id from participants where centre_id = ? and alias = 'Mona'`,
      c.id,
    ))!;
    expect(await count('imported_rows', `where participant_id = ${p.id}`)).toBe(1);
    await q(t.db).run('delete from participants where id = ?', p.id);
    expect(await count('participants', `where id = ${p.id}`)).toBe(0);
    expect(await count('imported_rows', `where centre_id = ${c.id}`)).toBe(0);
  });

  it('reads the same list as CSV with German dates', async () => {
    const c = await makeCentre(t.db);
    const s = await userClient(t, ['centre_staff'], [c.id]);
    const d = past.split('-').reverse().join('.');
    const res = await post(s, '/api/imports/preview', {
      centreId: c.id,
      kind: 'participants',
      fileName: 'liste.csv',
      content: csv([
        PEOPLE_HEADER,
        ['Amal', 'Arabisch', '2', 'Grone', d, 'follow_up_contact', d, '', 'Arabisch'],
      ]),
    });
    const out = res.json() as ImportResult;
    expect(out.rows[0]!.status, JSON.stringify(out.rows[0])).toBe('ok');
  });

  it('exports a centre’s list as .xlsx that another centre’s import accepts as is', async () => {
    // Two people known by code only, with the same (empty) details: the code tells them apart.
    makeParticipant(t.db, centre.id, { alias: null });
    await makeParticipant(t.db, centre.id, { alias: null });
    const res = await staff.request({
      method: 'GET',
      url: `/api/participants/export.xlsx?centreId=${centre.id}`,
    });
    expect(res.statusCode).toBe(200);
    expect(
      (await auditRows(t.db, { action: 'export', entity_type: 'participant' })).at(-1)!.subjects,
    ).toBeTruthy();
    const fresh = await makeCentre(t.db);
    const s = await userClient(t, ['centre_staff'], [fresh.id]);
    const file = {
      centreId: fresh.id,
      kind: 'participants',
      fileName: 'export.xlsx',
      content: res.rawPayload.toString('base64'),
    };
    const preview = (await post(s, '/api/imports/preview', file)).json() as ImportResult;
    const n = await count('participants', `where centre_id = ${centre.id}`);
    expect(preview.counts).toMatchObject({ total: n, ok: n, problems: 0 });
    const commit = (await post(s, '/api/imports/commit', file)).json() as ImportResult;
    expect(commit.counts.imported).toBe(n);
    expect(await count('participants', `where centre_id = ${fresh.id}`)).toBe(n);
    // Valid consents came along: Amal can be named at the new centre.
    const consentsAtFresh = await count(
      'consents',
      `where participant_id in (select id from participants where centre_id = ${fresh.id})`,
    );
    expect(consentsAtFresh).toBe(3);
    const again = (await post(s, '/api/imports/commit', file)).json() as ImportResult;
    expect(again.counts).toMatchObject({ imported: 0, alreadyImported: n });
    expect(await count('participants', `where centre_id = ${fresh.id}`)).toBe(n);
  });
});

describe('sessions', () => {
  it('previews unknown activity, future date, missing consent and duplicates; imports the rest once', async () => {
    const c = await makeCentre(t.db);
    const s = await userClient(t, ['centre_staff'], [c.id]);
    const withConsent = await makeParticipant(t.db, c.id, { consentBy: s.userId });
    const without = await makeParticipant(t.db, c.id);
    const d1 = addDays(today(), -3);
    const content = csv([
      [
        'Datum',
        'Beginn',
        'Angebot',
        'Dauer (Minuten)',
        'Neuzugezogene',
        'Aufnahmegesellschaft',
        'Ehrenamtliche',
        'Sonstige',
        'Teilnehmende (Codes)',
      ],
      [d1, '15:00', 'Sprachcafé', '90', '4', '3', '1', '0', withConsent.code],
      [d1, '17:00', 'Offenes Café', '', '2', '2', '', '', ''],
      [d1, '10:00', 'Schach', '60', '2', '1', '', '', ''],
      [future, '10:00', 'Sprachcafé', '60', '2', '1', '', '', ''],
      [d1, '11:00', 'Sprachcafé', '60', '2', '1', '', '', without.code],
      [d1, '12:00', 'Sprachcafé', '60', '2', '1', '', '', 'XX-NOPE'],
      [d1, '13:00', 'Sprachcafé', '60', 'zwei', '1', '', '', ''],
      [d1, '15:00', 'sprachcafe', '90', '1', '1', '', '', ''],
    ]);
    const file = { centreId: c.id, kind: 'sessions', fileName: 'termine.csv', content };
    const preview = (await post(s, '/api/imports/preview', file)).json() as ImportResult;
    expectSchema(ImportResultSchema, preview);
    const codes = preview.rows.map((r) => r.problems.map((p) => p.code).join(','));
    expect(codes).toEqual([
      '',
      '',
      'UNKNOWN_ACTIVITY',
      'ENCOUNTER_IN_FUTURE',
      'CONSENT_REQUIRED',
      'UNKNOWN_PARTICIPANT',
      'INVALID_NUMBER',
      'DUPLICATE_IN_FILE',
    ]);
    expect(preview.rows[4]!.problems[0]!.detail).toBe(without.code);
    // The person the preview names (without consent) is a subject of its audit row.
    const previewAudit = (await auditRows(t.db, { action: 'read', entity_type: 'import' })).at(-1)!;
    expect(JSON.parse(previewAudit.subjects ?? '[]')).toContain(without.id);
    expect(await count('encounters', `where centre_id = ${c.id}`)).toBe(0);

    const commit = (await post(s, '/api/imports/commit', file)).json() as ImportResult;
    expect(commit.counts).toMatchObject({ imported: 2, problems: 6 });
    const rows = await q(t.db).all(
      'select start_time, duration_minutes, newcomers, host from encounters where centre_id = ? order by start_time',
      c.id,
    );
    expect(rows).toEqual([
      { start_time: '15:00', duration_minutes: 90, newcomers: 4, host: 3 },
      { start_time: '17:00', duration_minutes: 120, newcomers: 2, host: 2 },
    ]);
    expect(await count('encounter_attendees', `where participant_id = ${withConsent.id}`)).toBe(1);

    const again = (await post(s, '/api/imports/commit', file)).json() as ImportResult;
    expect(again.counts).toMatchObject({ imported: 0, alreadyImported: 2 });
    expect(await count('encounters', `where centre_id = ${c.id}`)).toBe(2);

    // A session already logged by hand in the same slot is a probable duplicate.
    const dup = await post(s, '/api/imports/preview', {
      ...file,
      content: csv([
        ['Datum', 'Beginn', 'Angebot', 'Neuzugezogene'],
        [d1, '15:00', 'Sprachcafé', '5'],
      ]),
    });
    expect((dup.json() as ImportResult).rows[0]!.problems.map((p) => p.code)).toEqual([
      'POSSIBLE_DUPLICATE',
    ]);
  });
});
