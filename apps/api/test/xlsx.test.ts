import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { addDays, addMonths, localNow, previousQuarter } from '@begegnung/domain';
import {
  auditRows,
  createTestApp,
  lastAuditId,
  makeCentre,
  userClient,
  type Client,
  q,
} from './helper.ts';
import { seedCentres } from '../src/seed/demo.ts';
import { seedPosts } from '../src/seed/posts.ts';
import { seedEncounterDemo } from '../src/seed/encounters.ts';
import { makeEncounter, makeParticipant } from './encounter-fixtures.ts';
import { encounterAttendees } from '../src/db/tables.ts';
import { buildReportCsv, type ReportData } from '../src/modules/reporting/report.service.ts';

/**
 * The Excel exports against the CSVs of the same query, on the demo's two years of history:
 * every cell of the workbook (flattened: sheets in order, an empty row between them, as the
 * CSV separates its tables) equals the CSV's text; numbers are number cells, dates date cells.
 */
const t = await createTestApp();
const today = localNow().date;
const centreIds = await seedCentres(t.db);
await seedPosts(t.db, centreIds);
await seedEncounterDemo(t.db, { today });

let coordinator: Client;
let grone: Client;
let dpo: Client;
let admin: Client;
beforeAll(async () => {
  coordinator = await userClient(t, ['coordinator']);
  grone = await userClient(t, ['centre_staff'], [centreIds.GRO!]);
  dpo = await userClient(t, ['data_protection']);
  admin = await userClient(t, ['admin']);
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function download(c: Client, url: string) {
  const res = await c.request({ method: 'GET', url });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

/** The CSV's rows as the texts a spreadsheet would show (quotes handled, `;` separated). */
function parseCsv(body: string): string[][] {
  const text = body.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

const two = (n: number) => String(n).padStart(2, '0');
const deNumber = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));

interface Checked {
  numbers: number;
  dates: number;
  suppressed: number;
}

/** The workbook's sheets as rows of cells (trailing empty cells dropped). */
async function readXlsx(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: ExcelJS.Cell[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: ExcelJS.Cell[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c));
      while (cells.length && cells.at(-1)!.value == null) cells.pop();
      rows.push(cells);
    }
    return { name: ws.name, rows, ws };
  });
}

