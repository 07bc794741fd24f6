import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, DashboardSchema, OutOfViewSchema } from '@begegnung/domain';
import {
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  lastAuditId,
  makeCentre,
  userClient,
  type Client,
  q,
} from './helper.ts';
import { makeEncounter, makeParticipant, today } from './encounter-fixtures.ts';
import { encounterAttendees, followUps } from '../src/db/tables.ts';

const t = await createTestApp();
const centre = await makeCentre(t.db);
const other = await makeCentre(t.db);
let staff: Client;
let otherStaff: Client;
let coordinator: Client;
let admin: Client;

beforeAll(async () => {
  staff = await userClient(t, ['centre_staff'], [centre.id]);
  otherStaff = await userClient(t, ['centre_staff'], [other.id]);
  coordinator = await userClient(t, ['coordinator']);
  admin = await userClient(t, ['admin']);
});

const get = (client: Client, url: string) => client.request({ method: 'GET', url });

/** A participant who moved in `movedDaysAgo` and was last seen `seenDaysAgo` (or never). */
async function person(
  centreId: number,
  movedDaysAgo: number,
  seenDaysAgo: number | null,
  consent = true,
) {
  const p = await makeParticipant(t.db, centreId, consent ? { consentBy: staff.userId } : {});
  await q(t.db).run(
    'update participants set moved_in_at = ? where id = ?',
    addDays(today(), -movedDaysAgo),
    p.id,
  );
  if (seenDaysAgo !== null) {
    const e = await makeEncounter(t.db, centreId, staff.userId, {
      date: addDays(today(), -seenDaysAgo),
    });
    await t.db.insert(encounterAttendees).values({ encounterId: e.id, participantId: p.id });
  }
  return p;
}

describe('bad input', () => {
  it('rejects an end before the start', async () => {
    const res = await get(coordinator, '/api/reporting/dashboard?from=2024-03-01&to=2024-02-01');
    expect(expectError(res, 400, 'PERIOD_INVALID').details?.[0]?.field).toBe('to');
  });

  it('rejects a period longer than five years', async () => {
    expectError(
      await get(coordinator, '/api/reporting/dashboard?from=2018-01-01&to=2023-01-01'),
      400,
      'PERIOD_TOO_LONG',
    );
    expectError(
      await get(coordinator, '/api/reporting/report.pdf?from=2018-01-01&to=2024-01-01'),
      400,
      'PERIOD_TOO_LONG',
    );
  });

  it('rejects dates whose period would run past the year 9999', async () => {
    expectError(
      await get(coordinator, '/api/reporting/dashboard?from=9999-06-01'),
      400,
      'PERIOD_INVALID',
    );
    const early = await get(coordinator, '/api/reporting/dashboard?from=0001-01-01&to=0001-02-01');
    expect(early.statusCode).toBe(200);
  });

  it('rejects malformed dates and an unknown centre', async () => {
    expectError(
      await get(coordinator, '/api/reporting/dashboard?from=2024-13-01'),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await get(coordinator, '/api/reporting/dashboard?centreId=999999'),
      400,
      'UNKNOWN_CENTRE',
    );
    expectError(
      await get(coordinator, '/api/reporting/out-of-view?centreId=999999'),
      400,
      'UNKNOWN_CENTRE',
    );
  });

  it('rejects a total FTE that is not a multiple of 0.25', async () => {
    expectError(await get(coordinator, '/api/reporting/staffing?totalFte=0.3'), 400, 'INVALID_FTE');
  });
});

describe('access', () => {
  it('denies centre staff another centre’s figures, audited', async () => {
    const before = await lastAuditId(t.db);
    for (const path of ['dashboard', 'out-of-view', 'outreach', 'report.pdf', 'report.csv']) {
      expectError(
        await get(staff, `/api/reporting/${path}?centreId=${other.id}`),
        403,
        'FORBIDDEN',
      );
    }
    const denied = (await auditRows(t.db, { actor_id: staff.userId, action: 'denied' })).filter(
      (r) => r.id > before,
    );
    expect(denied.length).toBe(5);
    expect(denied.every((r) => r.entity_id === String(other.id))).toBe(true);
  });

  it('gives centre staff their own centre by default', async () => {
    const res = await get(staff, '/api/reporting/dashboard');
    expect(res.statusCode).toBe(200);
    expect(res.json().centres.map((c: { id: number }) => c.id)).toEqual([centre.id]);
  });

  it('keeps admins to staffing aggregates and staff away from staffing', async () => {
    expectError(await get(admin, '/api/reporting/dashboard'), 403, 'FORBIDDEN');
    expectError(await get(admin, '/api/reporting/out-of-view'), 403, 'FORBIDDEN');
    expect((await get(admin, '/api/reporting/staffing')).statusCode).toBe(200);
    expectError(await get(staff, '/api/reporting/staffing'), 403, 'FORBIDDEN');
  });
});

