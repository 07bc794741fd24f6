import { cellText, fteText, hasRole, type ReportQuery, type ShownCell } from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { readSettings } from '../settings/settings.service.ts';
import { today } from '../../lib/clock.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import { getDashboard, getOutreach, getStaffing } from './reporting.service.ts';
import { renderReportPdf } from './report.pdf.ts';
import { correctionsForReport } from './corrections.service.ts';
import { csvDate, csvFte, toCsv, type CsvValue } from '../../lib/csv.ts';
import {
  OUTCOME_LABELS,
  cell,
  germanDate,
  germanMonth,
  periodLabel,
  quarterLabel,
  type ReportData,
} from './report.format.ts';
import { toXlsx } from '../../lib/xlsx.ts';

export type { ReportData } from './report.format.ts';

async function outOfViewRule(ctx: ServiceContext) {
  const s = await readSettings(ctx.db);
  return {
    movedWithinMonths: s.outOfViewMovedWithinMonths,
    notSeenWeeks: s.outOfViewNotSeenWeeks,
  };
}

export async function collectReport(ctx: ServiceContext, q: ReportQuery): Promise<ReportData> {
  requireRole(ctx, 'report', 'coordinator', 'centre_staff');
  const dashboard = await getDashboard(ctx, q);
  const outreach = await getOutreach(ctx, q);
  const staffing = hasRole(ctx.actor, 'coordinator')
    ? await getStaffing(ctx, { from: dashboard.from, to: dashboard.to })
    : null;
  const scopeLabel =
    q.centreId !== undefined
      ? dashboard.centres[0]!.name
      : dashboard.centres.length > 1
        ? `Alle ${dashboard.centres.length} Zentren`
        : dashboard.centres[0]!.name;
  return {
    dashboard,
    outreach,
    staffing,
    corrections: await correctionsForReport(
      ctx.db,
      dashboard.from,
      dashboard.centres.map((c) => c.id),
    ),
    scopeLabel,
    periodLabel: periodLabel(dashboard.from, dashboard.to),
    createdOn: today(),
    outOfViewRule: await outOfViewRule(ctx),
    createdBy: ctx.actor.email,
  };
}

const fileStem = (d: ReportData) =>
  `ratsbericht_${d.dashboard.from}_${d.dashboard.to}${
    d.dashboard.centreId !== null ? `_${d.dashboard.centres[0]!.code}` : ''
  }`;

export async function reportPdf(ctx: ServiceContext, q: ReportQuery) {
  const data = await collectReport(ctx, q);
  const pdf = await renderReportPdf(data);
  await audit(ctx, {
    action: 'export',
    entityType: 'report',
    entityId: data.dashboard.centreId,
    reason: `pdf ${data.dashboard.from}..${data.dashboard.to}`,
  });
  return { pdf, filename: `${fileStem(data)}.pdf` };
}

/** A published count for the CSV writer: the number (formatted there) or "< 5". */
const shown = (c: ShownCell): CsvValue => (c === 'suppressed' ? cellText(c) : c);

/** The report's tables as CSV for German Excel (lib/csv.ts); published cells as in the PDF. */
export async function reportCsv(ctx: ServiceContext, q: ReportQuery) {
  const d = await collectReport(ctx, q);
  const csv = buildReportCsv(d);
  await audit(ctx, {
    action: 'export',
    entityType: 'report',
    entityId: d.dashboard.centreId,
    reason: `csv ${d.dashboard.from}..${d.dashboard.to}`,
  });
  return { csv, filename: `${fileStem(d)}.csv` };
}

/** The report's tables as an Excel workbook (lib/xlsx.ts): the same cells as the CSV, typed. */
export async function reportXlsx(ctx: ServiceContext, q: ReportQuery) {
  const d = await collectReport(ctx, q);
  const xlsx = await buildReportXlsx(d);
  await audit(ctx, {
    action: 'export',
    entityType: 'report',
    entityId: d.dashboard.centreId,
    reason: `xlsx ${d.dashboard.from}..${d.dashboard.to}`,
  });
  return { xlsx, filename: `${fileStem(d)}.xlsx` };
}

