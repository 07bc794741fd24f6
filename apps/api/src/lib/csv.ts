/**
 * The one CSV writer for every export (report, audit log, scenario comparison, …).
 *
 * - Formula injection (OWASP "CSV Injection"): a text cell that begins with `=`, `+`, `-`, `@`,
 *   a tab or a carriage return (also after leading spaces, and their full-width forms) is
 *   prefixed with `'`, so spreadsheet programs show it as text instead of running it.
 * - Numbers are written one way per language: German `2.455` and `0,75`, English `2,455` and
 *   `0.75`. Exact decimals (FTE as strings such as "0.750") go through `csvDecimal`.
 * - Dates as the UI shows them: German `04.12.2026`, English `04/12/2026`; timestamps in the
 *   city's time zone.
 * - `;` separator for German Excel (`,` for English), CRLF, UTF-8 with BOM for the umlauts.
 */

import { fteText } from '@begegnung/domain';

export type CsvLang = 'de' | 'en';

interface CsvDate {
  kind: 'date';
  iso: string;
}
interface CsvDateTime {
  kind: 'datetime';
  iso: string;
}
interface CsvDecimal {
  kind: 'decimal';
  value: string;
}
export type CsvValue = string | number | null | undefined | CsvDate | CsvDateTime | CsvDecimal;

/** A calendar date (YYYY-MM-DD), written as the UI shows it. */
export const csvDate = (iso: string): CsvDate => ({ kind: 'date', iso });
/** A timestamp (ISO 8601), written in Europe/Berlin time as the UI shows it. */
export const csvDateTime = (iso: string): CsvDateTime => ({ kind: 'datetime', iso });
/** An exact decimal given as a string ("0.750"): only the decimal mark is localised. */
export const csvDecimal = (value: string): CsvDecimal => ({ kind: 'decimal', value });
/** FTE with their precision as the UI shows them (`fteText`: 0,75 · 0,125 · 3,00), exact. */
export const csvFte = (value: string): CsvDecimal =>
  csvDecimal(fteText(value, 'en').replace(/,/g, ''));

const SEPARATOR: Record<CsvLang, string> = { de: ';', en: ',' };
const numberFormat = {
  de: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 3 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }),
};
const dateFormat = {
  de: new Intl.DateTimeFormat('de-DE', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }),
};
const dateTimeFormat = {
  de: new Intl.DateTimeFormat('de-DE', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Europe/Berlin',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Europe/Berlin',
  }),
};

/** Characters that make a spreadsheet read a cell as a formula (and their full-width forms). */
const FORMULA_START = /^[ \u00a0]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** Text made safe for a spreadsheet: formula starters neutralised with a leading `'`. */
export const neutralise = (s: string) => (FORMULA_START.test(s) ? `'${s}` : s);

function text(v: CsvValue, lang: CsvLang): string {
  if (v == null) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    return numberFormat[lang].format(v);
  }
  if (typeof v === 'string') return neutralise(v);
  if (v.kind === 'decimal') {
    if (!/^-?\d+(\.\d+)?$/.test(v.value)) return neutralise(v.value);
    const [int, frac] = v.value.split('.') as [string, string | undefined];
    const grouped = numberFormat[lang].format(Number(int));
    return frac === undefined ? grouped : `${grouped}${lang === 'de' ? ',' : '.'}${frac}`;
  }
  const d = new Date(v.kind === 'date' ? `${v.iso}T00:00:00Z` : v.iso);
  if (Number.isNaN(d.getTime())) return neutralise(v.iso);
  return (v.kind === 'date' ? dateFormat : dateTimeFormat)[lang].format(d);
}

/** One CSV cell: quoted when it holds the separator, a quote or a line break. */
function cell(v: CsvValue, lang: CsvLang) {
  const s = text(v, lang);
  return s.includes(SEPARATOR[lang]) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole file: BOM, rows joined by CRLF, a final CRLF. */
export const toCsv = (rows: readonly (readonly CsvValue[])[], lang: CsvLang = 'de') =>
  `\uFEFF${rows.map((r) => r.map((v) => cell(v, lang)).join(SEPARATOR[lang])).join('\r\n')}\r\n`;
