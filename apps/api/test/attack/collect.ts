import { expect } from 'vitest';
import { addDays, addMonths, localNow } from '@begegnung/domain';
import type { Client } from '../helper.ts';
import { Attack, type BoundsOf, type Shown } from './attacker.ts';
import { exact } from './modes.ts';
import { suppressSmallCells } from './legacy-suppression.ts';

/**
 * Collects every people table the API publishes for overlapping requests (all centres and
 * single centres; the last 12 full months, its quarters and months; each of those periods
 * also one day shorter), once as published and once exact (the truth), and writes them into
 * an attacker's system: once as the cell key method publishes them, once as the old
 * line-by-line suppression would have published the same true tables.
 */

interface Table {
  cells: Shown[][];
  rowTotals: Shown[];
  colTotals: Shown[];
  total: Shown;
}
type Exact = { cells: number[][]; rowTotals: number[]; colTotals: number[]; total: number };
interface Period {
  from: string;
  to: string;
}

/** Cell key method: a number p was a true count within D of p (and ≥ 1); "< 5" is 1..4+D. */
export const ckmBounds =
  (D: number): BoundsOf =>
  (s) =>
    s === 0
      ? [0, 0]
      : s === 'suppressed'
        ? [1, 4 + D]
        : [Math.max(1, (s as number) - D), (s as number) + D];

/** Old method: numbers exact, "< 5" is 0..4, "x" (secondary) is at least 5. */
export const legacyBounds: BoundsOf = (s) =>
  s === 'suppressed' ? [0, 4] : s === 'secondary' ? [5, 1e6] : [s as number, s as number];

const monthEnd = (ym: string) => addDays(addMonths(`${ym}-01`, 1), -1);
const max = (a: string, b: string) => (a > b ? a : b);
const min = (a: string, b: string) => (a < b ? a : b);
const pk = (p: Period) => `${p.from}..${p.to}`;

export function periods(today = localNow().date) {
  const base = `${today.slice(0, 7)}-01`;
  const months: Period[] = Array.from({ length: 12 }, (_, i) => {
    const from = addMonths(base, i - 12);
    return { from, to: addDays(addMonths(from, 1), -1) };
  });
  const quarters: Period[] = [0, 3, 6, 9].map((i) => ({
    from: months[i]!.from,
    to: months[i + 2]!.to,
  }));
  const year: Period = { from: months[0]!.from, to: months[11]!.to };
  const full = [year, ...quarters, ...months];
  const shorter = full.map((p) => ({ from: p.from, to: addDays(p.to, -1) }));
  return { year, quarters, months, full, shorter };
}

