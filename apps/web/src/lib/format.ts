import { useTranslation } from 'react-i18next';
import { fteText } from '@begegnung/domain';

/** Number formatting in the UI language; decimals travel as strings and are only shown here. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'de-DE';
  return {
    /** FTE with the precision they have (0,75 · 0,125 · 3,00): the same rule as PDF and CSV. */
    fte: (s: string) => fteText(s, i18n.language === 'en' ? 'en' : 'de'),
    /** Ratios such as newcomers per FTE: decimal comma in German, one decimal place. */
    ratio: (s: string | number) =>
      Number(s).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    euro: (n: number) =>
      n.toLocaleString(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
    date: (iso: string | null) =>
      iso ? new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(locale) : '—',
    /** A moment (ISO timestamp) as local date and time, e.g. "4.12.2026, 14:03". */
    dateTime: (iso: string) =>
      new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' }),
  };
}

/** "0,5" → "0.5": people type decimal commas, the API takes dots. */
export const toApiDecimal = (s: string) => s.trim().replace(',', '.');