describe('dashboard', () => {
  it('says "no data" for an empty period instead of zeros', async () => {
    const res = await get(
      coordinator,
      `/api/reporting/dashboard?from=2001-01-01&to=2001-03-31&centreId=${centre.id}`,
    );
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expectSchema(DashboardSchema, d);
    expect(d.hasData).toBe(false);
    expect(d.hostShare).toBeNull();
    // A true zero is published as 0, never perturbed.
    expect(d.people.total).toBe(0);
    expect(d.anonymousNewcomers).toBe(0);
  });

  it('suppresses small people counts but shows encounter counts', async () => {
    const c = await makeCentre(t.db);
    const s = await userClient(t, ['centre_staff'], [c.id]);
    const p = await makeParticipant(t.db, c.id, { consentBy: s.userId });
    for (let i = 0; i < 3; i++) {
      const e = await makeEncounter(t.db, c.id, s.userId, { date: addDays(today(), -i), host: i });
      await t.db.insert(encounterAttendees).values({ encounterId: e.id, participantId: p.id });
    }
    const d = (await get(s, '/api/reporting/dashboard')).json();
    expect(d.encounters).toBe(3);
    expect(d.mixedEncounters).toBe(2);
    expect(d.hostShare).toBeCloseTo(66.7, 1);
    // One new person: perturbed by at most 4 (true 1 can reach 5 only with the largest noise).
    expect([1, 2, 3, 4, 5]).toContain(
      d.people.cells[0][0] === 'suppressed' ? 1 : d.people.cells[0][0],
    );
    expect(d.people.cells[0][1]).toBe(0);
  });
});

