/**
 * Reading an uploaded spreadsheet into a header and rows of text cells, before any transaction
 * opens. `.xlsx` through exceljs, reading stored cell values only: a formula is never evaluated
 * and its cached result is not trusted either, so a file with any formula cell is refused
 * (IMPORT_FORMULA_REFUSED, with the cells). `.csv` through csv-parse (`;` or `,`, UTF-8 with or
 * without BOM). Size, row count and the zip's unpacked size are limited; columns that would
 * bring surname, nationality, religion, ethnic origin or health data are refused with an
 * explanation (IMPORT_SENSITIVE_COLUMN), never silently dropped (privacy rule 1).
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { DomainError, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '@begegnung/domain';

export interface ParsedSheet {
  format: 'xlsx' | 'csv';
  columns: string[];
  /** Data rows (header excluded) as trimmed text; `rowNumber` is the row in the file. */
  rows: { rowNumber: number; cells: string[] }[];
}

/** Unpacked size a workbook may reach (guards against zip bombs before exceljs inflates it). */
export const IMPORT_MAX_UNPACKED_BYTES = 40 * 1024 * 1024;
const MAX_COLUMNS = 60;

const fail = (code: ConstructorParameters<typeof DomainError>[0], message: string, status = 400) =>
  new DomainError(code, message, status);

/** Decodes the base64 body field, refusing what is too large (413) or not a supported file. */
export function decodeUpload(
  fileName: string,
  content: string,
): { bytes: Buffer; format: 'xlsx' | 'csv' } {
  const bytes = Buffer.from(content, 'base64');
  if (bytes.length > IMPORT_MAX_BYTES) {
    throw fail(
      'IMPORT_FILE_TOO_LARGE',
      `Files may be at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB`,
      413,
    );
  }
  if (bytes.length === 0) throw fail('IMPORT_EMPTY', 'The file is empty');
  const ext = fileName.toLowerCase().split('.').pop();
  const isZip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (ext === 'xlsx' && isZip) return { bytes, format: 'xlsx' };
  if (ext === 'csv' && !isZip) return { bytes, format: 'csv' };
  throw fail(
    'IMPORT_UNSUPPORTED_FILE',
    'Only .xlsx workbooks and .csv files can be imported (old .xls: save as .xlsx first)',
  );
}

/**
 * Sums the uncompressed sizes in the zip's central directory without inflating anything;
 * refuses ZIP64 and unreadable archives.
 */
export function unpackedZipSize(bytes: Buffer): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw fail('IMPORT_UNREADABLE', 'The workbook could not be read');
  const entries = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff) {
    throw fail('IMPORT_UNREADABLE', 'The workbook could not be read (ZIP64)');
  }
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) {
      throw fail('IMPORT_UNREADABLE', 'The workbook could not be read');
    }
    const size = bytes.readUInt32LE(offset + 24);
    if (size === 0xffffffff)
      throw fail('IMPORT_UNREADABLE', 'The workbook could not be read (ZIP64)');
    total += size;
    offset +=
      46 +
      bytes.readUInt16LE(offset + 28) +
      bytes.readUInt16LE(offset + 30) +
      bytes.readUInt16LE(offset + 32);
  }
  return total;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell as the calendar date it shows (exceljs reads Excel dates as UTC midnight). */
