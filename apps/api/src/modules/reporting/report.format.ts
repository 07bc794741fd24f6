/**
 * The council report's data shape and its German formatting, shared by the CSV writer
 * (report.service.ts) and the PDF renderer (report.pdf.ts) without either importing the other.
 */
import {
  OUTREACH_OUTCOMES,
  cellText,
  type CorrectionCount,
  type Dashboard,
  type Outreach,
  type ShownCell,
  type Staffing,
} from '@begegnung/domain';

export interface ReportData {
  dashboard: Dashboard;
  outreach: Outreach;
  /** Only for coordinators (posts and FTE are steering data). */
  staffing: Staffing | null;
  /** Entries dated inside earlier published quarters, recorded since this period began. */
  corrections?: CorrectionCount[];
  scopeLabel: string;
  periodLabel: string;
  createdOn: string;
  /** The out-of-view rule in force when the report was made (absent in reports published before it was recorded). */
  outOfViewRule?: { movedWithinMonths: number; notSeenWeeks: number };
  createdBy: string;
}

const MONTHS = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];
export const germanDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return `${day}. ${MONTHS[m - 1]} ${y}`;
};
export const germanMonth = (ym: string) => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]!.slice(0, 3)} ${String(y).slice(2)}`;
};
const nf = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
export const num = (n: number) => nf.format(n);
export const cell = (c: ShownCell) => cellText(c, num);
export const pct = (n: number | null) => (n === null ? '–' : `${nf.format(n)} %`);

export const OUTCOME_LABELS: Record<(typeof OUTREACH_OUTCOMES)[number], string> = {
  re_engaged: 'wieder dabei',
  reached: 'erreicht',
  moved_away: 'weggezogen',
  declined: 'möchte nicht',
  unreachable: 'nicht erreichbar',
};

export function periodLabel(from: string, to: string) {
  const q = /^(\d{4})-(01|04|07|10)-01$/.exec(from);
  const quarterEnd: Record<string, string> = {
    '01': '03-31',
    '04': '06-30',
    '07': '09-30',
    '10': '12-31',
  };
  const quarter =
    q && to === `${q[1]}-${quarterEnd[q[2]!]}`
      ? ` (${(Number(q[2]) + 2) / 3}. Quartal ${q[1]})`
      : '';
  return `${germanDate(from)} bis ${germanDate(to)}${quarter}`;
}

/** "2. Quartal 2026" for a whole quarter, otherwise the dates. */
export const quarterLabel = (from: string, to: string) =>
  /\(([^)]+)\)$/.exec(periodLabel(from, to))?.[1] ?? `${germanDate(from)} bis ${germanDate(to)}`;

/** "in den letzten 12 Monaten … seit 6 Wochen", or the general words for older reports. */
export function outOfViewWords(d: Pick<ReportData, 'outOfViewRule'>) {
  const r = d.outOfViewRule;
  return r
    ? {
        moved: `in den letzten ${r.movedWithinMonths} Monaten`,
        unseen: `seit mindestens ${r.notSeenWeeks} Wochen`,
      }
    : { moved: 'in den letzten Monaten', unseen: 'seit mehreren Wochen' };
}