describe('out of view and the outreach loop', () => {
  it('names only people with valid consent, counts the rest, and audits who was shown', async () => {
    const away = await person(centre.id, 90, 60);
    const never = await person(centre.id, 60, null);
    const noConsent = await person(centre.id, 90, 50, false);
    const recent = await person(centre.id, 90, 10);
    const oldMove = await person(centre.id, 500, 100);
    const justMoved = await person(centre.id, 20, null);
    const before = await lastAuditId(t.db);
    const res = await get(staff, '/api/reporting/out-of-view');
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expectSchema(OutOfViewSchema, o);
    const ids = o.items.map((i: { participantId: number }) => i.participantId);
    expect(ids).toEqual(expect.arrayContaining([away.id, never.id]));
    // Without valid consent: never named, only counted in the centre's anonymous line.
    expect(ids).not.toContain(noConsent.id);
    const col = o.centres.findIndex((c: { id: number }) => c.id === centre.id);
    expect(o.withoutConsent.cells[col]).toEqual(['suppressed']);
    expect(ids).not.toContain(recent.id);
    expect(ids).not.toContain(oldMove.id);
    expect(ids).not.toContain(justMoved.id);
    const item = (id: number) =>
      o.items.find((i: { participantId: number }) => i.participantId === id);
    expect(item(away.id)).toMatchObject({
      daysSinceContact: 60,
      canCreateTask: true,
      blockedReason: null,
    });
    expect(item(never.id)).toMatchObject({ lastContactOn: null, daysSinceContact: 60 });
    const read = (
      await auditRows(t.db, {
        actor_id: staff.userId,
        action: 'read',
        entity_type: 'participant',
      })
    ).find((r) => r.id > before && r.reason?.startsWith('out-of-view list'));
    // The row lists exactly the people the response showed.
    expect(JSON.parse(String(read?.subjects))).toEqual(
      [...ids].sort((a: number, b: number) => a - b),
    );

    // One step: the existing follow-ups route creates the task; the list then shows it.
    const created = await staff.request({
      method: 'POST',
      url: '/api/follow-ups',
      payload: {
        participantId: away.id,
        assigneeId: staff.userId,
        dueOn: today(),
        reason: 'Aus dem Blick',
      },
    });
    expect(created.statusCode).toBe(201);
    const task = created.json().id as number;
    const withTask = (await get(staff, '/api/reporting/out-of-view')).json();
    const row = withTask.items.find((i: { participantId: number }) => i.participantId === away.id);
    expect(row).toMatchObject({
      canCreateTask: false,
      blockedReason: 'open_task',
      openTask: { id: task, attempts: 0 },
    });

    // Reached by the outreach attempt: no longer out of view.
    await staff.request({
      method: 'POST',
      url: `/api/follow-ups/${task}/attempts`,
      payload: { outcome: 're_engaged' },
    });
    await staff.request({
      method: 'POST',
      url: `/api/follow-ups/${task}/close`,
      payload: { outcome: 're_engaged' },
    });
    const after = (await get(staff, '/api/reporting/out-of-view')).json();
    expect(after.items.map((i: { participantId: number }) => i.participantId)).not.toContain(
      away.id,
    );
  });

  it('hides a moved-away person and tells coordinators they may create tasks', async () => {
    const p = await person(other.id, 90, 70);
    const c = (await get(coordinator, `/api/reporting/out-of-view?centreId=${other.id}`)).json();
    expect(
      c.items.find((i: { participantId: number }) => i.participantId === p.id).canCreateTask,
    ).toBe(true);
    await t.db.insert(followUps).values({
      participantId: p.id,
      assigneeId: otherStaff.userId,
      dueOn: today(),
      reason: 'x',
      status: 'closed',
      outcome: 'moved_away',
      closedOn: today(),
      createdById: otherStaff.userId,
    });
    const after = (await get(otherStaff, '/api/reporting/out-of-view')).json();
    expect(after.items.map((i: { participantId: number }) => i.participantId)).not.toContain(p.id);
  });

  it('computes the verified re-engagement rate beside the self-reported one from the published counts, hidden under 5', async () => {
    const c = await makeCentre(t.db);
    const s = await userClient(t, ['centre_staff'], [c.id]);
    const close = async (
      outcome: 're_engaged' | 'unreachable',
      seenAgain = outcome === 're_engaged',
    ) => {
      const p = await person(c.id, 90, 70);
      if (seenAgain) {
        const e = await makeEncounter(t.db, c.id, staff.userId, { date: today() });
        await t.db.insert(encounterAttendees).values({ encounterId: e.id, participantId: p.id });
      }
      await t.db.insert(followUps).values({
        participantId: p.id,
        assigneeId: s.userId,
        dueOn: today(),
        reason: 'x',
        status: 'closed',
        outcome,
        closedOn: today(),
        createdById: s.userId,
      });
    };
    const rate = async () => (await get(s, '/api/reporting/outreach')).json();
    const reIdx = 1; // FOLLOW_UP_OUTCOMES: reached, re_engaged, …
    const share = (part: number | string, all: number | string) =>
      typeof part === 'number' && typeof all === 'number' && all > 0
        ? Math.round((part / all) * 1000) / 10
        : null;
    const check = (r: {
      closed: { colTotals: (number | string)[]; total: number | string };
      verified: { total: number | string };
      totalRate: number | null;
      totalSelfReportedRate: number | null;
    }) => {
      // Verified: verified re-engaged ÷ closed; self-reported: "re-engaged" picked ÷ closed.
      const verified = share(r.verified.total, r.closed.total);
      if (verified === null) expect(r.totalRate).toBeNull();
      else expect(r.totalRate).toBeCloseTo(verified, 5);
      const reported = share(r.closed.colTotals[reIdx]!, r.closed.total);
      if (reported === null) expect(r.totalSelfReportedRate).toBeNull();
      else expect(r.totalSelfReportedRate).toBeCloseTo(reported, 5);
    };
    for (let i = 0; i < 3; i++) await close('re_engaged');
    check(await rate());
    for (let i = 0; i < 3; i++) await close('re_engaged');
    for (let i = 0; i < 5; i++) await close('unreachable');
    const r1 = await rate();
    // Counts are published by the cell key method (within 4 of the truth, "< 5" below 5).
    expect(Math.abs(r1.closed.total - 11)).toBeLessThanOrEqual(4);
    // 6 verified may be published as "< 5" (6 − 2 = 4), never as 0.
    const v1 = r1.verified.total;
    expect(v1 === 'suppressed' || Math.abs(v1 - 6) <= 4).toBe(true);
    expect(r1.reEngagedWithinWeeks).toBe(8);
    check(r1);
    // Staff pick "re-engaged" but the person never comes: counted as reported, not as verified.
    // The verified cell holds the same tasks as before, so it is published exactly as before.
    close('re_engaged', false);
    const r2 = await rate();
    expect(r2.verified.total).toEqual(r1.verified.total);
    check(r2);
  });
});

describe('council report', () => {
  it('exports PDF and CSV for own centre, audited, and rate-limits exports', async () => {
    const s = await userClient(t, ['centre_staff'], [centre.id]);
    const pdf = await get(s, '/api/reporting/report.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toMatch(
      /attachment; filename="ratsbericht_.*\.pdf"/,
    );
    const csv = await get(
      s,
      `/api/reporting/report.csv?from=${addMonths(today(), -3)}&to=${today()}`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Reichweite je Zentrum');
    expect(csv.body).not.toContain('Stellen und Bedarf');
    expect(
      (await auditRows(t.db, { actor_id: s.userId, action: 'export', entity_type: 'report' }))
        .length,
    ).toBe(2);
    let last = 200;
    for (let i = 0; i < 20 && last !== 429; i++)
      last = (await get(s, '/api/reporting/report.csv')).statusCode;
    expect(last).toBe(429);
  });
});
