import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  CKM_MAX_DEVIATION,
  FollowUpSchema,
  OutOfViewSchema,
  ParticipantSchema,
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
import { activityId, makeFollowUp, makeParticipant, today } from './encounter-fixtures.ts';
import { consents, encounterAttendees, followUpAttempts, referrals } from '../src/db/tables.ts';
import { applyRetention } from '../src/ops/retention.ts';

const t = await createTestApp();
const centre = await makeCentre(t.db);
const other = await makeCentre(t.db);
let staff: Client;
let otherStaff: Client;
let coordinator: Client;

beforeAll(async () => {
  staff = await userClient(t, ['centre_staff'], [centre.id]);
  otherStaff = await userClient(t, ['centre_staff'], [other.id]);
  coordinator = await userClient(t, ['coordinator']);
});

const get = (c: Client, url: string) => c.request({ method: 'GET', url });

/** A participant whose only follow-up consent was given a year ago and withdrawn `daysAgo`. */
async function withdrawnPerson(daysAgo: number) {
  const p = await makeParticipant(t.db, centre.id);
  await t.db.insert(consents).values({
    participantId: p.id,
    purpose: 'follow_up_contact',
    givenOn: addMonths(today(), -6),
    expiresOn: addMonths(today(), 6),
    withdrawnOn: addDays(today(), -daysAgo),
    language: 'ar',
    explainedById: staff.userId,
  });
  return p;
}

/** A participant whose consent ran from a year ago until `daysAgo`. */
async function expiredPerson(daysAgo: number) {
  const p = await makeParticipant(t.db, centre.id);
  await t.db.insert(consents).values({
    participantId: p.id,
    purpose: 'follow_up_contact',
    givenOn: addMonths(today(), -12),
    expiresOn: addDays(today(), -daysAgo),
    language: 'de',
    explainedById: staff.userId,
  });
  return p;
}

const logEncounter = async (c: Client, date: string, attendeeIds: number[], walkIns?: unknown[]) =>
  c.request({
    method: 'POST',
    url: '/api/encounters',
    payload: {
      clientRequestId: randomUUID(),
      centreId: centre.id,
      activityId: await activityId(t.db),
      date,
      // Midnight: an entry for today has begun whenever the test runs (a later start would be
      // refused as ENCOUNTER_IN_FUTURE early in the day, Berlin time).
      startTime: '00:00',
      durationMinutes: 60,
      headcounts: { newcomers: 0, host: 1, volunteers: 0, other: 0 },
      attendeeIds,
      ...(walkIns ? { walkIns } : {}),
    },
  });

describe('named attendance is judged by consent now, not by the entry date', () => {
  it('refuses a named attendance backdated to before the withdrawal (409 CONSENT_REQUIRED)', async () => {
    const p = await withdrawnPerson(10);
    // The entry claims a day when consent was still valid: still refused, processing is now.
    const res = await logEncounter(staff, addDays(today(), -30), [p.id]);
    const body = expectError(res, 409, 'CONSENT_REQUIRED');
    expect(body.details?.[0]).toMatchObject({ field: 'attendeeIds', message: String(p.id) });
    expect(
      (await t.db.select().from(encounterAttendees)).filter((a) => a.participantId === p.id),
    ).toEqual([]);
  });

  it('refuses a backdated entry after expiry, and accepts it while consent is valid', async () => {
    const expired = await expiredPerson(3);
    expectError(
      await logEncounter(staff, addDays(today(), -20), [expired.id]),
      409,
      'CONSENT_REQUIRED',
    );
    const valid = await makeParticipant(t.db, centre.id, { consentBy: staff.userId });
    const ok = await logEncounter(staff, addDays(today(), -20), [valid.id]);
    expect(ok.statusCode).toBe(201);
  });

  it('refuses a correction that keeps naming a person who withdrew since', async () => {
    const p = await makeParticipant(t.db, centre.id, { consentBy: staff.userId });
    const created = await logEncounter(staff, today(), [p.id]);
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const consentId = (await get(staff, `/api/participants/${p.id}`)).json().consents[0].id;
    const withdrawn = await staff.request({
      method: 'POST',
      url: `/api/participants/${p.id}/consents/${consentId}/withdraw`,
    });
    expect(withdrawn.statusCode).toBe(200);
    const res = await staff.request({
      method: 'PATCH',
      url: `/api/encounters/${id}`,
      payload: { attendeeIds: [p.id], reason: 'Uhrzeit korrigiert' },
    });
    expectError(res, 409, 'CONSENT_REQUIRED');
    // Dropping the name (counting them anonymously) is allowed.
    const dropped = await staff.request({
      method: 'PATCH',
      url: `/api/encounters/${id}`,
      payload: {
        attendeeIds: [],
        headcounts: { newcomers: 1, host: 1, volunteers: 0, other: 0 },
        reason: 'Person hat widerrufen',
      },
    });
    expect(dropped.statusCode).toBe(200);
  });

  it('records a walk-in’s consent as given today even on a backdated entry', async () => {
    const res = await logEncounter(
      staff,
      addDays(today(), -5),
      [],
      [{ alias: 'Walk-in Test', consentLanguage: 'tr' }],
    );
    expect(res.statusCode).toBe(201);
    const pid = res.json().attendees[0].id as number;
    const c = (await t.db.select().from(consents)).find((x) => x.participantId === pid)!;
    expect(c.givenOn).toBe(today());
  });
});

