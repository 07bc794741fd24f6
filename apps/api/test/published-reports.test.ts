import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import {
  addDays,
  CorrectionsSchema,
  previousQuarter,
  PublishedPeriodsSchema,
  PublishedReportSchema,
} from '@begegnung/domain';
import {
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  makeCentre,
  userClient,
  type Client,
  q,
} from './helper.ts';
import { activityId, makeEncounter, makeParticipant, today } from './encounter-fixtures.ts';
import { encounterAttendees } from '../src/db/tables.ts';
import { applyRetention } from '../src/ops/retention.ts';

const t = await createTestApp();
const centre = await makeCentre(t.db);
let staff: Client;
let coordinator: Client;
let admin: Client;
const quarter = previousQuarter(today());

beforeAll(async () => {
  staff = await userClient(t, ['centre_staff'], [centre.id]);
  coordinator = await userClient(t, ['coordinator']);
  admin = await userClient(t, ['admin']);
  // Some activity in the quarter: named and anonymous newcomers, hosts.
  for (let i = 0; i < 8; i++) {
    const e = await makeEncounter(t.db, centre.id, staff.userId, {
      date: addDays(quarter.from, i * 7),
    });
    const p = await makeParticipant(t.db, centre.id);
    await t.db.insert(encounterAttendees).values({ encounterId: e.id, participantId: p.id });
  }
});

