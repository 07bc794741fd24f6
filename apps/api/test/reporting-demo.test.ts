import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import {
  DashboardSchema,
  OutOfViewSchema,
  OutreachSchema,
  StaffingSchema,
  addDays,
  addMonths,
  localNow,
  previousQuarter,
  mixedBucket,
  CKM_MAX_DEVIATION,
  addCells,
  anonymousUnitKeySum,
  publishCount,
  publishTable,
  type CountCell,
} from '@begegnung/domain';
import { createTestApp, makeUser, userClient, expectSchema, type Client, q } from './helper.ts';
import { seedCentres } from '../src/seed/demo.ts';
import { seedPosts } from '../src/seed/posts.ts';
import { seedEncounterDemo } from '../src/seed/encounters.ts';

/**
 * The demo generator's two years of history in a test database; every dashboard figure is
 * recomputed here with plain SQL straight from the rows and compared with the API.
 */
const t = await createTestApp();
const today = localNow().date;
const centreIds = await seedCentres(t.db);
const staff: Record<string, number> = {};
for (const [code, id] of Object.entries(centreIds)) {
  staff[code] = (await makeUser(t.db, ['centre_staff'], [id])).id;
}
await seedPosts(t.db, centreIds);
const summary = await seedEncounterDemo(t.db, { today });
const all = <T>(text: string, ...params: unknown[]) => q(t.db).all<T>(text, ...params);
const one = async <T>(text: string, ...params: unknown[]) =>
  (await q(t.db).get<T>(text, ...params)) as T;

let coordinator: Client;
beforeAll(async () => {
  coordinator = await userClient(t, ['coordinator']);
});

const from = addDays(addMonths(today, -12), 1);
const to = today;
/** A cell from rows that carry their record key (recomputed here, not by the repository). */
const cellOf = (rows: { k: number }[]): CountCell =>
  addCells(...rows.map((r) => ({ n: 1, key: r.k })));