describe('out-of-view list', () => {
  it('names no one without valid consent and counts them per centre instead', async () => {
    const mover = async <P extends { id: number }>(p: P) => {
      await q(t.db).run(
        'update participants set moved_in_at = ? where id = ?',
        addDays(today(), -100),
        p.id,
      );
      return p;
    };
    const unnamed = [
      await mover(await makeParticipant(t.db, centre.id)), // never consented
      await mover(await withdrawnPerson(2)),
      await mover(await expiredPerson(1)),
      await mover(await withdrawnPerson(40)),
      await mover(await expiredPerson(30)),
      await mover(await makeParticipant(t.db, centre.id)),
    ];
    const named = await mover(await makeParticipant(t.db, centre.id, { consentBy: staff.userId }));
    for (const c of [staff, coordinator]) {
      const res = await get(c, `/api/reporting/out-of-view?centreId=${centre.id}`);
      expect(res.statusCode).toBe(200);
      const o = res.json();
      expectSchema(OutOfViewSchema, o);
      const ids = o.items.map((i: { participantId: number }) => i.participantId);
      expect(ids).toContain(named.id);
      for (const p of unnamed) expect(ids).not.toContain(p.id);
      expect(JSON.stringify(o)).not.toContain(unnamed[1]!.code);
      expect(o.centres).toEqual([expect.objectContaining({ id: centre.id })]);
      // Six or more people without consent in this centre (earlier tests may add some),
      // published by the cell key method: never 0, at most CKM_MAX_DEVIATION below the truth.
      const shown = o.withoutConsent.cells[0][0];
      expect(shown === 'suppressed' || shown >= 6 - CKM_MAX_DEVIATION).toBe(true);
      expect(shown).not.toBe(0);
    }
  });
});

