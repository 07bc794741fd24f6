import { describe, expect, it } from 'vitest';
import { addDays } from '@begegnung/domain';
import { createTestApp, makeCentre, userClient, q } from './helper.ts';
import { activityId, makeParticipant, today } from './encounter-fixtures.ts';
import { randomUUID } from 'node:crypto';

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

async function log(date: string, attendeeIds: number[]) {
  const res = await staff.request({
    method: 'POST',
    url: '/api/encounters',
    payload: {
      centreId: centre.id,
      activityId: await activityId(t.db),
      date,
      startTime: '10:00',
      durationMinutes: 60,
      headcounts: { newcomers: 0, host: 1, volunteers: 0, other: 0 },
      attendeeIds,
      clientRequestId: randomUUID(),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

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