const isoDay = (d: Date) =>
  Number.isNaN(d.getTime())
    ? ''
    : `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

type CellValue = ExcelJS.CellValue;

/** A stored cell value as text; formulas are refused by the caller before this runs. */
function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  // Excel keeps a time of day as a date on 30 Dec 1899: that cell means a time, not a day.
  if (v instanceof Date)
    return v.getUTCFullYear() < 1901
      ? `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`
      : isoDay(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText))
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('error' in v) return '';
  }
  return '';
}

const isFormula = (cell: ExcelJS.Cell) =>
  cell.type === ExcelJS.ValueType.Formula ||
  (typeof cell.value === 'object' &&
    cell.value !== null &&
    ('formula' in cell.value || 'sharedFormula' in cell.value));

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  if (unpackedZipSize(bytes) > IMPORT_MAX_UNPACKED_BYTES) {
    throw fail('IMPORT_FILE_TOO_LARGE', 'The workbook is too large once unpacked', 413);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fail('IMPORT_UNREADABLE', 'The workbook could not be read');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw fail('IMPORT_EMPTY', 'The workbook has no sheet');
  if (ws.rowCount > IMPORT_MAX_ROWS + 1) {
    throw fail('IMPORT_TOO_MANY_ROWS', `At most ${IMPORT_MAX_ROWS} rows per file`);
  }
  const formulas: string[] = [];
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if (c > MAX_COLUMNS) return;
      if (isFormula(cell)) {
        formulas.push(cell.address);
        return;
      }
      cells[c - 1] = cellText(cell.value);
    });
    out[r - 1] = Array.from(cells, (x) => x ?? '');
  });
  if (formulas.length) {
    throw new DomainError(
      'IMPORT_FORMULA_REFUSED',
      'The file contains formulas; formulas are never evaluated. Replace them by their values (copy, paste values) and upload again',
      400,
      formulas.slice(0, 20).map((a) => ({ field: a, code: 'formula', message: `Cell ${a}` })),
    );
  }
  return Array.from(out, (r) => r ?? []);
}

function readCsv(bytes: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fail('IMPORT_UNREADABLE', 'The CSV file is not UTF-8 text');
  }
  if (text.includes('\u0000')) throw fail('IMPORT_UNREADABLE', 'The CSV file is not text');
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: string[][];
  try {
    rows = parseCsv(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      to: IMPORT_MAX_ROWS + 2,
    }) as string[][];
  } catch {
    throw fail('IMPORT_UNREADABLE', 'The CSV file could not be read');
  }
  if (rows.length > IMPORT_MAX_ROWS + 1) {
    throw fail('IMPORT_TOO_MANY_ROWS', `At most ${IMPORT_MAX_ROWS} rows per file`);
  }
  // A CSV cell cannot hold a formula, but one written as `=…` was meant as one: refuse it too.
  const formulas: string[] = [];
  rows.forEach((r, i) =>
    r.forEach((c, j) => {
      if (/^=/.test(c)) formulas.push(`${columnLetter(j)}${i + 1}`);
    }),
  );
  if (formulas.length) {
    throw new DomainError(
      'IMPORT_FORMULA_REFUSED',
      'The file contains formulas; formulas are never evaluated. Replace them by their values and upload again',
      400,
      formulas.slice(0, 20).map((a) => ({ field: a, code: 'formula', message: `Cell ${a}` })),
    );
  }
  return rows.map((r) => r.slice(0, MAX_COLUMNS));
}

const columnLetter = (i: number): string =>
  (i >= 26 ? columnLetter(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

/** Header words that would bring data the product must not hold (privacy rule 1). */
const SENSITIVE: { category: string; words: string[] }[] = [
  {
    category: 'surname',
    words: [
      'nachname',
      'familienname',
      'zuname',
      'surname',
      'lastname',
      'familyname',
      'geburtsname',
    ],
  },
  {
    category: 'nationality',
    words: [
      'staatsangehorigkeit',
      'staatsangehoerigkeit',
      'nationalitat',
      'nationalitaet',
      'nationality',
      'citizenship',
      'herkunftsland',
      'countryoforigin',
      'geburtsland',
    ],
  },
  {
    category: 'ethnicity',
    words: ['ethnie', 'ethnisch', 'ethnicity', 'ethnic', 'volkszugehorigkeit'],
  },
  { category: 'religion', words: ['religion', 'konfession', 'glaube', 'religious', 'faith'] },
  {
    category: 'health',
    words: [
      'gesundheit',
      'health',
      'diagnose',
      'diagnosis',
      'krankheit',
      'illness',
      'erkrankung',
      'behinderung',
      'disability',
      'medizin',
      'medical',
      'medikament',
      'medication',
      'schwanger',
      'pregnan',
    ],
  },
];

/** Lower case, umlauts folded, letters only: "Staatsangehörigkeit" → "staatsangehorigkeit". */
const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/g, '');

export function sensitiveColumns(columns: readonly string[]) {
  const out: { column: string; category: string }[] = [];
  for (const column of columns) {
    const f = fold(column);
    const hit = SENSITIVE.find((s) => s.words.some((w) => f.includes(w)));
    if (hit) out.push({ column, category: hit.category });
  }
  return out;
}

/** The whole file read and checked; throws a DomainError with a stable code otherwise. */
export async function readSpreadsheet(fileName: string, content: string): Promise<ParsedSheet> {
  const { bytes, format } = decodeUpload(fileName, content);
  const all = format === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  const headerIndex = all.findIndex((r) => r.some((c) => c !== ''));
  if (headerIndex < 0) throw fail('IMPORT_EMPTY', 'The file has no header row');
  const header = all[headerIndex]!;
  const last = header.reduce((m, c, i) => (c !== '' ? i : m), -1);
  const columns = header.slice(0, last + 1).map((c) => c.trim());
  if (columns.some((c) => c === '')) {
    throw new DomainError('IMPORT_HEADER_INVALID', 'Every column needs a heading', 400, [
      { field: 'header', code: 'empty', message: 'A column heading is empty' },
    ]);
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.toLowerCase())) {
      throw new DomainError('IMPORT_HEADER_INVALID', `The heading "${c}" appears twice`, 400, [
        { field: c, code: 'duplicate', message: 'Duplicate heading' },
      ]);
    }
    seen.add(c.toLowerCase());
  }
  const sensitive = sensitiveColumns(columns);
  if (sensitive.length) {
    throw new DomainError(
      'IMPORT_SENSITIVE_COLUMN',
      'The file has columns Begegnung must not store (surname, nationality, ethnic origin, religion or health data). Delete these columns from the file and upload it again',
      400,
      sensitive.map((s) => ({ field: s.column, code: s.category, message: s.column })),
    );
  }
  const rows = all
    .slice(headerIndex + 1)
    .map((cells, i) => ({
      rowNumber: headerIndex + i + 2,
      cells: columns.map((_, j) => cells[j] ?? ''),
    }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length > IMPORT_MAX_ROWS) {
    throw fail('IMPORT_TOO_MANY_ROWS', `At most ${IMPORT_MAX_ROWS} rows per file`);
  }
  return { format, columns, rows };
}