/** Compares workbook rows with CSV rows cell by cell; counts what it checked. */
function expectSameCells(cells: ExcelJS.Cell[][], csv: string[][]): Checked {
  const seen: Checked = { numbers: 0, dates: 0, suppressed: 0 };
  const trim = (r: string[]) => {
    const out = [...r];
    while (out.length && out.at(-1) === '') out.pop();
    return out;
  };
  expect(cells.length).toBe(csv.length);
  cells.forEach((row, r) => {
    const want = trim(csv[r]!);
    expect(row.length, `row ${r + 1}: ${want.join('|')}`).toBe(want.length);
    row.forEach((cell, c) => {
      const text = want[c]!;
      const where = `row ${r + 1} col ${c + 1} (${text})`;
      const v = cell.value;
      if (v == null) {
        expect(text, where).toBe('');
      } else if (typeof v === 'number') {
        expect(cell.type, where).toBe(ExcelJS.ValueType.Number);
        expect(v, where).toBe(deNumber(text));
        expect(cell.numFmt, where).toMatch(/^#,##0/);
        seen.numbers++;
      } else if (v instanceof Date) {
        expect(cell.type, where).toBe(ExcelJS.ValueType.Date);
        const day = `${two(v.getUTCDate())}.${two(v.getUTCMonth() + 1)}.${v.getUTCFullYear()}`;
        if (cell.numFmt === 'DD.MM.YYYY') expect(day, where).toBe(text);
        else {
          expect(cell.numFmt, where).toBe('DD.MM.YYYY HH:mm:ss');
          const time = `${two(v.getUTCHours())}:${two(v.getUTCMinutes())}:${two(v.getUTCSeconds())}`;
          expect(`${day}, ${time}`, where).toBe(text);
        }
        seen.dates++;
      } else {
        expect(typeof v, where).toBe('string');
        expect(v, where).toBe(text);
        if (v === '< 5') seen.suppressed++;
      }
    });
  });
  return seen;
}

/** A report workbook flattened as the CSV lays it out: title, note, then each table. */
async function reportAsCsvRows(bytes: Buffer) {
  const sheets = await readXlsx(bytes);
  const method = sheets.at(-1)!;
  expect(method.name).toBe('Methode');
  const tables = sheets.slice(0, -1);
  for (const s of tables) {
    expect(
      s.rows[0]!.every((c) => c.font?.bold === true),
      s.name,
    ).toBe(true);
    expect(s.ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // exceljs leaves out a width of 9, Excel's default.
    expect(s.ws.getColumn(1).width ?? 9).toBeGreaterThanOrEqual(8);
  }
  return {
    rows: [...method.rows.slice(0, 2), ...tables.flatMap((s) => [[], ...s.rows])],
    sheets: sheets.map((s) => s.name),
  };
}

describe('council report as .xlsx', () => {
  const from = addDays(addMonths(today, -12), 1);

  it('has the CSV’s numbers, typed, one sheet per table, suppression and method note kept', async () => {
    const q = `from=${from}&to=${today}`;
    const x = await download(coordinator, `/api/reporting/report.xlsx?${q}`);
    expect(x.headers['content-type']).toBe(XLSX);
    expect(x.headers['content-disposition']).toMatch(/filename="ratsbericht_.*\.xlsx"/);
    const csv = parseCsv((await download(coordinator, `/api/reporting/report.csv?${q}`)).body);
    const { rows, sheets } = await reportAsCsvRows(x.rawPayload);
    expect(sheets).toEqual([
      'Reichweite',
      'Monate',
      'Angebote',
      'Gemischte Begegnungen',
      'Nachgehende Arbeit',
      'Stellen und Bedarf',
      'Methode',
    ]);
    const seen = expectSameCells(rows, csv);
    expect(seen.numbers).toBeGreaterThan(100);
    expect(seen.dates).toBeGreaterThan(0); // "Stand" of the need figures
    expect(rows[1]![0]!.value).toMatch(/Cell-Key-Verfahren/);
    const audited = await auditRows(t.db, { entity_type: 'report', action: 'export' });
    expect(audited.at(-2)!.reason).toBe(`xlsx ${from}..${today}`);
    expect(audited.at(-1)!.reason).toBe(`csv ${from}..${today}`);
  });

  it('keeps "< 5" cells as text for one small centre (centre staff)', async () => {
    const small = await makeCentre(t.db);
    const staff = await userClient(t, ['centre_staff'], [small.id]);
    // One person a month for six months: six monthly cells, each counting one person with its
    // own record key, so their noise is independent and at least one is published as "< 5"
    // (two people in one month once drew noise that showed every cell).
    for (let i = 0; i < 6; i++) {
      const e = await makeEncounter(t.db, small.id, staff.userId, {
        date: addDays(today, -31 * i - 1),
      });
      const p = await makeParticipant(t.db, small.id);
      await t.db.insert(encounterAttendees).values({ encounterId: e.id, participantId: p.id });
    }
    const q = `centreId=${small.id}&from=${addDays(today, -200)}&to=${today}`;
    const x = await download(staff, `/api/reporting/report.xlsx?${q}`);
    const csv = parseCsv((await download(staff, `/api/reporting/report.csv?${q}`)).body);
    const { rows, sheets } = await reportAsCsvRows(x.rawPayload);
    expect(sheets).not.toContain('Stellen und Bedarf'); // steering data for coordinators only
    const seen = expectSameCells(rows, csv);
    expect(seen.suppressed).toBeGreaterThan(0);
  });

  it('makes a published quarter’s workbook from the frozen figures', async () => {
    const quarter = previousQuarter(today);
    const pub = await coordinator.request({
      method: 'POST',
      url: '/api/reporting/published',
      payload: { from: quarter.from, to: quarter.to },
    });
    expect(pub.statusCode, pub.body).toBe(201);
    const id = pub.json().id;
    const csvBytes = (await download(coordinator, `/api/reporting/published/${id}/report.csv`))
      .rawPayload;
    const x = await download(coordinator, `/api/reporting/published/${id}/report.xlsx`);
    expect(x.headers['x-figures-sha256']).toBe(pub.json().figuresSha256);
    const { rows } = await reportAsCsvRows(x.rawPayload);
    expectSameCells(rows, parseCsv(csvBytes.toString('utf8')));
    // The stored figures give the stored CSV byte for byte: the workbook's source is the same.
    const figures = (await q(t.db).get(
      'select figures_json f from published_reports where id = ?',
      id,
    )) as { f: string };
    expect(buildReportCsv(JSON.parse(figures.f) as ReportData)).toBe(csvBytes.toString('utf8'));
    const last = (await auditRows(t.db, { entity_type: 'published_report', action: 'export' })).at(
      -1,
    )!;
    expect(last.reason).toBe('xlsx');
  });
});

describe('scenario comparison and audit log as .xlsx', () => {
  it('the comparison: FTE and euros as numbers equal to the CSV', async () => {
    const x = await download(admin, '/api/scenario-comparison.xlsx?fromYear=2026&toYear=2027');
    const csv = parseCsv(
      (await download(admin, '/api/scenario-comparison.csv?fromYear=2026&toYear=2027')).body,
    );
    const [sheet, ...more] = await readXlsx(x.rawPayload);
    expect(more).toHaveLength(0);
    expect(sheet!.name).toBe('Szenarienvergleich');
    expect(sheet!.ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const seen = expectSameCells(sheet!.rows, csv);
    expect(seen.numbers).toBeGreaterThan(10);
    // FTE keep their precision as a format: 0,75 shows as in the CSV.
    const fte = sheet!.rows[1]![3]!;
    expect(fte.numFmt).toMatch(/^#,##0\.0+$/);
  });

  it('the audit log: times as date cells, the chain head on its own sheet', async () => {
    const q = 'action=export';
    const x = await download(dpo, `/api/audit/export.xlsx?${q}`);
    const csv = parseCsv((await download(dpo, `/api/audit/export.csv?${q}`)).body);
    const [log, head] = await readXlsx(x.rawPayload);
    expect(log!.name).toBe('Protokoll');
    expect(head!.name).toBe('Kettenkopf');
    // The CSV was made one export later: newest first, it begins with the workbook's export.
    const entries = csv.slice(0, csv.length - 2);
    expect(entries[1]![4]).toBe('Protokoll');
    const seen = expectSameCells(log!.rows, [entries[0]!, ...entries.slice(2)]);
    expect(seen.dates).toBe(log!.rows.length - 1);
    expect(head!.rows[0]![0]!.value).toBe('Kettenkopf (Stand des Exports)');
    expect(head!.rows[0]![1]!.type).toBe(ExcelJS.ValueType.Number);
  });
});

describe('access to the .xlsx exports is the CSV’s, denials audited', () => {
  const cases: [string, () => Client, string][] = [
    ['admin, council report', () => admin, '/api/reporting/report'],
    ['staff, another centre', () => grone, `/api/reporting/report`],
    ['staff, comparison', () => grone, '/api/scenario-comparison'],
    ['coordinator, audit log', () => coordinator, '/api/audit/export'],
    ['staff, published', () => grone, '/api/reporting/published/1/report'],
  ];
  it.each(cases)('%s', async (_name, who, path) => {
    const other = (await makeCentre(t.db)).id;
    const qs = path === '/api/reporting/report' && who() === grone ? `?centreId=${other}` : '';
    const c = who();
    const csv = await c.request({ method: 'GET', url: `${path}.csv${qs}` });
    expect([403, 404]).toContain(csv.statusCode);
    const before = await lastAuditId(t.db);
    const x = await c.request({ method: 'GET', url: `${path}.xlsx${qs}` });
    expect(x.statusCode).toBe(csv.statusCode);
    expect(x.json().code).toBe(csv.json().code);
    const denied = (await auditRows(t.db, { actor_id: c.userId, action: 'denied' })).filter(
      (r) => r.id > before,
    );
    expect(denied).toHaveLength(1);
  });
});
