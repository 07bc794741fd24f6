import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '@begegnung/domain';
import { createSecondApp, createTestApp, makeCentre, userClient, q } from './helper.ts';
import { activityId, makeParticipant, today } from './encounter-fixtures.ts';
import { randomUUID } from 'node:crypto';
import { applyRetention } from '../src/ops/retention.ts';
import { rebuildRollups, rollupDrift } from '../src/modules/reporting/rollups.repository.ts';
import * as repo from '../src/modules/reporting/reporting.repository.ts';

/**
 * participants.first_attended_on / last_attended_on are kept by triggers (migration 0006);
 * the reports rely on them. Every path that changes attendance must keep them equal to what
 * the raw rows say.
 */
const t = await createTestApp();
const centre = await makeCentre(t.db);
const staff = await userClient(t, ['centre_staff'], [centre.id]);

const stored = async (id: number) =>
  (await q(t.db).get(
    'select first_attended_on as first, last_attended_on as last from participants where id = ?',
    id,
  )) as { first: string | null; last: string | null };
const fromRows = async (id: number) =>
  (await q(t.db).get(
    `select min(e.date) as first, max(e.date) as last from encounter_attendees a
       join encounters e on e.id = a.encounter_id where a.participant_id = ?`,
    id,
  )) as { first: string | null; last: string | null };

