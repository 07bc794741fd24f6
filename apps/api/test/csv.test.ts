import { describe, expect, it } from 'vitest';
import { addDays } from '@begegnung/domain';
import { csvDate, csvDateTime, csvDecimal, neutralise, toCsv } from '../src/lib/csv.ts';
import { encounterAttendees } from '../src/db/tables.ts';
import { audit } from '../src/modules/audit/audit.service.ts';
import { createTestApp, makeCentre, userClient, type Client } from './helper.ts';
import { makeEncounter, makeParticipant, today } from './encounter-fixtures.ts';

/** Every text a spreadsheet would run as a formula, as an attacker would type it. */
const FORMULAS = [
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
  '  =HYPERLINK("http://x","klick")',
  '＝1+1',
];

/** Cells of a CSV (`;`-separated, quoted fields honoured). */
function parseCsv(body: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  const s = body.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cur);
      cur = '';
    } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(cur);
      rows.push(row);
      row = [];
      cur = '';
      i++;
    } else cur += ch;
  }
  return rows;
}

/** No cell of the file would start a formula in Excel, LibreOffice or Google Sheets. */
function expectNoLiveFormula(body: string) {
  for (const cell of parseCsv(body).flat()) {
    expect(cell, JSON.stringify(cell)).not.toMatch(/^[ \u00a0]*[=+\-@\t\r＝＋－＠]/);
  }
}

describe('the CSV writer', () => {
  it('neutralises every formula starter with a leading apostrophe', () => {
    for (const f of FORMULAS) expect(neutralise(f)).toBe(`'${f}`);
    for (const ok of ['Sprachcafé', '1+1', 'a=b', '', '< 5', '–']) expect(neutralise(ok)).toBe(ok);
    const csv = toCsv([FORMULAS]);
    expectNoLiveFormula(csv);
    expect(parseCsv(csv)[0]!.map((c) => c.slice(1))).toEqual(FORMULAS);
  });

  it('formats numbers, decimals and dates one way per language', () => {
    const row = [
      2455,
      0.75,
      -3,
      csvDecimal('0.750'),
      csvDecimal('12345.5'),
      csvDate('2026-12-04'),
      csvDateTime('2026-07-01T10:00:00.000Z'),
    ];
    expect(toCsv([row])).toBe(
      '\uFEFF2.455;0,75;-3;0,750;12.345,5;04.12.2026;01.07.2026, 12:00:00\r\n',
    );
    expect(toCsv([row], 'en')).toBe(
      '\uFEFF"2,455",0.75,-3,0.750,"12,345.5",04/12/2026,"1 Jul 2026, 12:00:00"\r\n',
    );
    expect(toCsv([['a;b', 'say "hi"', 'two\nlines', null, undefined, Number.NaN]])).toBe(
      '\uFEFF"a;b";"say ""hi""";"two\nlines";;;\r\n',
    );
  });
});

describe('every CSV export', () => {
  const setup = async () => {
    const t = await createTestApp();
    const admin = await userClient(t, ['admin']);
    const centre = await makeCentre(t.db, { name: '=HYPERLINK("http://evil","Zentrum")' });
    const coordinator = await userClient(t, ['coordinator']);
    const staff = await userClient(t, ['centre_staff'], [centre.id]);
    const dpo = await userClient(t, ['data_protection']);
    const act = await admin.request({
      method: 'POST',
      url: '/api/activities',
      payload: { name: '=1+1', defaultDurationMinutes: 60, recurring: false },
    });
    expect(act.statusCode, act.body).toBe(201);
    const p = await makeParticipant(t.db, centre.id, { consentBy: staff.userId });
    for (let i = 0; i < 6; i++) {
      const e = await makeEncounter(t.db, centre.id, staff.userId, {
        activityId: act.json().id,
        date: addDays(today(), -i),
      });
      await t.db.insert(encounterAttendees).values({ encounterId: e.id, participantId: p.id });
    }
    // Free text a user typed ends up in the audit log (erasure reason).
    const erase = await dpo.request({
      method: 'POST',
      url: `/api/privacy/participants/${p.code}/erase`,
      payload: { reason: '=1+1 auf Wunsch', confirmCode: p.code },
    });
    expect(erase.statusCode, erase.body).toBe(200);
    // Any text that reaches the log through the service (here starting with formula signs).
    await audit(
      {
        db: t.db,
        actor: {
          userId: dpo.userId,
          email: '@dpo',
          roles: ['data_protection'],
          centreIds: [],
        } as never,
        ip: '+49',
      },
      { action: 'read', entityType: 'participant', entityId: '-2+3', reason: '=1+1' },
    );
    return { t, coordinator, dpo };
  };

  const download = async (client: Client, url: string) => {
    const res = await client.request({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    return res.body;
  };

  it('neutralises an activity and a centre named as formulas in the report, audit and comparison CSV', async () => {
    const { coordinator, dpo } = await setup();
    const from = addDays(today(), -30);
    const report = await download(
      coordinator,
      `/api/reporting/report.csv?from=${from}&to=${today()}`,
    );
    expect(report).toContain(`'=1+1`);
    expect(report).toContain(`'=HYPERLINK`);
    expectNoLiveFormula(report);

    const auditCsv = await download(dpo, '/api/audit/export.csv');
    expect(auditCsv).toContain('erasure on request: =1+1 auf Wunsch');
    // E-mail, action, object, object id, persons shown, fields, reason, IP (German labels).
    expect(auditCsv).toContain(`'@dpo;gelesen;Teilnehmende Person;'-2+3;;;'=1+1;'+49;`);
    expectNoLiveFormula(auditCsv);

    const comparison = await download(coordinator, '/api/scenario-comparison.csv');
    expectNoLiveFormula(comparison);
  });
});