const get = async (url: string, client = coordinator) => {
  const res = await client.request({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('dashboard on the demo data', () => {
  it('has plausible demo volumes', () => {
    expect(summary.encounters).toBeGreaterThan(3000);
    expect(summary.participants).toBeGreaterThan(250);
  });

  it('matches figures recomputed from the rows', async () => {
    const d = await get(`/api/reporting/dashboard?from=${from}&to=${to}`);
    expectSchema(DashboardSchema, d);
    const e = await one<{ n: number; minutes: number; anon: number; mixed: number }>(
      `select count(*) n, sum(duration_minutes) minutes, sum(newcomers) anon,
              sum(case when host > 0 then 1 else 0 end) mixed
       from encounters where date between ? and ?`,
      from,
      to,
    );
    expect(d.hasData).toBe(true);
    expect(d.encounters).toBe(e.n);
    expect(d.hours).toBeCloseTo(e.minutes / 60, 0);
    const anon = await all<{ n: number; k: number }>(
      `select newcomers n, record_key k from encounters where date between ? and ?`,
      from,
      to,
    );
    expect(anon.reduce((s, a) => s + a.n, 0)).toBe(e.anon);
    expect(d.anonymousNewcomers).toEqual(
      publishCount(addCells(...anon.map((a) => ({ n: a.n, key: anonymousUnitKeySum(a.k, a.n) })))),
    );
    expect(d.mixedEncounters).toBe(e.mixed);
    expect(d.hostShare).toBeCloseTo((100 * e.mixed) / e.n, 1);

    // Distinct named newcomers per centre, new = first attendance ever inside the period.
    const people = await all<{ centre: number; pid: number; first: string; k: number }>(
      `select distinct e.centre_id centre, a.participant_id pid,
              (select record_key from participants where id = a.participant_id) k,
              (select min(e2.date) from encounter_attendees a2 join encounters e2 on e2.id = a2.encounter_id
               where a2.participant_id = a.participant_id) first
       from encounter_attendees a join encounters e on e.id = a.encounter_id
       where e.date between ? and ?`,
      from,
      to,
    );
    const ids = d.centres.map((c: { id: number }) => c.id) as number[];
    const expected = publishTable(
      ids.map((id) => {
        const rows = people.filter((p) => p.centre === id);
        return [
          cellOf(rows.filter((p) => p.first >= from)),
          cellOf(rows.filter((p) => p.first < from)),
        ];
      }),
    );
    expect(d.people).toEqual(expected);
    expect(Math.abs(d.people.total - people.length)).toBeLessThanOrEqual(CKM_MAX_DEVIATION);
    expect(d.people.total).toBeGreaterThan(100);

    // Encounters by activity and by month.
    const acts = await all<{ name: string; n: number }>(
      `select a.name, count(*) n from encounters e join activities a on a.id = e.activity_id
       where e.date between ? and ? group by a.id`,
      from,
      to,
    );
    for (const a of acts) {
      expect(d.byActivity.find((x: { name: string }) => x.name === a.name)?.encounters).toBe(a.n);
    }
    const months = await all<{ m: string; n: number }>(
      `select substr(date,1,7) m, count(*) n from encounters where date between ? and ? group by m`,
      from,
      to,
    );
    for (const m of months) {
      expect(d.byMonth.find((x: { month: string }) => x.month === m.m)?.encounters).toBe(m.n);
    }
    expect(d.months.length).toBe(13);

    // Mixed encounters per newcomer in the 90 days up to the end.
    const win = await all<{ centre: number; mixed: number; k: number }>(
      `select e.centre_id centre, sum(case when e.host > 0 then 1 else 0 end) mixed,
              (select record_key from participants where id = a.participant_id) k
       from encounter_attendees a join encounters e on e.id = a.encounter_id
       where e.date between ? and ? group by e.centre_id, a.participant_id`,
      addDays(to, -89),
      to,
    );
    expect(d.mixed.table).toEqual(
      publishTable(
        ids.map((id) =>
          d.mixed.buckets.map((b: string) =>
            cellOf(win.filter((w) => w.centre === id && mixedBucket(w.mixed) === b)),
          ),
        ),
      ),
    );
  });

  it('lists the out-of-view people the rows say are out of view (only those with valid follow-up consent)', async () => {
    const o = await get('/api/reporting/out-of-view');
    expectSchema(OutOfViewSchema, o);
    const movedSince = addMonths(today, -12);
    const cutoff = addDays(today, -42);
    const candidates = await all<{
      id: number;
      moved: string;
      last: string | null;
      reached: string | null;
      away: string | null;
    }>(
      `select p.id, p.moved_in_at moved,
        (select max(e.date) from encounter_attendees a join encounters e on e.id = a.encounter_id where a.participant_id = p.id) last,
        (select max(x.attempted_on) from follow_up_attempts x join follow_ups f on f.id = x.follow_up_id
          where f.participant_id = p.id and x.outcome in ('reached','re_engaged')) reached,
        (select max(f.closed_on) from follow_ups f where f.participant_id = p.id and f.outcome = 'moved_away') away
       from participants p where p.moved_in_at >= ?
        and exists (select 1 from consents c where c.participant_id = p.id
          and c.purpose = 'follow_up_contact' and c.given_on <= ? and ? < c.expires_on
          and (c.withdrawn_on is null or c.withdrawn_on > ?))`,
      movedSince,
      today,
      today,
      today,
    );
    const expected = candidates
      .filter((c) => {
        const ref = [c.last ?? '', c.reached ?? '', c.moved].sort().at(-1)!;
        return ref < cutoff && (c.away === null || c.away < ref);
      })
      .map((c) => c.id)
      .sort((a, b) => a - b);
    const got = (o.items as { participantId: number }[])
      .map((i) => i.participantId)
      .sort((a, b) => a - b);
    expect(got).toEqual(expected);
    expect(got.length).toBeGreaterThan(10);
    for (const item of o.items as {
      daysSinceContact: number;
      canCreateTask: boolean;
      blockedReason: string | null;
    }[]) {
      expect(item.daysSinceContact).toBeGreaterThanOrEqual(42);
      expect(item.canCreateTask).toBe(item.blockedReason === null);
    }
  });

  it('computes the outreach loop from the follow-up rows', async () => {
    const o = await get(`/api/reporting/outreach?from=${from}&to=${to}`);
    expectSchema(OutreachSchema, o);
    const closed = await all<{ outcome: string; n: number }>(
      `select outcome, count(*) n from follow_ups where status = 'closed' and closed_on between ? and ? group by outcome`,
      from,
      to,
    );
    const total = closed.reduce((s, c) => s + c.n, 0);
    expect(Math.abs(o.closed.total - total)).toBeLessThanOrEqual(CKM_MAX_DEVIATION);
    const re = closed.find((c) => c.outcome === 're_engaged')?.n ?? 0;
    const shownRe = o.closed.colTotals[o.outcomes.indexOf('re_engaged')];
    if (typeof shownRe === 'number') {
      // The self-reported rate comes from the published (perturbed) counts, close to the true one.
      expect(o.totalSelfReportedRate).toBeCloseTo((100 * shownRe) / o.closed.total, 1);
      expect(Math.abs(o.totalSelfReportedRate - (100 * re) / total)).toBeLessThan(5);
    }
    // The verified rate: verified re-engaged (published on their own) ÷ closed.
    if (typeof o.verified.total === 'number' && o.closed.total > 0) {
      expect(o.totalRate).toBeCloseTo((100 * o.verified.total) / o.closed.total, 1);
    } else expect(o.totalRate).toBeNull();
  });

  it('shows staffing against the entered need figures, never registered participants', async () => {
    const s = await get(`/api/reporting/staffing?from=${from}&to=${to}&totalFte=2`);
    expectSchema(StaffingSchema, s);
    const entered = await all<{ centre: number; need: number }>(
      `select centre_id centre, need from centre_needs`,
    );
    s.centres.forEach((c: { id: number }, i: number) => {
      expect(s.needs[i].need).toBe(entered.find((x) => x.centre === c.id)?.need ?? null);
    });
    // Demo figures 120/90/50/60 give 0.75/0.5/0.25/0.5 of 2 FTE, the same as scenario B.
    expect(s.split.byNeed).toEqual(['0.75', '0.5', '0.25', '0.5']);
    expect(s.split.equal).toEqual(['0.5', '0.5', '0.5', '0.5']);
    const b = s.scenarios.findIndex((x: { name: string }) => x.name.startsWith('B'));
    expect(s.rows.map((r: { fte: { fte: string }[] }) => r.fte[b]!.fte)).toEqual(s.split.byNeed);
    // Scenario A: 0.5 + 0.25 coordination = 0.75 per centre, and the column adds up to 3.
    const a = s.scenarios.findIndex((x: { name: string }) => x.name.startsWith('A'));
    expect(s.rows.map((r: { fte: { fte: string }[] }) => r.fte[a]!.fte)).toEqual([
      '0.75',
      '0.75',
      '0.75',
      '0.75',
    ]);
    expect(s.scenarios[a].totalFte).toBe('3');
  });

  it('feeds the scenario comparison with newcomers per FTE from the need figures', async () => {
    const c = await get('/api/scenario-comparison');
    expect(c.hasNeedData).toBe(true);
    const a = c.scenarios.find((x: { totalFte: string }) => x.totalFte === '3');
    expect(a.perCentre.map((p: { newcomersPerFte: string | null }) => p.newcomersPerFte)).toEqual([
      '160.0',
      '120.0',
      '66.7',
      '80.0',
    ]);
  });
});

describe('council report on the demo data', () => {
  it('produces a PDF whose text carries the figures in plain German', async () => {
    const q = { from: addDays(addMonths(today, -3), 1), to: today };
    const res = await coordinator.request({
      method: 'GET',
      url: `/api/reporting/report.pdf?from=${q.from}&to=${q.to}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const pdf = res.rawPayload;
    if (process.env.REPORT_PDF_OUT) writeFileSync(process.env.REPORT_PDF_OUT, pdf);
    const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;
    const d = await get(`/api/reporting/dashboard?from=${q.from}&to=${q.to}`);
    expect(text).toContain('Bericht an den Rat');
    expect(text).toContain('Das Wichtigste in Kürze');
    expect(text).toContain(
      `fanden ${new Intl.NumberFormat('de-DE').format(d.encounters)} Begegnungen`,
    );
    expect(text).toContain('Methode und Schutz kleiner Zahlen');
    expect(text).toContain('Stellen und Bedarf');
    expect(text).toContain('Nachbarschaftszentrum Grone');
    expect(text).toMatch(/Seite 2 von \d+/);
    // Tagged PDF with language and title (BITV 2.0): catalog entries and structure elements.
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/Lang \(de-DE\)/);
    expect(raw).toMatch(/\/MarkInfo/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/StructTreeRoot/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    for (const t of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Table', 'TR', 'TH', 'TD', 'Figure']) {
      expect(raw, t).toMatch(new RegExp(`/S /${t}\\b`));
    }
    expect(raw).toMatch(/\/Alt \(/);
  });

  it('produces a CSV with the same published cells', async () => {
    const res = await coordinator.request({
      method: 'GET',
      url: `/api/reporting/report.csv?from=${from}&to=${to}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const d = await get(`/api/reporting/dashboard?from=${from}&to=${to}`);
    const grone = res.body.split('\r\n').find((l) => l.startsWith('Nachbarschaftszentrum Grone;'))!;
    const cellText = (c: number | string) =>
      c === 'suppressed' ? '< 5' : new Intl.NumberFormat('de-DE').format(c as number);
    expect(grone.split(';').slice(1, 4)).toEqual([
      cellText(d.people.cells[0][0]),
      cellText(d.people.cells[0][1]),
      cellText(d.people.rowTotals[0]),
    ]);
  });

  it('lets centre staff see their own centre only', async () => {
    const grone = await userClient(t, ['centre_staff'], [centreIds.GRO!]);
    const d = await get('/api/reporting/dashboard', grone);
    expect(d.centres.map((c: { code: string }) => c.code)).toEqual(['GRO']);
    const o = await get('/api/reporting/out-of-view', grone);
    expect(o.items.every((i: { centreCode: string }) => i.centreCode === 'GRO')).toBe(true);
  });
});

describe('council report for the last finished quarter', () => {
  it('shows 0,75 VZÄ per centre for scenario A and FTE columns that add up (PDF and CSV)', async () => {
    const q = previousQuarter(today);
    const pdf = await coordinator.request({
      method: 'GET',
      url: `/api/reporting/report.pdf?from=${q.from}&to=${q.to}`,
    });
    expect(pdf.statusCode).toBe(200);
    const text = (await new PDFParse({ data: new Uint8Array(pdf.rawPayload) }).getText()).text;
    expect(text.match(/0,75 VZÄ/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    expect(text).not.toMatch(/0,8 VZÄ/);
    // A council member reads the rule in numbers, and no share above 100 % (noise on small
    // counts can make a published part exceed its published whole).
    expect(text).toContain('in den letzten 12 Monaten');
    expect(text).toContain('seit mindestens 6 Wochen');
    for (const share of text.matchAll(/(\d+(?:,\d)?) %/g)) {
      expect(Number(share[1]!.replace(',', '.')), share[0]).toBeLessThanOrEqual(100);
    }

    const csv = await coordinator.request({
      method: 'GET',
      url: `/api/reporting/report.csv?from=${q.from}&to=${q.to}`,
    });
    const lines = csv.body.split('\r\n');
    const head = lines.findIndex((l) => l.startsWith('Stellen und Bedarf;'));
    expect(head).toBeGreaterThan(0);
    const cols = lines[head]!.split(';');
    const end = lines.findIndex((l, i) => i > head && l.startsWith('Gesamt;'));
    const body = lines.slice(head + 1, end).map((l) => l.split(';'));
    const total = lines[end]!.split(';');
    const n = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));
    const a = cols.findIndex((c) => c.startsWith('VZÄ A'));
    expect(a, cols.join('|')).toBeGreaterThan(0);
    expect(body.map((r) => r[a])).toEqual(body.map(() => '0,75'));
    // Every FTE column (scenarios, by need, equal split) adds up to its total, to the thousandth.
    cols.forEach((c, i) => {
      if (!/^VZÄ |^nach Bedarf|^gleich verteilt/.test(c) || total[i] === '') return;
      const sum = body.reduce((s, r) => s + Math.round(n(r[i]!) * 1000), 0);
      expect(sum, c).toBe(Math.round(n(total[i]!) * 1000));
    });
  });
});
