import { useTranslation } from 'react-i18next';
import { fteText } from '@begegnung/domain';

/** The locale numbers and dates are written in for a UI language. */
export const localeOf = (language: string) => (language === 'en' ? 'en-GB' : 'de-DE');

/**
 * The one place numbers and dates are formatted for the screen, in the UI language; decimals
 * travel as strings and are only shown here.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const num = (v: number, maximumFractionDigits = 1) =>
    v.toLocaleString(locale, { maximumFractionDigits });
  return {
    locale,
    /** A count or figure with at most one decimal place ("1.234,5"). */
    n: (v: number) => num(v),
    /** A number with at most `digits` decimal places. */
    num,
    /** A percentage with one decimal place, or "–" when there is none. */
    pct: (v: number | null) => (v === null ? '–' : `${num(v)} %`),
    /** A month ("2026-03") as "März 26". */
    month: (ym: string) =>
      new Date(`${ym}-15T12:00:00Z`).toLocaleDateString(locale, {
        month: 'short',
        year: '2-digit',
      }),
    /** A month ("2026-03") in full, as "März 2026". */
    monthLong: (ym: string) =>
      new Date(`${ym}-15T12:00:00Z`).toLocaleDateString(locale, {
        month: 'long',
        year: 'numeric',
      }),
    /** FTE with the precision they have (0,75 · 0,125 · 3,00): the same rule as PDF and CSV. */
    fte: (s: string) => fteText(s, i18n.language === 'en' ? 'en' : 'de'),
    /** Ratios such as newcomers per FTE: decimal comma in German, one decimal place. */
    ratio: (s: string | number) =>
      Number(s).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    euro: (n: number) =>
      n.toLocaleString(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
    date: (iso: string | null) =>
      iso ? new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(locale) : '—',
    /** A day in full, e.g. "Freitag, 4. Dezember 2026". */
    dateFull: (d: Date) => d.toLocaleDateString(locale, { dateStyle: 'full' }),
    /**
     * A moment (ISO timestamp) as local date and time, e.g. "4.12.26, 14:03"; `medium` adds
     * seconds (audit entries), `long` writes the month out.
     */
    dateTime: (iso: string, style: 'short' | 'medium' | 'long' = 'short') =>
      new Date(iso).toLocaleString(locale, {
        dateStyle: style,
        timeStyle: style === 'long' ? 'short' : style,
      }),
  };
}

/** "0,5" → "0.5": people type decimal commas, the API takes dots. */
export const toApiDecimal = (s: string) => s.trim().replace(',', '.');