interface Responses {
  scope: string;
  period: Period;
  dashboard: { pub: any; tru: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  outreach: { pub: any; tru: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  staffing?: { pub: any; tru: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function collect(client: Client, scopes: (number | undefined)[]) {
  const { full, shorter } = periods();
  const get = async (url: string) => {
    const res = await client.request({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const both = async (url: string) => {
    exact.on = false;
    const pub = await get(url);
    exact.on = true;
    try {
      return { pub, tru: await get(url) };
    } finally {
      exact.on = false;
    }
  };
  const out: Responses[] = [];
  for (const s of scopes) {
    for (const p of [...full, ...shorter]) {
      const q = `from=${p.from}&to=${p.to}${s === undefined ? '' : `&centreId=${s}`}`;
      out.push({
        scope: s === undefined ? 'all' : `c${s}`,
        period: p,
        dashboard: await both(`/api/reporting/dashboard?${q}`),
        outreach: await both(`/api/reporting/outreach?${q}`),
        staffing: s === undefined ? await both(`/api/reporting/staffing?${q}`) : undefined,
      });
    }
  }
  return out;
}

/** Builds the attacker's system from the responses; `legacy` re-publishes the truth the old way. */
export function buildAttack(responses: Responses[], bounds: BoundsOf, legacy: boolean) {
  const att = new Attack(bounds);
  const shownOf = (pub: Table, tru: Exact): Table => {
    if (!legacy) return pub;
    // Single columns were suppressed as one column (with their total), tables as tables.
    return suppressSmallCells(tru.cells);
  };
  const addTable = (kind: string, rowIds: string[], tableId: string, pub: Table, tru: Exact) => {
    const shown = shownOf(pub, tru);
    const width = tru.colTotals.length;
    const cellKey = (i: number, j: number) => `${kind}|${rowIds[i]}|${j}`;
    const rowKey = (i: number) => `${kind}|${rowIds[i]}|T`;
    const one = rowIds.length === 1;
    const colKey = (j: number) => (one ? cellKey(0, j) : `${kind}|${tableId}|C${j}`);
    const grandKey = one ? rowKey(0) : `${kind}|${tableId}|TT`;
    rowIds.forEach((_, i) => {
      for (let j = 0; j < width; j++)
        att.observe(cellKey(i, j), shown.cells[i]![j]!, tru.cells[i]![j]!);
      att.observe(rowKey(i), shown.rowTotals[i]!, tru.rowTotals[i]!);
      att.relate([
        [rowKey(i), 1],
        ...Array.from({ length: width }, (_, j) => [cellKey(i, j), -1] as [string, number]),
      ]);
    });
    for (let j = 0; j < width; j++) {
      att.observe(colKey(j), shown.colTotals[j]!, tru.colTotals[j]!);
      if (!one)
        att.relate([
          [colKey(j), 1],
          ...rowIds.map((_, i) => [cellKey(i, j), -1] as [string, number]),
        ]);
    }
    att.observe(grandKey, shown.total, tru.total);
    if (!one)
      att.relate([[grandKey, 1], ...rowIds.map((_, i) => [rowKey(i), -1] as [string, number])]);
  };

  for (const r of responses) {
    const P = pk(r.period);
    const { pub: d, tru: dt } = r.dashboard;
    const centres = (dt.centres as { id: number }[]).map((c) => c.id);
    addTable(
      'pe',
      centres.map((c) => `${P}|${c}`),
      `${r.scope}|${P}`,
      d.people,
      dt.people,
    );
    const win = (m: string) =>
      `${r.scope}|${max(r.period.from, `${m}-01`)}..${min(r.period.to, monthEnd(m))}`;
    addTable(
      'mo',
      (dt.months as string[]).map(win),
      `${r.scope}|${P}`,
      d.monthlyPeople,
      dt.monthlyPeople,
    );
    addTable(
      'mx',
      centres.map((c) => `${dt.mixed.windowTo}|${c}`),
      `${r.scope}|${dt.mixed.windowTo}`,
      d.mixed.table,
      dt.mixed.table,
    );
    att.observe(
      `an|${r.scope}|${P}`,
      legacy ? dt.anonymousNewcomers : d.anonymousNewcomers,
      dt.anonymousNewcomers,
    );
    const { pub: o, tru: ot } = r.outreach;
    addTable('fl', centres.map(String), r.scope, o.flagged, ot.flagged);
    addTable(
      'ct',
      centres.map((c) => `${P}|${c}`),
      `${r.scope}|${P}`,
      o.contacted,
      ot.contacted,
    );
    addTable(
      'cl',
      centres.map((c) => `${P}|${c}`),
      `${r.scope}|${P}`,
      o.closed,
      ot.closed,
    );
    addTable(
      'vf',
      centres.map((c) => `${P}|${c}`),
      `${r.scope}|${P}`,
      o.verified,
      ot.verified,
    );
    // The verified re-engaged are some of the tasks closed as re-engaged.
    const re = (ot.outcomes as string[]).indexOf('re_engaged');
    for (const c of centres)
      att.relate(
        [
          [`cl|${P}|${c}|${re}`, 1],
          [`vf|${P}|${c}|0`, -1],
        ],
        '>=',
        0,
      );
    if (r.staffing) {
      const { pub: s, tru: st } = r.staffing;
      // Need (catchment) is entered figures with source and date, not a count of people here.
      addTable('fl', centres.map(String), 'staffing', s.outOfView, st.outOfView);
      addTable(
        'ac',
        centres.map((c) => `${P}|${c}`),
        `staffing|${P}`,
        s.active,
        st.active,
      );
      // Active people in the staffing table are the people reached in the dashboard.
      for (const c of centres)
        att.relate([
          [`ac|${P}|${c}|0`, 1],
          [`pe|${P}|${c}|T`, -1],
        ]);
    }
  }

  // Relations between requests: periods one day apart, nested and additive periods, scopes.
  const { year, quarters, months, full, shorter } = periods();
  const scopes = [...new Set(responses.map((r) => r.scope))];
  const centreIds = (responses[0]!.dashboard.tru.centres as { id: number }[]).map((c) => c.id);
  const singleScopes = scopes.filter((s) => s !== 'all');
  full.forEach((p, i) => {
    const a = pk(p);
    const b = pk(shorter[i]!);
    for (const c of centreIds) {
      for (const j of ['0', '1', 'T']) att.difference(`pe|${a}|${c}|${j}`, `pe|${b}|${c}|${j}`);
      att.difference(`ct|${a}|${c}|0`, `ct|${b}|${c}|0`);
      for (let j = 0; j < 5; j++) att.difference(`cl|${a}|${c}|${j}`, `cl|${b}|${c}|${j}`);
      att.difference(`vf|${a}|${c}|0`, `vf|${b}|${c}|0`);
    }
    for (const s of scopes) {
      att.difference(`an|${s}|${a}`, `an|${s}|${b}`);
      const m = p.to.slice(0, 7);
      const wa = `${s}|${max(p.from, `${m}-01`)}..${p.to}`;
      const wb = `${s}|${max(p.from, `${m}-01`)}..${shorter[i]!.to}`;
      for (const j of ['0', '1', 'T']) att.difference(`mo|${wa}|${j}`, `mo|${wb}|${j}`);
    }
  });
  const parts: [Period, Period[]][] = [
    [year, months],
    [year, quarters],
    ...quarters.map((q, i) => [q, months.slice(3 * i, 3 * i + 3)] as [Period, Period[]]),
  ];
  for (const [whole, ps] of parts) {
    for (const s of scopes) {
      att.relate([
        [`an|${s}|${pk(whole)}`, 1],
        ...ps.map((p) => [`an|${s}|${pk(p)}`, -1] as [string, number]),
      ]);
    }
    for (const c of centreIds) {
      for (let j = 0; j < 5; j++) {
        att.relate([
          [`cl|${pk(whole)}|${c}|${j}`, 1],
          ...ps.map((p) => [`cl|${pk(p)}|${c}|${j}`, -1] as [string, number]),
        ]);
      }
      att.relate([
        [`vf|${pk(whole)}|${c}|0`, 1],
        ...ps.map((p) => [`vf|${pk(p)}|${c}|0`, -1] as [string, number]),
      ]);
      for (const p of ps) {
        // People reached in a part were reached in the whole; the whole is at most the parts.
        att.relate(
          [
            [`pe|${pk(whole)}|${c}|T`, 1],
            [`pe|${pk(p)}|${c}|T`, -1],
          ],
          '>=',
          0,
        );
      }
      att.relate(
        [
          [`pe|${pk(whole)}|${c}|T`, -1],
          ...ps.map((p) => [`pe|${pk(p)}|${c}|T`, 1] as [string, number]),
        ],
        '>=',
        0,
      );
    }
  }
  if (singleScopes.length === centreIds.length) {
    for (const p of [...full, ...shorter]) {
      att.relate([
        [`an|all|${pk(p)}`, 1],
        ...singleScopes.map((s) => [`an|${s}|${pk(p)}`, -1] as [string, number]),
      ]);
    }
  }
  return att;
}