describe('outreach closes when consent lapses', () => {
  it('closes open tasks with the reason on withdrawal; they are no longer actionable', async () => {
    const p = await makeParticipant(t.db, centre.id, { consentBy: staff.userId });
    const task = await makeFollowUp(t.db, p.id, staff.userId);
    const consentId = (await get(staff, `/api/participants/${p.id}`)).json().consents[0].id;
    await staff.request({
      method: 'POST',
      url: `/api/participants/${p.id}/consents/${consentId}/withdraw`,
    });
    const f = (await get(staff, `/api/follow-ups/${task.id}`)).json();
    expectSchema(FollowUpSchema, f);
    expect(f).toMatchObject({
      status: 'closed',
      closedReason: 'consent_withdrawn',
      closedOn: today(),
    });
    const attempt = await staff.request({
      method: 'POST',
      url: `/api/follow-ups/${task.id}/attempts`,
      payload: { outcome: 'reached' },
    });
    expect(expectError(attempt, 409, 'FOLLOW_UP_CLOSED').message).toMatch(/withdrew consent/);
    const open = (await get(staff, `/api/follow-ups?status=open&participantId=${p.id}`)).json();
    expect(open.total).toBe(0);
    const row = (
      await auditRows(t.db, { entity_type: 'follow_up', entity_id: String(task.id) })
    ).find((r) => r.action === 'update');
    expect(row).toMatchObject({ actor_id: staff.userId, reason: 'consent_withdrawn' });
  });

  it('closes tasks whose consent expired when the list is read, and in the daily job', async () => {
    const a = await expiredPerson(1);
    const b = await expiredPerson(2);
    const taskA = await makeFollowUp(t.db, a.id, staff.userId);
    const taskB = await makeFollowUp(t.db, b.id, staff.userId);
    const list = (await get(staff, '/api/follow-ups?status=open')).json();
    expect(list.items.map((f: { id: number }) => f.id)).not.toContain(taskA.id);
    const closed = (await get(staff, `/api/follow-ups/${taskA.id}`)).json();
    expect(closed).toMatchObject({ status: 'closed', closedReason: 'consent_expired' });
    expect(
      (await auditRows(t.db, { entity_type: 'follow_up', entity_id: String(taskB.id) })).find(
        (r) => r.action === 'update',
      ),
    ).toMatchObject({ actor_email: 'system:consent', reason: 'consent_expired' });
    // The daily job finds the rest in every centre (none left here: idempotent).
    const c = await expiredPerson(1);
    const taskC = await makeFollowUp(t.db, c.id, staff.userId);
    expect((await applyRetention(t.db, new Date())).closedFollowUps).toBe(1);
    expect((await applyRetention(t.db, new Date())).closedFollowUps).toBe(0);
    expect((await get(staff, `/api/follow-ups/${taskC.id}`)).json().status).toBe('closed');
  });
});

describe('free-text notes follow one rule on every route', () => {
  const NOTE = 'Notiz nur für das Zentrum';
  let pid: number;
  let taskId: number;

  beforeAll(async () => {
    const p = await makeParticipant(t.db, centre.id, { consentBy: staff.userId });
    pid = p.id;
    await q(t.db).run('update participants set notes = ? where id = ?', NOTE, p.id);
    const task = await makeFollowUp(t.db, p.id, staff.userId);
    taskId = task.id;
    await t.db.insert(followUpAttempts).values({
      followUpId: task.id,
      attemptedOn: today(),
      outcome: 'unreachable',
      note: NOTE,
      byId: staff.userId,
    });
    await t.db.insert(referrals).values({
      participantId: p.id,
      service: 'counselling',
      referredOn: today(),
      note: NOTE,
      byId: staff.userId,
    });
  });

  const routes = () => [
    `/api/participants/${pid}`,
    `/api/participants/${pid}/timeline`,
    `/api/follow-ups/${taskId}`,
    `/api/follow-ups?participantId=${pid}`,
  ];

  it('shows notes to staff of the person’s centre on every route', async () => {
    for (const url of routes()) {
      const res = await get(staff, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(NOTE);
    }
    expectSchema(ParticipantSchema, (await get(staff, routes()[0]!)).json());
  });

  it('hides notes from coordinators on every route, keeping the rest of the record', async () => {
    for (const url of routes()) {
      const res = await get(coordinator, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(NOTE);
    }
    const timeline = (await get(coordinator, routes()[1]!)).json();
    expect(timeline.some((i: { kind: string }) => i.kind === 'referral')).toBe(true);
  });

  it('gives staff of another centre nothing at all (404)', async () => {
    for (const url of routes().slice(0, 3)) {
      expectError(await get(otherStaff, url), 404, 'NOT_FOUND');
    }
    const list = await get(otherStaff, `/api/follow-ups?participantId=${pid}`);
    expect(list.body).not.toContain(NOTE);
  });
});
