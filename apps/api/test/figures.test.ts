import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, OutreachSchema } from '@begegnung/domain';
import { createTestApp, expectSchema, makeCentre, userClient, type Client, q } from './helper.ts';
import { makeEncounter, makeParticipant, today } from './encounter-fixtures.ts';
import { encounterAttendees, followUpAttempts, followUps } from '../src/db/tables.ts';
import { applyRetention } from '../src/ops/retention.ts';

const t = await createTestApp();
const centre = await makeCentre(t.db);
let staff: Client;
let coordinator: Client;
let admin: Client;

beforeAll(async () => {
  staff = await userClient(t, ['centre_staff'], [centre.id]);
  coordinator = await userClient(t, ['coordinator']);
  admin = await userClient(t, ['admin']);
});

const get = async (c: Client, url: string) => {
  const res = await c.request({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('mixed encounter', () => {
  it('needs a newcomer (named or counted) and a host-society resident', async () => {
    const c = await makeCentre(t.db);
    const day = addDays(today(), -3);
    const enc = async (o: { newcomers: number; host: number }, named = false) => {
      const e = await makeEncounter(t.db, c.id, staff.userId, { date: day, ...o });
      if (named) {
        const p = await makeParticipant(t.db, c.id);
        await t.db.insert(encounterAttendees).values({ encounterId: e.id, participantId: p.id });
      }
    };
    await enc({ newcomers: 0, host: 6 }); // hosts only: not mixed
    await enc({ newcomers: 3, host: 0 }); // newcomers only: not mixed
    await enc({ newcomers: 2, host: 1 }); // mixed
    await enc({ newcomers: 0, host: 2 }, true); // a named newcomer and hosts: mixed
    const d = await get(
      coordinator,
      `/api/reporting/dashboard?centreId=${c.id}&from=${day}&to=${day}`,
    );
    expect(d.encounters).toBe(4);
    expect(d.mixedEncounters).toBe(2);
    expect(d.hostShare).toBe(50);
    expect(d.byMonth.reduce((s: number, m: { mixed: number }) => s + m.mixed, 0)).toBe(2);
    expect(d.byActivity.reduce((s: number, a: { mixed: number }) => s + a.mixed, 0)).toBe(2);
  });
});

describe('re-engagement survives retention', () => {
  it('gives last year the same outreach figures before and after a 12-month retention run', async () => {
    const c = await makeCentre(t.db);
    const lastYear = Number(today().slice(0, 4)) - 1;
    const from = `${lastYear}-01-01`;
    const to = `${lastYear}-12-31`;
    // 14 tasks closed in last year's spring; each person's last contact lies > 12 months back.
    const kinds = [
      ...Array(6).fill('seen'),
      ...Array(3).fill('late'),
      ...Array(2).fill('never'),
      ...Array(3).fill('unreachable'),
    ] as const;
    for (const [i, kind] of kinds.entries()) {
      const p = await makeParticipant(t.db, c.id);
      const opened = `${lastYear}-02-${String(1 + i).padStart(2, '0')}`;
      const closed = addDays(opened, 20);
      const f = (
        await t.db
          .insert(followUps)
          .values({
            participantId: p.id,
            assigneeId: staff.userId,
            dueOn: opened,
            reason: 'Nicht gesehen',
            status: 'closed',
            outcome: kind === 'unreachable' ? 'unreachable' : 're_engaged',
            closedOn: closed,
            createdById: staff.userId,
            createdAt: `${opened}T09:00:00.000Z`,
            updatedAt: `${closed}T09:00:00.000Z`,
          })
          .returning()
      )[0]!;
      await t.db.insert(followUpAttempts).values({
        followUpId: f.id,
        attemptedOn: addDays(opened, 3),
        outcome: 'reached',
        byId: staff.userId,
      });
      const seenOn =
        kind === 'seen' ? addDays(closed, 10) : kind === 'late' ? addDays(closed, 70) : null;
      if (seenOn) {
        const e = await makeEncounter(t.db, c.id, staff.userId, { date: seenOn });
        await t.db.insert(encounterAttendees).values({ encounterId: e.id, participantId: p.id });
      }
      await q(t.db).run(
        'update participants set created_at = ? where id = ?',
        `${opened}T08:00:00.000Z`,
        p.id,
      );
    }
    const url = `/api/reporting/outreach?centreId=${c.id}&from=${from}&to=${to}`;
    const before = await get(coordinator, url);
    expectSchema(OutreachSchema, before);
    // Published by the cell key method: within 4 of the truth (14 closed, 6 verified: 'late'
    // came after 8 weeks, 'never' never came, 11 picked as re-engaged), rates from those cells.
    expect(Math.abs(before.closed.total - 14)).toBeLessThanOrEqual(4);
    // 6 verified may be published as "< 5" (then no verified rate), never as 0.
    const v = before.verified.total;
    expect(v === 'suppressed' || Math.abs(v - 6) <= 4).toBe(true);
    const re = before.closed.colTotals[before.outcomes.indexOf('re_engaged')];
    expect(Math.abs(re - 11)).toBeLessThanOrEqual(4);
    if (v === 'suppressed') expect(before.totalRate).toBeNull();
    else expect(before.totalRate).toBeCloseTo(Math.round((v / before.closed.total) * 1000) / 10, 5);
    expect(before.totalSelfReportedRate).toBeCloseTo(
      Math.round((re / before.closed.total) * 1000) / 10,
      5,
    );

    const set = await admin.request({
      method: 'PATCH',
      url: '/api/settings',
      payload: { participantRetentionMonths: 12 },
    });
    expect(set.statusCode, set.body).toBe(200);
    const run = await applyRetention(t.db, new Date());
    expect(run.erasedParticipants).toBeGreaterThanOrEqual(14);
    const left = (await q(t.db).get(
      'select count(*) n from participants where centre_id = ?',
      c.id,
    )) as { n: number };
    expect(left.n).toBe(0);

    const after = await get(coordinator, url);
    const { flagged: _f1, ...b } = before;
    const { flagged: _f2, ...a } = after;
    expect(a).toEqual(b);
    await admin.request({
      method: 'PATCH',
      url: '/api/settings',
      payload: { participantRetentionMonths: 24 },
    });
  });

  it('the verification window is a setting', async () => {
    const c = await makeCentre(t.db);
    const closed = addDays(today(), -100);
    // Ten people closed as re-engaged who came back 60 days (8.6 weeks) after closing (ten, so
    // the published count, within 4 of the truth, is never "< 5").
    for (let i = 0; i < 10; i++) {
      const p = await makeParticipant(t.db, c.id);
      await t.db.insert(followUps).values({
        participantId: p.id,
        assigneeId: staff.userId,
        dueOn: closed,
        reason: 'x',
        status: 'closed',
        outcome: 're_engaged',
        closedOn: closed,
        createdById: staff.userId,
        createdAt: `${addDays(closed, -5)}T09:00:00.000Z`,
      });
      const e = await makeEncounter(t.db, c.id, staff.userId, { date: addDays(closed, 60) });
      await t.db.insert(encounterAttendees).values({ encounterId: e.id, participantId: p.id });
    }
    const url = `/api/reporting/outreach?centreId=${c.id}&from=${addMonths(closed, -1)}&to=${today()}`;
    const verifiedAt = async (weeks: number) => {
      const res = await admin.request({
        method: 'PATCH',
        url: '/api/settings',
        payload: { reEngagedWithinWeeks: weeks },
      });
      expect(res.statusCode, res.body).toBe(200);
      const o = await get(coordinator, url);
      expect(o.reEngagedWithinWeeks).toBe(weeks);
      // All closed tasks are "re-engaged": the same cell, so the same published count.
      expect(o.totalSelfReportedRate).toBe(100);
      return { verified: o.verified.total, closed: o.closed.total };
    };
    // Outside 8 weeks nobody is verified (a true 0 is published as 0); within 9 weeks all are,
    // the very tasks of the closed cell, so the verified count is published as that cell.
    expect((await verifiedAt(8)).verified).toBe(0);
    const nine = await verifiedAt(9);
    expect(typeof nine.verified).toBe('number');
    expect(nine.verified).toBe(nine.closed);
    expect((await verifiedAt(8)).verified).toBe(0);
  });
});