export const reportFileStem = (d: ReportData) => fileStem(d);

export const REPORT_METHOD_NOTE =
  'Personenzahlen leicht zufällig verändert (Cell-Key-Verfahren, höchstens ± 4), unter 5 als "< 5"; Summen eigens verändert, sie müssen nicht aufgehen';

/** One table of the report: a sheet in the workbook, a block in the CSV. */
export interface ReportTable {
  sheet: string;
  rows: CsvValue[][];
}

/**
 * The report's tables, built once from collected data for both writers: the CSV (blocks
 * separated by an empty row, after the title and the method note) and the workbook (one sheet
 * per table, the method note on the last sheet). Published cells as in the PDF.
 */
export function reportTables(d: ReportData): { preamble: CsvValue[][]; tables: ReportTable[] } {
  const { dashboard: db, outreach: o, staffing: s } = d;
  const preamble: CsvValue[][] = [
    ['Bericht an den Rat', d.scopeLabel, d.periodLabel],
    [REPORT_METHOD_NOTE],
  ];
  const tables: ReportTable[] = [];
  let rows: CsvValue[][] = [];
  const blank = (sheet: string) => {
    rows = [];
    tables.push({ sheet, rows });
  };
  blank('Reichweite');
  rows.push([
    'Reichweite je Zentrum',
    'Neu',
    'Wiederkommend',
    'Erreichte Personen (namentlich)',
    'Begegnungen',
    'Stunden',
    'Anteil mit Aufnahmegesellschaft (%)',
  ]);
  db.centres.forEach((c, i) => {
    const pc = db.perCentre[i]!;
    rows.push([
      c.name,
      shown(db.people.cells[i]![0]!),
      shown(db.people.cells[i]![1]!),
      shown(db.people.rowTotals[i]!),
      pc.encounters,
      pc.hours,
      pc.hostShare,
    ]);
  });
  rows.push([
    'Gesamt',
    shown(db.people.colTotals[0]!),
    shown(db.people.colTotals[1]!),
    shown(db.people.total),
    db.encounters,
    db.hours,
    db.hostShare,
  ]);
  blank('Monate');
  rows.push([
    'Monat',
    'Begegnungen',
    'Stunden',
    'mit Aufnahmegesellschaft',
    'Neu',
    'Wiederkommend',
    'Erreichte Personen',
  ]);
  db.byMonth.forEach((m, i) =>
    rows.push([
      germanMonth(m.month),
      m.encounters,
      m.hours,
      m.mixed,
      shown(db.monthlyPeople.cells[i]![0]!),
      shown(db.monthlyPeople.cells[i]![1]!),
      shown(db.monthlyPeople.rowTotals[i]!),
    ]),
  );
  blank('Angebote');
  rows.push(['Angebot', 'Begegnungen', 'Stunden', 'mit Aufnahmegesellschaft']);
  for (const a of db.byActivity) rows.push([a.name, a.encounters, a.hours, a.mixed]);
  blank('Gemischte Begegnungen');
  rows.push([
    `Gemischte Begegnungen je Person (${germanDate(db.mixed.windowFrom)} bis ${germanDate(db.mixed.windowTo)})`,
    ...db.mixed.buckets,
    'Gesamt',
  ]);
  db.centres.forEach((c, i) =>
    rows.push([c.name, ...db.mixed.table.cells[i]!.map(cell), shown(db.mixed.table.rowTotals[i]!)]),
  );
  rows.push(['Gesamt', ...db.mixed.table.colTotals.map(cell), shown(db.mixed.table.total)]);
  blank('Nachgehende Arbeit');
  rows.push([
    'Nachgehende Arbeit',
    'Aus dem Blick (heute)',
    'Kontaktiert',
    ...o.outcomes.map((x) => `abgeschlossen: ${OUTCOME_LABELS[x]} (laut Fachkraft)`),
    'abgeschlossen gesamt',
    `belegt wieder dabei (Besuch bis ${o.reEngagedWithinWeeks} Wochen nach Abschluss)`,
    'Wiedereinstiegsquote belegt (%)',
    'Wiedereinstiegsquote laut Fachkraft (%)',
  ]);
  o.centres.forEach((c, i) =>
    rows.push([
      c.name,
      shown(o.flagged.cells[i]![0]!),
      shown(o.contacted.cells[i]![0]!),
      ...o.closed.cells[i]!.map(cell),
      shown(o.closed.rowTotals[i]!),
      shown(o.verified.cells[i]![0]!),
      o.rate[i],
      o.selfReportedRate[i],
    ]),
  );
  rows.push([
    'Gesamt',
    shown(o.flagged.total),
    shown(o.contacted.total),
    ...o.closed.colTotals.map(cell),
    shown(o.closed.total),
    shown(o.verified.total),
    o.totalRate,
    o.totalSelfReportedRate,
  ]);
  if (s) {
    const fte = (v: string | null | undefined) => (v == null ? 'keine Daten' : csvFte(v));
    blank('Stellen und Bedarf');
    rows.push([
      'Stellen und Bedarf',
      'Bedarf: Neuzugezogene im Einzugsgebiet (eingetragen)',
      'Quelle',
      'Stand',
      'Aktive Teilnehmende',
      'Aus dem Blick',
      'Begegnungen',
      ...s.scenarios.map((x) => `VZÄ ${x.name}`),
      `nach Bedarf (${fteText(s.split.totalFte)} VZÄ)`,
      'gleich verteilt',
    ]);
    s.centres.forEach((c, i) => {
      const n = s.needs.find((x) => x.centreId === c.id);
      rows.push([
        c.name,
        n?.need == null ? 'keine Daten' : n.need,
        n?.need == null ? '' : (n.source ?? ''),
        n?.asOf ? csvDate(n.asOf) : '',
        shown(s.active.cells[i]![0]!),
        shown(s.outOfView.cells[i]![0]!),
        s.rows[i]!.encounters,
        ...s.rows[i]!.fte.map((f) => csvFte(f.fte)),
        s.split.byNeed ? fte(s.split.byNeed[i]) : '',
        s.split.equal ? fte(s.split.equal[i]) : '',
      ]);
    });
    rows.push([
      'Gesamt',
      s.needs.some((n) => n.need !== null)
        ? s.needs.reduce((a, n) => a + (n.need ?? 0), 0)
        : 'keine Daten',
      '',
      '',
      shown(s.active.total),
      shown(s.outOfView.total),
      s.rows.reduce((a, r) => a + r.encounters, 0),
      ...s.scenarios.map((x) => csvFte(x.totalFte)),
      s.split.byNeed ? csvFte(s.split.totalFte) : '',
      s.split.equal ? csvFte(s.split.totalFte) : '',
    ]);
  }
  if (d.corrections?.length) {
    blank('Korrekturen');
    rows.push(['Korrekturen seit Veröffentlichung', 'Quartal', 'Einträge']);
    for (const c of d.corrections) {
      rows.push([c.centreName, quarterLabel(c.periodFrom, c.periodTo), c.count]);
    }
  }
  return { preamble, tables };
}

/** The CSV text of collected report data (the same data the PDF of one request draws). */
export function buildReportCsv(d: ReportData): string {
  const { preamble, tables } = reportTables(d);
  return toCsv([...preamble, ...tables.flatMap((t) => [[], ...t.rows])]);
}

/** The workbook of collected report data: one sheet per table, the method note last. */
export function buildReportXlsx(d: ReportData): Promise<Buffer> {
  const { preamble, tables } = reportTables(d);
  return toXlsx([
    ...tables.map((t) => ({ name: t.sheet, rows: t.rows })),
    {
      name: 'Methode',
      header: false,
      rows: [...preamble, [], ['Erstellt am', csvDate(d.createdOn)], ['Erstellt von', d.createdBy]],
    },
  ]);
}
