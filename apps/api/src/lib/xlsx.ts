/**
 * The one `.xlsx` writer for every export, next to the CSV writer (lib/csv.ts). Both take the
 * same rows of `CsvValue`s, built once per export; this one writes typed cells:
 *
 * - numbers as numbers, rounded exactly as the CSV prints them (at most three decimals), with
 *   the format `#,##0` for whole numbers and `#,##0.0##` otherwise (German Excel shows `1.234,5`);
 * - exact decimals (`csvDecimal`, `csvFte`: "0.750") as numbers whose format keeps the given
 *   precision (`0.000`), so the cell shows what the CSV shows;
 * - dates as real dates (`DD.MM.YYYY`), timestamps as real date-times in Europe/Berlin time;
 * - text as text cells, neutralised like the CSV (a leading `'` before `= + - @`), so that
 *   editing a cell in Excel cannot turn an audited value into a formula; no formulas anywhere.
 *
 * Each sheet has a bold, frozen header row and column widths from its content.
 */

import ExcelJS from 'exceljs';
import { neutralise, type CsvValue } from './csv.ts';

export interface XlsxSheet {
  /** Sheet name (cut to Excel's 31 characters, forbidden characters replaced). */
  name: string;
  rows: readonly (readonly CsvValue[])[];
  /** The first row is a header: bold and frozen (default true). */
  header?: boolean;
}

/** Rounds as the CSV's `Intl.NumberFormat(maximumFractionDigits: 3)` does. */
const round3 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3, useGrouping: false });
export const xlsxNumber = (v: number) => Number(round3.format(v));

const berlin = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A timestamp as the wall-clock time in Berlin, encoded as UTC (Excel dates have no zone). */
function berlinWallClock(d: Date): Date {
  const p = Object.fromEntries(berlin.formatToParts(d).map((x) => [x.type, x.value]));
  return new Date(Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!, 0));
}

interface Typed {
  value: string | number | Date | null;
  numFmt?: string;
}

/** One cell's value and number format. */
export function typedCell(v: CsvValue): Typed {
  if (v == null || v === '') return { value: null };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { value: null };
    const n = xlsxNumber(v);
    return { value: n, numFmt: Number.isInteger(n) ? '#,##0' : '#,##0.0##' };
  }
  if (typeof v === 'string') return { value: neutralise(v) };
  if (v.kind === 'decimal') {
    if (!/^-?\d+(\.\d+)?$/.test(v.value)) return { value: neutralise(v.value) };
    const frac = v.value.split('.')[1]?.length ?? 0;
    return { value: Number(v.value), numFmt: frac ? `#,##0.${'0'.repeat(frac)}` : '#,##0' };
  }
  const d = new Date(v.kind === 'date' ? `${v.iso}T00:00:00Z` : v.iso);
  if (Number.isNaN(d.getTime())) return { value: neutralise(v.iso) };
  return v.kind === 'date'
    ? { value: d, numFmt: 'DD.MM.YYYY' }
    : { value: berlinWallClock(d), numFmt: 'DD.MM.YYYY HH:mm:ss' };
}

const sheetName = (s: string, taken: Set<string>) => {
  const base = s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Tabelle';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
};

const shownWidth = (t: Typed) =>
  t.value == null
    ? 0
    : t.value instanceof Date
      ? (t.numFmt?.length ?? 10)
      : typeof t.value === 'number'
        ? String(t.value).length + 3
        : Math.max(...t.value.split('\n').map((l) => l.length));

/** The workbook as bytes. */
export async function toXlsx(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Begegnung';
  wb.created = new Date(0); // no timestamp in the file: the same figures give the same cells
  const taken = new Set<string>();
  for (const s of sheets) {
    const header = s.header ?? true;
    const ws = wb.addWorksheet(sheetName(s.name, taken), {
      views: header ? [{ state: 'frozen', ySplit: 1, xSplit: 0 }] : [],
    });
    const widths: number[] = [];
    s.rows.forEach((row, r) => {
      const xrow = ws.getRow(r + 1);
      row.forEach((v, c) => {
        const t = typedCell(v);
        const cell = xrow.getCell(c + 1);
        cell.value = t.value;
        if (t.numFmt) cell.numFmt = t.numFmt;
        // Headers wrap, so their width does not count fully.
        const w = shownWidth(t);
        widths[c] = Math.max(widths[c] ?? 0, r === 0 && header ? Math.min(w, 24) : w);
      });
      if (r === 0 && header) {
        xrow.font = { bold: true };
        xrow.alignment = { wrapText: true, vertical: 'top' };
      }
    });
    widths.forEach((w, c) => {
      ws.getColumn(c + 1).width = Math.min(60, Math.max(8, w + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
