import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMonths,
  consentValid,
  encounterIsEmpty,
  encounterProblems,
  hasValidConsent,
  isoWeekday,
  localNow,
  participantCode,
  sameSessionSlot,
  withinCorrectionWindow,
} from './encounter.rules.ts';

const now = { date: '2025-03-10', time: '14:00' };
const ok = {
  date: '2025-03-10',
  startTime: '13:00',
  durationMinutes: 90,
  headcounts: { newcomers: 4, host: 3, volunteers: 1, other: 0 },
};
const codes = (e: Partial<typeof ok>, opened: string | null = '2019-01-01') =>
  encounterProblems({ ...ok, ...e }, { now, centreOpenedOn: opened }).map((p) => p.code);

describe('encounterProblems', () => {
  it('accepts an ordinary session', () => expect(codes({})).toEqual([]));
  it('refuses tomorrow and later today beyond the slack, accepts 30 minutes ahead', () => {
    expect(codes({ date: '2025-03-11' })).toEqual(['ENCOUNTER_IN_FUTURE']);
    expect(codes({ startTime: '14:31' })).toEqual(['ENCOUNTER_IN_FUTURE']);
    expect(codes({ startTime: '14:30' })).toEqual([]);
  });
  it('refuses dates before the centre opened, ignores an unknown opening date', () => {
    expect(codes({ date: '2018-12-31' })).toEqual(['ENCOUNTER_BEFORE_CENTRE_OPENED']);
    expect(codes({ date: '2018-12-31' }, null)).toEqual([]);
  });
  it('refuses durations of 0 or over 12 h, accepts the bounds', () => {
    expect(codes({ durationMinutes: 0 })).toEqual(['DURATION_OUT_OF_RANGE']);
    expect(codes({ durationMinutes: 721 })).toEqual(['DURATION_OUT_OF_RANGE']);
    expect(codes({ durationMinutes: 1 })).toEqual([]);
    expect(codes({ durationMinutes: 720 })).toEqual([]);
  });
  it('refuses negative and absurd headcounts per group with the field named', () => {
    const p = encounterProblems(
      { ...ok, headcounts: { newcomers: -1, host: 151, volunteers: 150, other: 0 } },
      { now, centreOpenedOn: null },
    );
    expect(p.map((x) => [x.field, x.detail])).toEqual([
      ['headcounts.newcomers', 'headcount_negative'],
      ['headcounts.host', 'headcount_too_high'],
    ]);
  });
});

describe('consent', () => {
  const c = {
    purpose: 'follow_up_contact' as const,
    givenOn: '2025-01-01',
    expiresOn: '2026-01-01',
    withdrawnOn: null,
  };
  it('is valid from the day given until the day before expiry', () => {
    expect(consentValid(c, '2024-12-31')).toBe(false);
    expect(consentValid(c, '2025-01-01')).toBe(true);
    expect(consentValid(c, '2025-12-31')).toBe(true);
    expect(consentValid(c, '2026-01-01')).toBe(false);
  });
  it('stops on the day it is withdrawn', () => {
    const w = { ...c, withdrawnOn: '2025-06-01' };
    expect(consentValid(w, '2025-05-31')).toBe(true);
    expect(consentValid(w, '2025-06-01')).toBe(false);
  });
  it('only counts the purpose asked for', () => {
    expect(hasValidConsent([{ ...c, purpose: 'photos' }], 'follow_up_contact', '2025-02-01')).toBe(
      false,
    );
    expect(hasValidConsent([c], 'follow_up_contact', '2025-02-01')).toBe(true);
  });
});

describe('dates', () => {
  it('adds months clamped to the month end', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-03-15', 12)).toBe('2025-03-15');
  });
  it('gives ISO weekdays', () => {
    expect(isoWeekday('2025-03-10')).toBe(1);
    expect(isoWeekday('2025-03-16')).toBe(7);
  });
  it('gives Göttingen wall-clock time across DST', () => {
    expect(localNow(new Date('2025-07-01T22:30:00Z'))).toEqual({
      date: '2025-07-02',
      time: '00:30',
    });
    expect(localNow(new Date('2025-01-01T22:30:00Z'))).toEqual({
      date: '2025-01-01',
      time: '23:30',
    });
  });
  it('keeps the correction window at 14 days', () => {
    const created = '2025-03-01T10:00:00.000Z';
    expect(withinCorrectionWindow(created, new Date('2025-03-15T10:00:00Z'))).toBe(true);
    expect(withinCorrectionWindow(created, new Date('2025-03-15T10:00:01Z'))).toBe(false);
  });
});

describe('participantCode', () => {
  it('always has the centre prefix and 4 unambiguous characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 0.9999999, noNaN: true }), {
          minLength: 4,
          maxLength: 4,
        }),
        (xs) => {
          let i = 0;
          const code = participantCode('GRO', () => xs[i++]!);
          expect(code).toMatch(/^GRO-[2-9A-HJKMNP-Z]{4}$/);
        },
      ),
    );
  });
});

describe('encounterIsEmpty', () => {
  const zero = { newcomers: 0, host: 0, volunteers: 0, other: 0 };
  it('is empty only with nobody named, no walk-in and every headcount 0', () => {
    expect(encounterIsEmpty({ attendeeIds: [], headcounts: zero })).toBe(true);
    expect(encounterIsEmpty({ attendeeIds: [], walkIns: [], headcounts: zero })).toBe(true);
    expect(encounterIsEmpty({ attendeeIds: [1], headcounts: zero })).toBe(false);
    expect(encounterIsEmpty({ attendeeIds: [], walkIns: [{}], headcounts: zero })).toBe(false);
    for (const g of ['newcomers', 'host', 'volunteers', 'other'] as const)
      expect(encounterIsEmpty({ attendeeIds: [], headcounts: { ...zero, [g]: 1 } })).toBe(false);
  });
});

describe('sameSessionSlot', () => {
  const s = { groupId: 3, activityId: 1, date: '2026-05-04', startTime: '15:00' };
  it('matches the same group, date and start time', () => {
    expect(sameSessionSlot(s, { ...s })).toBe(true);
    expect(sameSessionSlot(s, { ...s, startTime: '15:01' })).toBe(false);
    expect(sameSessionSlot(s, { ...s, date: '2026-05-05' })).toBe(false);
    expect(sameSessionSlot(s, { ...s, groupId: 4 })).toBe(false);
  });
  it('falls back to the activity when either session has no group', () => {
    expect(sameSessionSlot(s, { ...s, groupId: null })).toBe(true);
    expect(sameSessionSlot({ ...s, groupId: undefined }, { ...s, groupId: null })).toBe(true);
    expect(sameSessionSlot({ ...s, groupId: null }, { ...s, groupId: null, activityId: 2 })).toBe(
      false,
    );
  });
});
