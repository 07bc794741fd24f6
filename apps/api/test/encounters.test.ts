import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  EncounterSchema,
  FollowUpSchema,
  GroupSchema,
  ParticipantSchema,
  localNow,
} from '@begegnung/domain';
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
import {
  activityId,
  makeEncounter,
  makeFollowUp,
  makeGroup,
  makeParticipant,
  today,
} from './encounter-fixtures.ts';
import { seedEncounterDemo } from '../src/seed/encounters.ts';
import { seedDemoIfEmpty } from '../src/seed/demo.ts';
import { onPg } from '../src/db/engine.ts';

const t = await createTestApp();
const grone = await makeCentre(t.db, { openedOn: '2015-01-01' });
const west = await makeCentre(t.db);
const staff = await userClient(t, ['centre_staff'], [grone.id]);
const colleague = await userClient(t, ['centre_staff'], [grone.id]);
const westStaff = await userClient(t, ['centre_staff'], [west.id]);
const coord = await userClient(t, ['coordinator']);
const admin = await userClient(t, ['admin']);

const post = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'POST', url, payload });
const patch = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PATCH', url, payload });
const get = (c: Client, url: string) => c.request({ method: 'GET', url });

let slot = 0;
/** A fresh slot per call (00:00–00:29 today, then earlier days), so no call is a duplicate. */
function nextSlot() {
  const n = slot++;
  return {
    date: addDays(today(), -Math.floor(n / 30)),
    startTime: `00:${String(n % 30).padStart(2, '0')}`,
  };
}

async function encounterBody(overrides: Record<string, unknown> = {}) {
  return {
    centreId: grone.id,
    activityId: await activityId(t.db),
    ...nextSlot(),
    durationMinutes: 90,
    headcounts: { newcomers: 2, host: 3, volunteers: 1, other: 0 },
    attendeeIds: [],
    clientRequestId: randomUUID(),
    ...overrides,
  };
}

const count = async (table: string) =>
  ((await q(t.db).get(`select count(*) as n from ${table}`)) as { n: number }).n;