/** Logs an entry through the API as `client` and expects 201; returns its id. */
async function logAs(
  client: typeof staff,
  centreId: number,
  date: string,
  attendeeIds: number[],
  headcounts = { newcomers: 0, host: 1, volunteers: 0, other: 0 },
) {
  const res = await client.request({
    method: 'POST',
    url: '/api/encounters',
    payload: {
      centreId,
      activityId: await activityId(t.db),
      date,
      startTime: '00:00',
      durationMinutes: 60,
      headcounts,
      attendeeIds,
      clientRequestId: randomUUID(),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
const log = (date: string, attendeeIds: number[]) => logAs(staff, centre.id, date, attendeeIds);

describe('first and last attendance', () => {
  it('follow logging, date corrections and removal from an encounter', async () => {
    const p = await makeParticipant(t.db, centre.id, { consentBy: staff.userId });
    expect(await stored(p.id)).toEqual({ first: null, last: null });

    const early = await log(addDays(today(), -10), [p.id]);
    const late = await log(addDays(today(), -2), [p.id]);
    expect(await stored(p.id)).toEqual({
      first: addDays(today(), -10),
      last: addDays(today(), -2),
    });

    const correct = (id: number, patch: object) =>
      staff.request({
        method: 'PATCH',
        url: `/api/encounters/${id}`,
        payload: { ...patch, reason: 'Korrektur' },
      });
    expect((await correct(early, { date: addDays(today(), -12) })).statusCode).toBe(200);
    expect(await stored(p.id)).toEqual(await fromRows(p.id));
    expect((await stored(p.id)).first).toBe(addDays(today(), -12));

    expect((await correct(late, { attendeeIds: [] })).statusCode).toBe(200);
    expect(await stored(p.id)).toEqual({
      first: addDays(today(), -12),
      last: addDays(today(), -12),
    });

    expect((await correct(early, { attendeeIds: [] })).statusCode).toBe(200);
    expect(await stored(p.id)).toEqual({ first: null, last: null });
  });
});

/**
 * The report rollups (migration 0019 / drizzle-pg 0009) are written only by triggers. After a
 * seeded random mix of logging, corrections (date, centre month, headcounts, attendees,
 * activity), voids, erasures and retention through the real API, they must equal a full
 * recomputation from the raw rows, and the rebuild must find nothing to change.
 */
describe('report rollups', () => {
  it('equal a full recomputation after random writes, corrections, voids, erasures and retention', async () => {
    const other = await makeCentre(t.db);
    const both = await userClient(t, ['centre_staff'], [centre.id, other.id]);
    const dpo = await userClient(t, ['data_protection']);
    const activities = [await activityId(t.db), await activityId(t.db, 'counselling')];
    const people = new Map<number, { id: number; code: string; centreId: number }[]>();
    for (const c of [centre.id, other.id])
      people.set(
        c,
        await Promise.all(
          Array.from({ length: 8 }, () => makeParticipant(t.db, c, { consentBy: both.userId })),
        ),
      );
    let seed = 20261205;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const someOf = (c: number) =>
      (people.get(c) ?? []).filter(() => rand() < 0.35).map((p) => p.id);
    // Mostly the last 100 days, so people come several times a month; some up to 400 days back.
    const pastDay = () => addDays(today(), -Math.floor(rand() * (rand() < 0.8 ? 100 : 400)));
    const logged: { id: number; centreId: number }[] = [];
    const counts = { logged: 0, corrected: 0, voided: 0, erased: 0 };

    const drift = async () => rollupDrift(t.db);
    const clean = { encounterDays: 0, personMonths: 0, namedAttendees: 0 };

    for (let step = 0; step < 90; step++) {
      const r = rand();
      if (r < 0.5 || logged.length < 5) {
        const c = pick([centre.id, other.id]);
        const res = await both.request({
          method: 'POST',
          url: '/api/encounters',
          payload: {
            centreId: c,
            activityId: pick(activities),
            date: pastDay(),
            startTime: '00:00',
            durationMinutes: 30 + Math.floor(rand() * 4) * 30,
            headcounts: {
              newcomers: Math.floor(rand() * 4),
              host: Math.floor(rand() * 3),
              volunteers: 1,
              other: 0,
            },
            attendeeIds: someOf(c),
            clientRequestId: randomUUID(),
            confirmDuplicate: true,
          },
        });
        expect(res.statusCode, res.body).toBe(201);
        logged.push({ id: res.json().id, centreId: c });
        counts.logged++;
      } else if (r < 0.8) {
        const e = pick(logged);
        const patch = pick([
          { date: pastDay() },
          {
            headcounts: {
              newcomers: Math.floor(rand() * 3),
              host: Math.floor(rand() * 3),
              volunteers: 1,
              other: 0,
            },
          },
          { attendeeIds: someOf(e.centreId) },
          { activityId: pick(activities), durationMinutes: 45 },
        ]);
        const res = await both.request({
          method: 'PATCH',
          url: `/api/encounters/${e.id}`,
          payload: { ...patch, reason: 'Korrektur' },
        });
        // A voided entry cannot be corrected: that refusal is part of the mix.
        expect([200, 409], res.body).toContain(res.statusCode);
        if (res.statusCode === 200) counts.corrected++;
      } else if (r < 0.95 || counts.erased >= 4) {
        const e = pick(logged);
        const res = await both.request({
          method: 'POST',
          url: `/api/encounters/${e.id}/void`,
          payload: { reason: 'Doppelt erfasst' },
        });
        expect([200, 409], res.body).toContain(res.statusCode);
        if (res.statusCode === 200) counts.voided++;
      } else {
        const list = people.get(pick([centre.id, other.id]))!;
        const p = list.shift();
        if (!p) continue;
        const res = await dpo.request({
          method: 'POST',
          url: `/api/privacy/participants/${p.code}/erase`,
          payload: { reason: 'Antrag auf Löschung', confirmCode: p.code },
        });
        expect(res.statusCode, res.body).toBe(200);
        counts.erased++;
      }
      if (step % 15 === 14) expect(await drift()).toEqual(clean);
    }
    expect(counts.logged).toBeGreaterThan(30);
    expect(counts.corrected).toBeGreaterThan(5);
    expect(counts.voided).toBeGreaterThan(3);
    expect(counts.erased).toBeGreaterThan(2);
    // The rollups hold something worth comparing.
    const stored = (await q(t.db).get(
      `select (select count(*) from encounter_day_rollup where encounters > 0) as days,
              (select count(*) from person_month_rollup) as months`,
    )) as { days: number; months: number };
    expect(stored.days).toBeGreaterThan(20);
    expect(stored.months).toBeGreaterThan(10);

    await readsEqualRawRows([centre.id, other.id], rand);

    // Retention erases everyone without contact for 12 months (the oldest entries are 400 days back).
    const admin = await userClient(t, ['admin']);
    const set = await admin.request({
      method: 'PATCH',
      url: '/api/settings',
      payload: { participantRetentionMonths: 12 },
    });
    expect(set.statusCode, set.body).toBe(200);
    const run = await applyRetention(t.db, new Date(Date.now() + 366 * 86_400_000));
    expect(run.erasedParticipants).toBeGreaterThan(0);
    expect(await drift()).toEqual(clean);
    expect(await rebuildRollups(t.db)).toEqual(clean);
  });

  it('show tampering and are rebuilt from the raw rows', async () => {
    const c = await makeCentre(t.db);
    const s = await userClient(t, ['centre_staff'], [c.id]);
    const p = await makeParticipant(t.db, c.id, { consentBy: s.userId });
    const id = await logAs(s, c.id, addDays(today(), -3), [p.id], {
      newcomers: 2,
      host: 1,
      volunteers: 0,
      other: 0,
    });
    await q(t.db).run(
      'update encounter_day_rollup set encounters = encounters + 5 where centre_id = ?',
      c.id,
    );
    await q(t.db).run('delete from person_month_rollup where participant_id = ?', p.id);
    await q(t.db).run('update encounters set named_attendees = 7 where id = ?', id);
    const found = await rollupDrift(t.db);
    expect(found.encounterDays).toBeGreaterThan(0);
    expect(found.personMonths).toBe(1);
    expect(found.namedAttendees).toBe(1);
    expect(await rebuildRollups(t.db)).toEqual(found);
    expect(await rollupDrift(t.db)).toEqual({
      encounterDays: 0,
      personMonths: 0,
      namedAttendees: 0,
    });
  });
});

/**
 * The reporting reads (rollups, with raw attendance only at partial edges) against the same
 * figures computed here from the raw rows, for random periods: across months, inside one
 * month, starting or ending on a month boundary.
 */
async function readsEqualRawRows(centreIds: number[], rand: () => number) {
  const rows = (await q(t.db).all(
    `select e.id, e.centre_id as "centreId", e.date, e.host, e.newcomers, e.duration_minutes as minutes,
            ea.participant_id as pid, p.record_key as "recordKey", p.first_attended_on as first
       from encounters e left join encounter_attendees ea on ea.encounter_id = e.id
       left join participants p on p.id = ea.participant_id
      where e.voided_at is null`,
  )) as {
    id: number;
    centreId: number;
    date: string;
    host: number;
    newcomers: number;
    minutes: number;
    pid: number | null;
    recordKey: number | null;
    first: string | null;
  }[];
  const periods: repo.Period[] = [];
  for (let i = 0; i < 30; i++) {
    const a = addDays(today(), -Math.floor(rand() * (i % 2 ? 120 : 420)));
    const b = addDays(a, Math.floor(rand() * (i % 3 === 0 ? 20 : 200)));
    periods.push({ from: a, to: b });
  }
  periods.push({ from: `${today().slice(0, 7)}-01`, to: today() });
  for (const p of periods) {
    const inP = rows.filter(
      (r) => centreIds.includes(r.centreId) && r.date >= p.from && r.date <= p.to,
    );
    const encounters = new Map<number, (typeof rows)[number]>();
    for (const r of inP) encounters.set(r.id, r);
    const totals = await repo.encounterTotals(t.db, centreIds, p);
    for (const c of centreIds) {
      const mine = [...encounters.values()].filter((e) => e.centreId === c);
      const named = (id: number) => inP.some((r) => r.id === id && r.pid !== null);
      const got = totals.find((x) => x.centreId === c);
      expect(got?.encounters ?? 0, `${p.from}..${p.to}`).toBe(mine.length);
      expect(got?.minutes ?? 0).toBe(mine.reduce((s, e) => s + e.minutes, 0));
      expect(got?.mixed ?? 0).toBe(
        mine.filter((e) => e.host > 0 && (e.newcomers > 0 || named(e.id))).length,
      );
    }
    const people = await repo.peopleByCentreAndMonth(t.db, centreIds, p);
    for (const c of centreIds) {
      const seen = new Map<number, { first: string | null; key: number }>();
      for (const r of inP)
        if (r.centreId === c && r.pid !== null)
          seen.set(r.pid, { first: r.first, key: r.recordKey! });
      const got = people.byCentre.find((x) => x.centreId === c);
      expect(got?.reached ?? 0, `${c} ${p.from}..${p.to}`).toBe(seen.size);
      expect(got?.newcomers ?? 0).toBe([...seen.values()].filter((x) => x.first! >= p.from).length);
      expect(got?.reachedKey ?? 0).toBe(
        [...seen.values()].reduce((s, x) => (s + x.key) % 4294967296, 0),
      );
    }
    const mixed = await repo.mixedPerPerson(t.db, centreIds, p);
    const perPerson = new Map<string, number>();
    for (const r of inP)
      if (r.pid !== null) {
        const k = `${r.centreId}:${r.pid}`;
        perPerson.set(k, (perPerson.get(k) ?? 0) + (r.host > 0 ? 1 : 0));
      }
    const histogram = new Map<string, number>();
    for (const [k, n] of perPerson) {
      const h = `${k.split(':')[0]}:${n}`;
      histogram.set(h, (histogram.get(h) ?? 0) + 1);
    }
    expect(
      Object.fromEntries(mixed.map((m) => [`${m.centreId}:${m.mixed}`, m.people])),
      `${p.from}..${p.to}`,
    ).toEqual(Object.fromEntries(histogram));
  }
}

describe('people seen in a period inside one month', () => {
  it('count only attendance between its start and end, not the month around it', async () => {
    const c = await makeCentre(t.db);
    const s = await userClient(t, ['centre_staff'], [c.id]);
    const p = await makeParticipant(t.db, c.id, { consentBy: s.userId });
    const month = addMonths(today(), -1).slice(0, 7);
    for (const day of ['03', '25']) await logAs(s, c.id, `${month}-${day}`, [p.id]);
    const reached = async (from: string, to: string) =>
      (await repo.peopleByCentreAndMonth(t.db, [c.id], { from, to })).byCentre[0]?.reached ?? 0;
    const mixed = async (from: string, to: string) =>
      (await repo.mixedPerPerson(t.db, [c.id], { from, to })).map((r) => [r.mixed, r.people]);
    expect(await reached(`${month}-10`, `${month}-20`)).toBe(0);
    expect(await reached(`${month}-01`, `${month}-20`)).toBe(1);
    expect(await reached(`${month}-10`, addDays(addMonths(`${month}-01`, 1), -1))).toBe(1);
    expect(await reached(`${month}-04`, addDays(addMonths(`${month}-01`, 2), -1))).toBe(1);
    expect(await mixed(`${month}-10`, `${month}-20`)).toEqual([]);
    expect(await mixed(`${month}-02`, addDays(addMonths(`${month}-01`, 1), 5))).toEqual([[2, 1]]);
    expect(await mixed(`${month}-04`, addDays(addMonths(`${month}-01`, 1), 5))).toEqual([[1, 1]]);
  });
});

const second = await createSecondApp(t);
describe('report rollups under concurrent writers', () => {
  it('stay equal to a full recomputation when two instances write the same people at once', async () => {
    const c = await makeCentre(t.db);
    const s = await userClient(t, ['centre_staff'], [c.id]);
    // The same session through the other instance (sessions live in the database).
    const viaSecond = (req: Parameters<typeof s.request>[0]) =>
      second.app.inject({
        method: req.method,
        url: req.url,
        payload: req.payload as never,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      });
    const ps = await Promise.all(
      Array.from({ length: 4 }, () => makeParticipant(t.db, c.id, { consentBy: s.userId })),
    );
    const month = addMonths(today(), -1).slice(0, 7);
    const activity = await activityId(t.db);
    const log = (i: number) => ({
      method: 'POST' as const,
      url: '/api/encounters',
      payload: {
        centreId: c.id,
        activityId: activity,
        date: `${month}-${String(1 + (i % 28)).padStart(2, '0')}`,
        startTime: '00:00',
        durationMinutes: 60,
        headcounts: { newcomers: i % 2, host: 1, volunteers: 0, other: 0 },
        attendeeIds: ps.filter((_, k) => (i + k) % 3 !== 0).map((p) => p.id),
        clientRequestId: randomUUID(),
        confirmDuplicate: true,
      },
    });
    const first = await Promise.all(
      Array.from({ length: 24 }, (_, i) => (i % 2 ? viaSecond(log(i)) : s.request(log(i)))),
    );
    expect(first.map((r) => r.statusCode)).toEqual(first.map(() => 201));
    const ids = first.map((r) => r.json().id as number);
    // Corrections that take people out and move entries, racing new entries for the same people.
    const second_ = await Promise.all([
      ...ids.slice(0, 8).map((id, i) => {
        const req = {
          method: 'PATCH' as const,
          url: `/api/encounters/${id}`,
          payload: i % 2 ? { attendeeIds: [ps[0]!.id] } : { date: `${month}-15`, reason: 'x' },
        };
        req.payload = { ...req.payload, reason: 'Korrektur' } as never;
        return i % 2 ? s.request(req) : viaSecond(req);
      }),
      ...Array.from({ length: 8 }, (_, i) =>
        i % 2 ? s.request(log(i + 30)) : viaSecond(log(i + 30)),
      ),
    ]);
    expect(second_.map((r) => r.statusCode).sort()).toEqual([
      ...Array(8).fill(200),
      ...Array(8).fill(201),
    ]);
    expect(await rollupDrift(t.db)).toEqual({
      encounterDays: 0,
      personMonths: 0,
      namedAttendees: 0,
    });
  });
});