const publish = (c: Client, payload: Record<string, unknown>) =>
  c.request({ method: 'POST', url: '/api/reporting/published', payload });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('published council reports', () => {
  it('freezes a quarter: later downloads are byte-identical after a backdated entry and retention', async () => {
    const res = await publish(coordinator, {
      from: quarter.from,
      to: quarter.to,
      centreId: centre.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const rep = res.json();
    expectSchema(PublishedReportSchema, rep);
    expect(rep.dataMaxAuditId).toBeGreaterThan(0);

    const download = async (kind: 'pdf' | 'csv') => {
      const r = await coordinator.request({
        method: 'GET',
        url: `/api/reporting/published/${rep.id}/report.${kind}`,
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.rawPayload;
    };
    const pdf1 = await download('pdf');
    const csv1 = await download('csv');
    expect(pdf1.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha(pdf1)).toBe(rep.pdfSha256);
    expect(sha(csv1)).toBe(rep.csvSha256);

    // A backdated entry inside the quarter changes the live report …
    const live = async () =>
      (
        await coordinator.request({
          method: 'GET',
          url: `/api/reporting/dashboard?centreId=${centre.id}&from=${quarter.from}&to=${quarter.to}`,
        })
      ).json().encounters;
    const before = await live();
    await makeEncounter(t.db, centre.id, staff.userId, { date: addDays(quarter.from, 3) });
    expect(await live()).toBe(before + 1);
    // … and so does a retention run that erases everyone; the published bytes do not change.
    await admin.request({
      method: 'PATCH',
      url: '/api/settings',
      payload: { participantRetentionMonths: 1 },
    });
    const run = await applyRetention(t.db, new Date(Date.now() + 400 * 86_400_000));
    expect(run.erasedParticipants).toBeGreaterThanOrEqual(8);
    // The run 400 days ahead also ended every session: sign in again.
    staff = await userClient(t, ['centre_staff'], [centre.id]);
    coordinator = await userClient(t, ['coordinator']);
    admin = await userClient(t, ['admin']);
    await admin.request({
      method: 'PATCH',
      url: '/api/settings',
      payload: { participantRetentionMonths: 24 },
    });
    expect((await download('pdf')).equals(pdf1)).toBe(true);
    expect((await download('csv')).equals(csv1)).toBe(true);
    expect(
      (await auditRows(t.db, { entity_type: 'published_report', action: 'export' })).length,
    ).toBeGreaterThanOrEqual(4);
  });

  it('cannot be changed or deleted, even in the database', async () => {
    await expect(
      q(t.db).run('update published_reports set pdf = ?', Buffer.from([0])),
    ).rejects.toThrow(/frozen/);
    await expect(q(t.db).run('delete from published_reports')).rejects.toThrow(/frozen/);
  });

  it('publishes each quarter and scope once, only whole finished quarters, only coordinators', async () => {
    expectError(
      await publish(coordinator, { from: quarter.from, to: quarter.to, centreId: centre.id }),
      409,
      'REPORT_ALREADY_PUBLISHED',
    );
    expectError(
      await publish(coordinator, { from: quarter.from, to: addDays(quarter.to, -1) }),
      400,
      'REPORT_PERIOD_NOT_QUARTER',
    );
    const current = previousQuarter(addDays(today(), 100));
    expectError(
      await publish(coordinator, { from: current.from, to: current.to }),
      400,
      'REPORT_PERIOD_NOT_OVER',
    );
    expectError(
      await publish(coordinator, { from: quarter.from, to: quarter.to, centreId: 999999 }),
      400,
      'UNKNOWN_CENTRE',
    );
    expectError(await publish(staff, { from: quarter.from, to: quarter.to }), 403, 'FORBIDDEN');
    expectError(await publish(admin, { from: quarter.from, to: quarter.to }), 403, 'FORBIDDEN');
    expectError(
      await staff.request({ method: 'GET', url: '/api/reporting/published' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await coordinator.request({
        method: 'GET',
        url: '/api/reporting/published/999999/report.pdf',
      }),
      404,
      'NOT_FOUND',
    );
    const list = await coordinator.request({ method: 'GET', url: '/api/reporting/published' });
    expect(list.statusCode).toBe(200);
    expect(list.json().length).toBeGreaterThanOrEqual(1);
  });
});

describe('corrections since publication', () => {
  it('asks for a reason for entries dated in a published quarter and lists them as corrections', async () => {
    const list = (await coordinator.request({ method: 'GET', url: '/api/reporting/published' }))
      .json()
      .filter((r: { centreId: number | null }) => r.centreId === centre.id);
    expect(list.length).toBe(1);
    const frozen = list[0];

    const periods = await staff.request({
      method: 'GET',
      url: `/api/reporting/published-periods?centreId=${centre.id}`,
    });
    expect(periods.statusCode, periods.body).toBe(200);
    expectSchema(PublishedPeriodsSchema, periods.json());
    expect(periods.json().publishedUntil).toBe(quarter.to);

    const body = async (extra: Record<string, unknown> = {}) => ({
      centreId: centre.id,
      activityId: await activityId(t.db),
      date: addDays(quarter.from, 10),
      startTime: '16:00',
      durationMinutes: 60,
      headcounts: { newcomers: 2, host: 1, volunteers: 0, other: 0 },
      attendeeIds: [],
      clientRequestId: randomUUID(),
      ...extra,
    });
    const refused = await staff.request({
      method: 'POST',
      url: '/api/encounters',
      payload: await body(),
    });
    expectError(refused, 422, 'CORRECTION_REASON_REQUIRED');
    expect(refused.json().details[0].field).toBe('correctionReason');
    const created = await staff.request({
      method: 'POST',
      url: '/api/encounters',
      payload: await body({ correctionReason: 'Papierliste nachgetragen' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const voided = await staff.request({
      method: 'POST',
      url: `/api/encounters/${id}/void`,
      payload: { reason: 'doppelt erfasst' },
    });
    expect(voided.statusCode, voided.body).toBe(200);
    // Outside any published period: no reason needed, nothing listed.
    const current = await staff.request({
      method: 'POST',
      url: '/api/encounters',
      payload: await body({ date: today(), startTime: '00:00' }),
    });
    expect(current.statusCode, current.body).toBe(201);

    const res = await coordinator.request({
      method: 'GET',
      url: `/api/reporting/corrections?centreId=${centre.id}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expectSchema(CorrectionsSchema, c);
    expect(c.items.map((x: { action: string }) => x.action)).toEqual(['create', 'void']);
    expect(c.items[0]).toMatchObject({
      reportId: frozen.id,
      datedOn: addDays(quarter.from, 10),
      reason: 'Papierliste nachgetragen',
      entityId: id,
    });
    expect(c.counts).toEqual([
      expect.objectContaining({ periodFrom: quarter.from, centreId: centre.id, count: 2 }),
    ]);
    expect(
      (await auditRows(t.db, { entity_type: 'report_correction', action: 'read' })).length,
    ).toBe(1);
    expectError(
      await staff.request({ method: 'GET', url: '/api/reporting/corrections' }),
      403,
      'FORBIDDEN',
    );
    expect(
      (await admin.request({ method: 'GET', url: '/api/reporting/corrections' })).statusCode,
    ).toBe(200);

    // The next report prints the count per centre and quarter (no reasons, no people) …
    const next = await coordinator.request({
      method: 'GET',
      url: `/api/reporting/report.csv?centreId=${centre.id}&from=${addDays(quarter.to, 1)}&to=${today()}`,
    });
    expect(next.statusCode, next.body).toBe(200);
    const lines = next.body.split(/\r?\n/);
    const at = lines.findIndex((l) => l.startsWith('Korrekturen seit Veröffentlichung'));
    expect(at, next.body).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(new RegExp(`^${centre.name};\\d\\. Quartal \\d{4};2$`));
    expect(next.body).not.toContain('Papierliste');
    const nextPdf = await coordinator.request({
      method: 'GET',
      url: `/api/reporting/report.pdf?centreId=${centre.id}&from=${addDays(quarter.to, 1)}&to=${today()}`,
    });
    if (process.env.REPORT_PDF_OUT) writeFileSync(process.env.REPORT_PDF_OUT, nextPdf.rawPayload);
    const text = (await new PDFParse({ data: new Uint8Array(nextPdf.rawPayload) }).getText()).text;
    expect(text).toContain('Korrekturen seit Veröffentlichung');
    expect(text).not.toContain('Papierliste');
    // … while the published report's bytes stay as they were.
    const pdf = await coordinator.request({
      method: 'GET',
      url: `/api/reporting/published/${frozen.id}/report.pdf`,
    });
    expect(sha(pdf.rawPayload)).toBe(frozen.pdfSha256);
  });
});