describe('POST /api/encounters', () => {
  it('logs a session from a roster with walk-ins and host-society headcount', async () => {
    const a = await makeParticipant(t.db, grone.id, { consentBy: staff.userId });
    const b = await makeParticipant(t.db, grone.id, { consentBy: staff.userId });
    const group = await makeGroup(t.db, grone.id, [a.id, b.id]);
    const res = await post(
      staff,
      '/api/encounters',
      await encounterBody({
        groupId: group.id,
        attendeeIds: [a.id, b.id],
        walkIns: [{ alias: 'Neu mit Einwilligung', consentLanguage: 'ar' }, {}, { alias: 'ohne' }],
        staffIds: [staff.userId, colleague.userId],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expectSchema(EncounterSchema, e);
    // One walk-in consented → named; two without consent → anonymous newcomers (2 + 2).
    expect(e.attendees).toHaveLength(3);
    expect(e.headcounts).toEqual({ newcomers: 4, host: 3, volunteers: 1, other: 0 });
    expect(e.staffIds).toEqual([staff.userId, colleague.userId].sort((x, y) => x - y));
    expect(e.correctable).toBe(true);
    const walkIn = e.attendees.find((x: { alias: string }) => x.alias === 'Neu mit Einwilligung');
    expect(walkIn.code).toMatch(/^Q[A-Z]+-[2-9A-Z]{4}$/);
    const p = (await get(staff, `/api/participants/${walkIn.id}`)).json();
    expect(p.consents).toMatchObject([
      { purpose: 'follow_up_contact', language: 'ar', valid: true },
    ]);
    // No participant record for the anonymous walk-ins.
    expect(
      (
        (await q(t.db).get("select count(*) as n from participants where alias = 'ohne'")) as {
          n: number;
        }
      ).n,
    ).toBe(0);
  });

  it('is idempotent per clientRequestId: a double tap returns the first encounter with 200', async () => {
    const body = await encounterBody();
    const before = await count('encounters');
    const [r1, r2] = await Promise.all([
      post(staff, '/api/encounters', body),
      post(staff, '/api/encounters', body),
    ]);
    const statuses = [r1.statusCode, r2.statusCode].sort();
    expect(statuses).toEqual([200, 201]);
    expect(r1.json().id).toBe(r2.json().id);
    const r3 = await post(staff, '/api/encounters', {
      ...body,
      clientRequestId: body.clientRequestId.toUpperCase(),
    });
    expect(r3.statusCode).toBe(200);
    expect(r3.json().id).toBe(r1.json().id);
    expect(await count('encounters')).toBe(before + 1);
  });

  it('refuses a participant without valid consent by name (409 CONSENT_REQUIRED), nothing saved', async () => {
    const none = await makeParticipant(t.db, grone.id);
    const before = await count('encounters');
    const err = expectError(
      await post(staff, '/api/encounters', await encounterBody({ attendeeIds: [none.id] })),
      409,
      'CONSENT_REQUIRED',
    );
    expect(err.details).toEqual([
      { field: 'attendeeIds', code: 'consent_required', message: String(none.id) },
    ]);
    expect(await count('encounters')).toBe(before);
    // …but counted anonymously it is fine.
    const ok = await post(
      staff,
      '/api/encounters',
      await encounterBody({ headcounts: { newcomers: 1, host: 0, volunteers: 0, other: 0 } }),
    );
    expect(ok.statusCode).toBe(201);
  });

  it('refuses expired and withdrawn consent', async () => {
    const p = await makeParticipant(t.db, grone.id);
    await q(t.db).run(
      `insert into consents (participant_id, purpose, given_on, expires_on, language, explained_by_id)
         values (?, 'follow_up_contact', ?, ?, 'de', ?)`,
      p.id,
      addDays(today(), -400),
      addDays(today(), -35),
      staff.userId,
    );
    expectError(
      await post(staff, '/api/encounters', await encounterBody({ attendeeIds: [p.id] })),
      409,
      'CONSENT_REQUIRED',
    );
    const later = await makeParticipant(t.db, grone.id, { consentBy: staff.userId });
    const consentId = (await get(staff, `/api/participants/${later.id}`)).json().consents[0].id;
    const w = await post(staff, `/api/participants/${later.id}/consents/${consentId}/withdraw`, {});
    expect(w.statusCode).toBe(200);
    expect(w.json().followUpConsent).toBe(false);
    expectError(
      await post(staff, '/api/encounters', await encounterBody({ attendeeIds: [later.id] })),
      409,
      'CONSENT_REQUIRED',
    );
    expectError(
      await post(staff, `/api/participants/${later.id}/consents/${consentId}/withdraw`, {}),
      409,
      'CONSENT_ALREADY_WITHDRAWN',
    );
  });

  it('refuses an attendee of another centre (400 ATTENDEE_NOT_AT_CENTRE)', async () => {
    const other = await makeParticipant(t.db, west.id, { consentBy: westStaff.userId });
    expectError(
      await post(staff, '/api/encounters', await encounterBody({ attendeeIds: [other.id] })),
      400,
      'ATTENDEE_NOT_AT_CENTRE',
    );
  });

  it.each([
    ['future date', { date: addDays(localNow().date, 1) }, 'ENCOUNTER_IN_FUTURE', 'date'],
    ['before the centre opened', { date: '2014-12-31' }, 'ENCOUNTER_BEFORE_CENTRE_OPENED', 'date'],
    ['duration 0', { durationMinutes: 0 }, 'DURATION_OUT_OF_RANGE', 'durationMinutes'],
    ['duration over 12 h', { durationMinutes: 721 }, 'DURATION_OUT_OF_RANGE', 'durationMinutes'],
    [
      'negative headcount',
      { headcounts: { newcomers: -1, host: 0, volunteers: 0, other: 0 } },
      'HEADCOUNT_OUT_OF_RANGE',
      'headcounts.newcomers',
    ],
    [
      'absurd headcount',
      { headcounts: { newcomers: 0, host: 5000, volunteers: 0, other: 0 } },
      'HEADCOUNT_OUT_OF_RANGE',
      'headcounts.host',
    ],
  ])('refuses %s with 400 %s', async (_label, overrides, code, field) => {
    const err = expectError(
      await post(staff, '/api/encounters', await encounterBody(overrides)),
      400,
      code as never,
    );
    expect(err.details?.[0]?.field).toBe(field);
  });

  it('refuses unknown activity, foreign group, unknown staff, malformed request id', async () => {
    expectError(
      await post(staff, '/api/encounters', await encounterBody({ activityId: 99999 })),
      400,
      'UNKNOWN_ACTIVITY',
    );
    const g = await makeGroup(t.db, west.id);
    expectError(
      await post(staff, '/api/encounters', await encounterBody({ groupId: g.id })),
      400,
      'UNKNOWN_GROUP',
    );
    expectError(
      await post(staff, '/api/encounters', await encounterBody({ staffIds: [westStaff.userId] })),
      400,
      'UNKNOWN_STAFF',
    );
    expectError(
      await post(staff, '/api/encounters', await encounterBody({ clientRequestId: 'x' })),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('answers 404 (audited) for another centre, 403 for coordinator and admin, 401 without session', async () => {
    const before = await lastAuditId(t.db);
    expectError(await post(westStaff, '/api/encounters', await encounterBody()), 404, 'NOT_FOUND');
    expect(
      (await auditRows(t.db, { actor_id: westStaff.userId, action: 'denied' })).filter(
        (r) => r.id > before,
      ),
    ).toHaveLength(1);
    expectError(await post(coord, '/api/encounters', await encounterBody()), 403, 'FORBIDDEN');
    expectError(await post(admin, '/api/encounters', await encounterBody()), 403, 'FORBIDDEN');
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/encounters',
      payload: await encounterBody(),
    });
    expectError(anon, 401, 'UNAUTHENTICATED');
  });
});

describe('GET and PATCH /api/encounters/:id', () => {
  it('hides another centre’s encounter with an audited 404; coordinators see it', async () => {
    const e = await makeEncounter(t.db, grone.id, staff.userId);
    const before = await lastAuditId(t.db);
    expectError(await get(westStaff, `/api/encounters/${e.id}`), 404, 'NOT_FOUND');
    expect(
      (
        await auditRows(t.db, {
          entity_type: 'encounter',
          entity_id: String(e.id),
          action: 'denied',
        })
      ).filter((r) => r.id > before),
    ).toHaveLength(1);
    expectError(
      await patch(westStaff, `/api/encounters/${e.id}`, { durationMinutes: 30, reason: 'Test' }),
      404,
      'NOT_FOUND',
    );
    const c = await get(coord, `/api/encounters/${e.id}`);
    expect(c.statusCode).toBe(200);
    expect(
      await auditRows(t.db, {
        actor_id: coord.userId,
        entity_type: 'encounter',
        entity_id: String(e.id),
        action: 'read',
      }),
    ).toHaveLength(1);
  });

  it('lets the author correct within 14 days, audited with the reason and changed fields', async () => {
    const e = await makeEncounter(t.db, grone.id, staff.userId);
    const res = await patch(staff, `/api/encounters/${e.id}`, {
      headcounts: { newcomers: 5, host: 4, volunteers: 0, other: 0 },
      reason: 'Nachgezählt',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().headcounts).toEqual({ newcomers: 5, host: 4, volunteers: 0, other: 0 });
    const [row] = await auditRows(t.db, {
      entity_type: 'encounter',
      entity_id: String(e.id),
      action: 'update',
    });
    expect(row!.reason).toBe('correction: Nachgezählt');
    expect(JSON.parse(row!.changed_fields!)).toEqual(['headcounts']);
  });

  it('refuses a colleague who is not the author (403), allows a coordinator', async () => {
    const e = await makeEncounter(t.db, grone.id, staff.userId);
    expectError(
      await patch(colleague, `/api/encounters/${e.id}`, { durationMinutes: 30, reason: 'Test' }),
      403,
      'FORBIDDEN',
    );
    const res = await patch(coord, `/api/encounters/${e.id}`, {
      durationMinutes: 30,
      reason: 'Koordination',
    });
    expect(res.statusCode).toBe(200);
  });

  it('refuses corrections after 14 days with 409 CORRECTION_WINDOW_CLOSED, also for coordinators', async () => {
    const old = new Date(Date.now() - 15 * 86_400_000).toISOString();
    const e = await makeEncounter(t.db, grone.id, staff.userId, {
      date: addDays(today(), -15),
      createdAt: old,
    });
    expect((await get(staff, `/api/encounters/${e.id}`)).json().correctable).toBe(false);
    expectError(
      await patch(staff, `/api/encounters/${e.id}`, { durationMinutes: 30, reason: 'Zu spät' }),
      409,
      'CORRECTION_WINDOW_CLOSED',
    );
    expectError(
      await patch(coord, `/api/encounters/${e.id}`, { durationMinutes: 30, reason: 'Zu spät' }),
      409,
      'CORRECTION_WINDOW_CLOSED',
    );
  });

  it('validates corrections like new entries', async () => {
    const e = await makeEncounter(t.db, grone.id, staff.userId);
    expectError(
      await patch(staff, `/api/encounters/${e.id}`, { durationMinutes: 0, reason: 'x y z' }),
      400,
      'DURATION_OUT_OF_RANGE',
    );
    const none = await makeParticipant(t.db, grone.id);
    expectError(
      await patch(staff, `/api/encounters/${e.id}`, { attendeeIds: [none.id], reason: 'x y z' }),
      409,
      'CONSENT_REQUIRED',
    );
    expectError(
      await patch(staff, `/api/encounters/${e.id}`, { durationMinutes: 30 }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('lists only own centres for staff and filters by date', async () => {
    await makeEncounter(t.db, west.id, westStaff.userId);
    const mine = (await get(staff, '/api/encounters?limit=200')).json();
    expect(mine.items.every((e: { centreId: number }) => e.centreId === grone.id)).toBe(true);
    expectError(await get(staff, `/api/encounters?centreId=${west.id}`), 404, 'NOT_FOUND');
    const all = (await get(coord, '/api/encounters?limit=200')).json();
    expect(new Set(all.items.map((e: { centreId: number }) => e.centreId))).toEqual(
      new Set([grone.id, west.id]),
    );
    const none = (await get(staff, `/api/encounters?from=${addDays(today(), 1)}`)).json();
    expect(none.total).toBe(0);
  });

  it('lists staff options for a visible centre only', async () => {
    const s = (await get(staff, `/api/encounters/staff?centreId=${grone.id}`)).json();
    expect(s.map((x: { id: number }) => x.id).sort()).toEqual(
      [staff.userId, colleague.userId].sort(),
    );
    expectError(await get(staff, `/api/encounters/staff?centreId=${west.id}`), 404, 'NOT_FOUND');
  });
});

describe('participants', () => {
  it('creates a pseudonymous participant with a generated code and audits it', async () => {
    const res = await post(staff, '/api/participants', {
      centreId: grone.id,
      alias: 'Amina',
      householdSize: 4,
      languages: ['Arabisch', 'Deutsch'],
      movedInAt: addDays(today(), -30),
      contactPreference: 'messenger',
      notes: 'Kommt dienstags',
    });
    expect(res.statusCode, res.body).toBe(201);
    expectSchema(ParticipantSchema, res.json());
    expect(res.json().code).toMatch(new RegExp(`^${grone.code}-[2-9A-Z]{4}$`));
    expect(res.json().district).toBe(grone.district);
    expect(
      await auditRows(t.db, {
        entity_type: 'participant',
        entity_id: String(res.json().id),
        action: 'create',
      }),
    ).toHaveLength(1);
  });

  it('has no fields for surname, nationality, religion, ethnicity or health', async () => {
    for (const field of ['surname', 'nationality', 'religion', 'ethnicity', 'health']) {
      expectError(
        await post(staff, '/api/participants', { centreId: grone.id, [field]: 'x' }),
        400,
        'VALIDATION_FAILED',
      );
    }
    const cols = (
      await q(t.db).all<{ name: string }>(
        onPg
          ? "select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = 'participants'"
          : 'select name from pragma_table_info(?)',
        ...(onPg ? [] : ['participants']),
      )
    ).map((c) => c.name);
    expect(cols.filter((c) => /surname|nation|relig|ethnic|health/.test(c))).toEqual([]);
  });

  it('hints at a duplicate (same alias + household size + centre) and creates after confirmation', async () => {
    const body = { centreId: grone.id, alias: 'Yusuf', householdSize: 2 };
    expect((await post(staff, '/api/participants', body)).statusCode).toBe(201);
    const err = expectError(
      await post(staff, '/api/participants', { ...body, alias: ' yusuf ' }),
      409,
      'POSSIBLE_DUPLICATE',
    );
    expect(err.details?.[0]).toMatchObject({ field: 'alias', code: 'possible_duplicate' });
    expect((await post(staff, '/api/participants', { ...body, householdSize: 3 })).statusCode).toBe(
      201,
    );
    expect(
      (await post(staff, '/api/participants', { ...body, confirmNotDuplicate: true })).statusCode,
    ).toBe(201);
  });

  it('refuses another centre on create (404) and a future move-in date', async () => {
    expectError(await post(staff, '/api/participants', { centreId: west.id }), 404, 'NOT_FOUND');
    expectError(
      await post(staff, '/api/participants', {
        centreId: grone.id,
        movedInAt: addDays(today(), 3),
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('never shows Weststadt participants to Grone staff: 404, audited; list excludes them', async () => {
    const p = await makeParticipant(t.db, west.id, { consentBy: westStaff.userId });
    for (const res of [
      await get(staff, `/api/participants/${p.id}`),
      await patch(staff, `/api/participants/${p.id}`, { householdSize: 2 }),
      await get(staff, `/api/participants/${p.id}/timeline`),
      await post(staff, `/api/participants/${p.id}/consents`, {
        purpose: 'photos',
        language: 'de',
      }),
      await post(staff, `/api/participants/${p.id}/referrals`, { service: 'health' }),
      await post(staff, `/api/participants/${p.id}/transfer`, {
        centreId: grone.id,
        reason: 'Umzug',
      }),
    ]) {
      expectError(res, 404, 'NOT_FOUND');
    }
    expect(
      await auditRows(t.db, { actor_id: staff.userId, action: 'denied', entity_id: String(p.id) }),
    ).toHaveLength(6);
    const list = (await get(staff, '/api/participants?limit=200')).json();
    expect(list.items.some((x: { id: number }) => x.id === p.id)).toBe(false);
  });

  it('audits every view; coordinators see the pseudonymous record without notes and cannot change it', async () => {
    const p = await makeParticipant(t.db, grone.id, { consentBy: staff.userId });
    await patch(staff, `/api/participants/${p.id}`, { notes: 'Bevorzugt Nachmittage' });
    const before = await lastAuditId(t.db);
    expect((await get(staff, `/api/participants/${p.id}`)).json().notes).toBe(
      'Bevorzugt Nachmittage',
    );
    const c = await get(coord, `/api/participants/${p.id}`);
    expect(c.json()).toMatchObject({ code: p.code, notes: null });
    expect(
      (
        await auditRows(t.db, {
          action: 'read',
          entity_type: 'participant',
          entity_id: String(p.id),
        })
      ).filter((r) => r.id > before),
    ).toHaveLength(2);
    expectError(
      await patch(coord, `/api/participants/${p.id}`, { householdSize: 2 }),
      403,
      'FORBIDDEN',
    );
    expectError(await get(admin, `/api/participants/${p.id}`), 403, 'FORBIDDEN');
    expectError(await get(admin, '/api/participants'), 403, 'FORBIDDEN');
  });

  it('searches by code or alias and filters by consent', async () => {
    const p = await makeParticipant(t.db, grone.id, { alias: 'Zzyzx', consentBy: staff.userId });
    const res = (await get(staff, '/api/participants?q=zzyz')).json();
    expect(res.items.map((x: { id: number }) => x.id)).toEqual([p.id]);
    expect((await get(staff, `/api/participants?q=${p.code}`)).json().items).toHaveLength(1);
    const noConsent = (await get(staff, '/api/participants?withConsent=false&limit=200')).json();
    expect(noConsent.items.every((x: { followUpConsent: boolean }) => !x.followUpConsent)).toBe(
      true,
    );
  });

  it('sorts by name, by last seen either way (never seen last) and by code, page by page', async () => {
    const centre = await makeCentre(t.db);
    const own = await userClient(t, ['centre_staff'], [centre.id]);
    const seen: [string, string | null][] = [
      ['bea', '2026-03-01'],
      ['Anna', '2026-05-01'],
      ['Cem', null],
      ['dara', '2026-01-15'],
    ];
    const ids = new Map<string, number>();
    for (const [alias, last] of seen) {
      const p = await makeParticipant(t.db, centre.id, { alias });
      await q(t.db).run('update participants set last_attended_on = ? where id = ?', last, p.id);
      ids.set(alias, p.id);
    }
    const order = async (sort: string) => {
      const names: string[] = [];
      for (let offset = 0; offset < 4; offset += 2) {
        const res = await get(own, `/api/participants?sort=${sort}&limit=2&offset=${offset}`);
        expect(res.statusCode).toBe(200);
        names.push(...res.json().items.map((x: { alias: string }) => x.alias));
      }
      return names;
    };
    expect(await order('name')).toEqual(['Anna', 'bea', 'Cem', 'dara']);
    expect(await order('lastSeenDesc')).toEqual(['Anna', 'bea', 'dara', 'Cem']);
    expect(await order('lastSeenAsc')).toEqual(['dara', 'bea', 'Anna', 'Cem']);
    const byCode = await order('code');
    const codes = (await get(own, '/api/participants?sort=code'))
      .json()
      .items.map((x: { code: string }) => x.code);
    expect([...codes].sort()).toEqual(codes);
    expect(byCode).toHaveLength(4);
    expectError(await get(own, '/api/participants?sort=secret'), 400, 'VALIDATION_FAILED');
  });

  it('records consent with a 12-month default expiry and refuses odd dates', async () => {
    const p = await makeParticipant(t.db, grone.id);
    const res = await post(staff, `/api/participants/${p.id}/consents`, {
      purpose: 'follow_up_contact',
      language: 'ti',
    });
    expect(res.statusCode).toBe(201);
    const c = res.json().consents[0];
    expect(c).toMatchObject({
      purpose: 'follow_up_contact',
      language: 'ti',
      givenOn: today(),
      valid: true,
      explainedById: staff.userId,
    });
    expect(c.expiresOn.slice(0, 4)).toBe(String(Number(today().slice(0, 4)) + 1));
    expectError(
      await post(staff, `/api/participants/${p.id}/consents`, {
        purpose: 'photos',
        language: 'de',
        givenOn: today(),
        expiresOn: today(),
      }),
      400,
      'INVALID_CONSENT_DATES',
    );
    expectError(
      await post(staff, `/api/participants/${p.id}/consents`, {
        purpose: 'photos',
        language: 'xx',
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('transfers to another centre with a reason; the old centre loses sight, the new one gains it', async () => {
    const p = await makeParticipant(t.db, grone.id, { consentBy: staff.userId });
    expectError(
      await post(staff, `/api/participants/${p.id}/transfer`, {
        centreId: grone.id,
        reason: 'Umzug',
      }),
      400,
      'SAME_CENTRE',
    );
    expectError(
      await post(staff, `/api/participants/${p.id}/transfer`, { centreId: 99999, reason: 'Umzug' }),
      400,
      'UNKNOWN_CENTRE',
    );
    const res = await post(staff, `/api/participants/${p.id}/transfer`, {
      centreId: west.id,
      reason: 'Umzug in die Weststadt',
    });
    expect(res.statusCode).toBe(200);
    expectError(await get(staff, `/api/participants/${p.id}`), 404, 'NOT_FOUND');
    const w = await get(westStaff, `/api/participants/${p.id}/timeline`);
    expect(w.json()[0]).toMatchObject({ kind: 'transfer', detail: 'Umzug in die Weststadt' });
  });

  it('builds a timeline of encounters, follow-ups, referrals and consent changes', async () => {
    const p = await makeParticipant(t.db, grone.id, { consentBy: staff.userId });
    await post(staff, '/api/encounters', await encounterBody({ attendeeIds: [p.id] }));
    await post(staff, `/api/participants/${p.id}/referrals`, {
      service: 'language_course',
      note: 'B1-Kurs',
    });
    await post(staff, '/api/follow-ups', {
      participantId: p.id,
      assigneeId: staff.userId,
      dueOn: today(),
      reason: 'Nachfragen',
    });
    const kinds = (await get(staff, `/api/participants/${p.id}/timeline`))
      .json()
      .map((i: { kind: string }) => i.kind);
    expect(new Set(kinds)).toEqual(
      new Set(['encounter', 'referral', 'follow_up', 'consent_given']),
    );
  });

  it('refuses referrals without consent', async () => {
    const p = await makeParticipant(t.db, grone.id);
    expectError(
      await post(staff, `/api/participants/${p.id}/referrals`, { service: 'health' }),
      409,
      'CONSENT_REQUIRED',
    );
  });
});

describe('groups and activities', () => {
  it('creates a group with a consenting roster; refuses members without consent or from elsewhere', async () => {
    const a = await makeParticipant(t.db, grone.id, { consentBy: staff.userId });
    const body = {
      centreId: grone.id,
      activityId: await activityId(t.db),
      name: 'Sprachcafé Dienstag',
      weekdays: [2],
      startTime: '15:00',
      durationMinutes: 90,
    };
    const res = await post(staff, '/api/groups', { ...body, memberIds: [a.id] });
    expect(res.statusCode, res.body).toBe(201);
    expectSchema(GroupSchema, res.json());
    expect(res.json().roster).toMatchObject([{ id: a.id, followUpConsent: true }]);
    const none = await makeParticipant(t.db, grone.id);
    expectError(
      await patch(staff, `/api/groups/${res.json().id}`, { memberIds: [a.id, none.id] }),
      409,
      'CONSENT_REQUIRED',
    );
    const other = await makeParticipant(t.db, west.id, { consentBy: westStaff.userId });
    expectError(
      await patch(staff, `/api/groups/${res.json().id}`, { memberIds: [other.id] }),
      400,
      'ATTENDEE_NOT_AT_CENTRE',
    );
    expectError(await get(westStaff, `/api/groups/${res.json().id}`), 404, 'NOT_FOUND');
    expectError(
      await post(staff, '/api/groups', { ...body, activityId: 99999 }),
      400,
      'UNKNOWN_ACTIVITY',
    );
    expectError(
      await post(staff, '/api/groups', { ...body, startTime: '25:00' }),
      400,
      'VALIDATION_FAILED',
    );
    const mine = (await get(staff, '/api/groups')).json();
    expect(mine.every((g: { centreId: number }) => g.centreId === grone.id)).toBe(true);
  });

  it('ships the built-in activity catalogue; admins add and change custom ones', async () => {
    const list = (await get(staff, '/api/activities')).json();
    expect(list.map((a: { key: string }) => a.key)).toEqual(
      expect.arrayContaining([
        'open_cafe',
        'language_cafe',
        'counselling',
        'accompaniment',
        'sport',
        'excursion',
        'womens_group',
        'homework_help',
        'parents_cafe',
      ]),
    );
    const res = await post(admin, '/api/activities', {
      name: 'Nähcafé',
      defaultDurationMinutes: 120,
      recurring: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ key: null, name: 'Nähcafé', recurring: true, active: true });
    expectError(
      await post(admin, '/api/activities', {
        name: 'X',
        defaultDurationMinutes: 0,
        recurring: true,
      }),
      400,
      'VALIDATION_FAILED',
    );
    const off = await patch(admin, `/api/activities/${res.json().id}`, { active: false });
    expect(off.json().active).toBe(false);
    expectError(
      await post(staff, '/api/encounters', await encounterBody({ activityId: res.json().id })),
      400,
      'UNKNOWN_ACTIVITY',
    );
    expectError(await patch(admin, '/api/activities/99999', { active: false }), 404, 'NOT_FOUND');
  });
});

describe('follow-ups', () => {
  it('runs the outreach loop: create, attempt, reassign, close', async () => {
    const p = await makeParticipant(t.db, grone.id, { consentBy: staff.userId });
    const res = await post(coord, '/api/follow-ups', {
      participantId: p.id,
      assigneeId: staff.userId,
      dueOn: today(),
      reason: 'Seit 6 Wochen nicht gesehen',
    });
    expect(res.statusCode, res.body).toBe(201);
    expectSchema(FollowUpSchema, res.json());
    const id = res.json().id;
    const att = await post(staff, `/api/follow-ups/${id}/attempts`, {
      outcome: 'unreachable',
      note: 'Mailbox',
    });
    expect(att.json().attempts).toMatchObject([{ outcome: 'unreachable', note: 'Mailbox' }]);
    expect(
      (await patch(coord, `/api/follow-ups/${id}`, { assigneeId: colleague.userId })).json()
        .assigneeId,
    ).toBe(colleague.userId);
    const closed = await post(colleague, `/api/follow-ups/${id}/close`, { outcome: 're_engaged' });
    expect(closed.json()).toMatchObject({
      status: 'closed',
      outcome: 're_engaged',
      closedOn: today(),
    });
    expectError(
      await post(staff, `/api/follow-ups/${id}/close`, { outcome: 'reached' }),
      409,
      'FOLLOW_UP_CLOSED',
    );
    expectError(
      await post(staff, `/api/follow-ups/${id}/attempts`, { outcome: 'reached' }),
      409,
      'FOLLOW_UP_CLOSED',
    );
    const mine = (await get(colleague, '/api/follow-ups?mine=true&status=closed')).json();
    expect(mine.items.map((f: { id: number }) => f.id)).toContain(id);
  });

  it('needs consent, a fitting assignee, and hides other centres', async () => {
    const none = await makeParticipant(t.db, grone.id);
    expectError(
      await post(staff, '/api/follow-ups', {
        participantId: none.id,
        assigneeId: staff.userId,
        dueOn: today(),
        reason: 'x y',
      }),
      409,
      'CONSENT_REQUIRED',
    );
    const p = await makeParticipant(t.db, grone.id, { consentBy: staff.userId });
    expectError(
      await post(staff, '/api/follow-ups', {
        participantId: p.id,
        assigneeId: westStaff.userId,
        dueOn: today(),
        reason: 'x y',
      }),
      400,
      'UNKNOWN_STAFF',
    );
    const f = await makeFollowUp(t.db, p.id, staff.userId);
    expectError(await get(westStaff, `/api/follow-ups/${f.id}`), 404, 'NOT_FOUND');
    expectError(
      await post(westStaff, `/api/follow-ups/${f.id}/attempts`, { outcome: 'reached' }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await post(westStaff, '/api/follow-ups', {
        participantId: p.id,
        assigneeId: westStaff.userId,
        dueOn: today(),
        reason: 'x y',
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await post(staff, `/api/follow-ups/${f.id}/attempts`, { outcome: 'maybe' }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('demo generator', () => {
  it('is deterministic for a seed and creates a realistic history quickly', async () => {
    const runOnce = async () => {
      const x = await createTestApp();
      await seedDemoIfEmpty(x.db); // includes seedEncounterDemo for "today"
      const fresh = await createTestApp();
      const { seedCentres } = await import('../src/seed/demo.ts');
      await seedCentres(fresh.db);
      const { makeUser } = await import('./helper.ts');
      const ids = (await q(fresh.db).all('select id from centres order by id')) as {
        id: number;
      }[];
      for (const c of ids) await makeUser(fresh.db, ['centre_staff'], [c.id]);
      const started = performance.now();
      const s = await seedEncounterDemo(fresh.db, { seed: 7, today: '2025-06-18' });
      const ms = performance.now() - started;
      const people = await q(fresh.db).all<{ code: string; alias: string | null }>(
        'select code, alias from participants order by id',
      );
      const fingerprint = people.map((p) => `${p.code}:${p.alias ?? ''}`).join(',');
      return { s, ms, fingerprint, demoDb: x.db };
    };
    const a = await runOnce();
    const b = await runOnce();
    expect(a.s).toEqual(b.s);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.s.participants).toBeGreaterThan(200);
    expect(a.s.encounters).toBeGreaterThan(2000);
    // A gross guard only (timings belong in the benchmark): on PostgreSQL every attendance and
    // entry also runs the rollup and first/last-attendance triggers, one statement each, which
    // took 5 to 13 s on the 2-core box while other test files ran.
    expect(a.ms).toBeLessThan(onPg ? 20_000 : 5_000);
    // The demo Grone user has a weekday Sprachcafé with a roster of consenting people.
    const g = (await q(a.demoDb)
      .get(`select cast(g.weekdays as text) as weekdays, count(m.participant_id) as n from recurring_groups g join centres c on c.id = g.centre_id
         join group_members m on m.group_id = g.id where c.code = 'GRO' and g.name = 'Sprachcafé' group by g.id`)) as {
      weekdays: string;
      n: number;
    };
    expect(JSON.parse(g.weekdays)).toEqual([1, 2, 3, 4, 5]);
    expect(g.n).toBeGreaterThanOrEqual(4);
    // Four demo databases in one test (about 20 to 40 s on PostgreSQL).
  }, 90_000);
});
