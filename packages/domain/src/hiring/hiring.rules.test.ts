import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonths } from '../encounters/encounter.rules.ts';
import {
  APPLICATION_STATUSES,
  SCREENING_RESULTS,
  canTransitionApplication,
  canTransitionVacancy,
  checkAdvertText,
  criteriaProblems,
  criteriaSetEditable,
  evaluateScreening,
  mustInvite,
  employerOwnDuty,
  procedureEmployer,
  unratedCriteria,
  purgeDue,
  purgeDueOn,
  scoreInRange,
  scorecardVisible,
  vacancyTransitions,
  type CriterionRef,
} from './hiring.rules.ts';

const MOTION: CriterionRef[] = [
  { id: 1, kind: 'required', groupKey: 'qualification', rank: 1 },
  { id: 2, kind: 'required', groupKey: 'qualification', rank: 2 },
  { id: 3, kind: 'preferred', groupKey: null, rank: null },
  { id: 4, kind: 'desirable', groupKey: null, rank: null },
];

describe('vacancy status', () => {
  it('follows draft → published → closed → decided, abort from any open state', () => {
    expect(canTransitionVacancy('draft', 'published')).toBe(true);
    expect(canTransitionVacancy('published', 'closed')).toBe(true);
    expect(canTransitionVacancy('closed', 'decided')).toBe(true);
    expect(canTransitionVacancy('draft', 'closed')).toBe(false);
    expect(canTransitionVacancy('decided', 'aborted')).toBe(false);
    expect(canTransitionVacancy('aborted', 'draft')).toBe(false);
    for (const s of ['draft', 'published', 'closed'] as const)
      expect(canTransitionVacancy(s, 'aborted')).toBe(true);
  });
  it('never offers "decided" on the status route (only through the selection record)', () => {
    expect(vacancyTransitions('closed')).toEqual(['aborted']);
  });
});

describe('criteria freeze', () => {
  it('is editable until frozen', () => {
    expect(criteriaSetEditable({ frozenAt: null })).toBe(true);
    expect(criteriaSetEditable({ frozenAt: '2026-01-01T00:00:00.000Z' })).toBe(false);
  });
  it('requires ranks inside OR-groups and only for required criteria', () => {
    expect(criteriaProblems([{ kind: 'required', groupKey: 'q', rank: null }])).toBe(
      'rank_required_in_group',
    );
    expect(criteriaProblems([{ kind: 'preferred', groupKey: 'q', rank: 1 }])).toBe(
      'group_only_for_required',
    );
    expect(
      criteriaProblems([
        { kind: 'required', groupKey: 'q', rank: 1 },
        { kind: 'required', groupKey: 'q', rank: 1 },
      ]),
    ).toBe('duplicate_rank');
    expect(
      criteriaProblems([
        { kind: 'required', groupKey: 'q', rank: 1 },
        { kind: 'required', groupKey: 'q', rank: 2 },
        { kind: 'desirable' },
      ]),
    ).toBeNull();
  });
});

describe('evaluateScreening (OR-groups)', () => {
  it('meets the group through option (a) with rank 1', () => {
    const e = evaluateScreening(MOTION, [
      { criterionId: 1, result: 'met' },
      { criterionId: 2, result: 'not_met' },
    ]);
    expect(e.groups[0]).toMatchObject({ status: 'met', metRank: 1 });
    expect(e.suggestion).toBe('meets_required');
  });
  it('meets the group through option (b) alone, ranked lower', () => {
    const e = evaluateScreening(MOTION, [
      { criterionId: 1, result: 'not_met' },
      { criterionId: 2, result: 'met' },
    ]);
    expect(e.groups[0]).toMatchObject({ status: 'met', metRank: 2 });
  });
  it('flags a candidate meeting no option for human review, never rejects', () => {
    const e = evaluateScreening(MOTION, [
      { criterionId: 1, result: 'not_met' },
      { criterionId: 2, result: 'partly' },
    ]);
    expect(e.groups[0]!.status).toBe('needs_review');
    expect(e.suggestion).toBe('needs_review');
  });
  it('is incomplete while an option is unscreened', () => {
    const e = evaluateScreening(MOTION, [{ criterionId: 1, result: 'not_met' }]);
    expect(e.suggestion).toBe('incomplete');
  });
  it('counts preferred and desirable hints', () => {
    const e = evaluateScreening(MOTION, [
      { criterionId: 3, result: 'partly' },
      { criterionId: 4, result: 'met' },
    ]);
    expect(e).toMatchObject({ preferredMet: 1, desirableMet: 1 });
  });
  it('property: a group is met exactly when one option is met; no output says "rejected"', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.constantFrom(...SCREENING_RESULTS), { nil: undefined }), {
          minLength: 4,
          maxLength: 4,
        }),
        (values) => {
          const results = values.flatMap((r, i) => (r ? [{ criterionId: i + 1, result: r }] : []));
          const e = evaluateScreening(MOTION, results);
          const anyMet = values[0] === 'met' || values[1] === 'met';
          expect(e.groups[0]!.status === 'met').toBe(anyMet);
          expect(JSON.stringify(e)).not.toMatch(/reject/);
        },
      ),
    );
  });
});

describe('advert text check', () => {
  it('warns on a missing m/w/d and risky words', () => {
    const codes = checkAdvertText(
      'Wir suchen für unser junges Team eine Fachkraft, Muttersprache Deutsch, mit Foto und Angabe der Staatsangehörigkeit.',
    ).map((w) => w.code);
    expect(codes).toEqual([
      'missing_gender_marker',
      'age_wording',
      'native_language',
      'photo_request',
      'nationality',
    ]);
  });
  it('accepts a clean advert', () => {
    expect(
      checkAdvertText(
        'Sozialarbeiter*in (m/w/d), Deutsch auf Niveau C1, Arabisch oder Dari auf Niveau B2 erwünscht.',
      ),
    ).toEqual([]);
  });
});

describe('must invite (§ 165 SGB IX)', () => {
  it('flags severely disabled applicants until invited', () => {
    const city = 'city' as const;
    expect(mustInvite({ severelyDisabled: true, status: 'received', employer: city })).toBe(true);
    expect(mustInvite({ severelyDisabled: true, status: 'screened', employer: city })).toBe(true);
    expect(mustInvite({ severelyDisabled: true, status: 'invited', employer: city })).toBe(false);
    expect(mustInvite({ severelyDisabled: false, status: 'received', employer: city })).toBe(false);
  });
  it('binds only the city as public employer; an association has its own duty', () => {
    const a = { severelyDisabled: true, status: 'received' as const };
    expect(mustInvite({ ...a, employer: 'operator' })).toBe(false);
    expect(employerOwnDuty({ ...a, employer: 'operator' })).toBe(true);
    expect(employerOwnDuty({ ...a, employer: 'city' })).toBe(false);
    // A procedure with a city post keeps the city's duty.
    expect(mustInvite({ ...a, employer: 'mixed' })).toBe(true);
  });
  it('knows one employer per procedure', () => {
    expect(procedureEmployer(['city', 'city'])).toBe('city');
    expect(procedureEmployer(['operator'])).toBe('operator');
    expect(procedureEmployer(['city', 'operator'])).toBe('mixed');
  });
  it('finds every unrated criterion of a card', () => {
    expect(unratedCriteria([1, 2, 3], [{ criterionId: 2 }])).toEqual([1, 3]);
    expect(unratedCriteria([1, 2], [{ criterionId: 2 }, { criterionId: 1 }])).toEqual([]);
  });
  it('has no automatic path to rejected from a terminal state', () => {
    for (const s of ['hired', 'rejected', 'withdrawn'] as const)
      for (const to of APPLICATION_STATUSES) expect(canTransitionApplication(s, to)).toBe(false);
  });
});

describe('scorecards', () => {
  const viewer = { userId: 1, isAdmin: false, ownSubmitted: false };
  it('hides other members’ cards until the viewer submitted their own', () => {
    const other = { memberId: 2, submittedAt: '2026-01-01T00:00:00Z' };
    expect(scorecardVisible(other, viewer)).toBe(false);
    expect(scorecardVisible(other, { ...viewer, ownSubmitted: true })).toBe(true);
    expect(scorecardVisible({ memberId: 1, submittedAt: null }, viewer)).toBe(true);
    expect(scorecardVisible({ memberId: 2, submittedAt: null }, { ...viewer, isAdmin: true })).toBe(
      false,
    );
  });
  it('accepts only integers 1–5', () => {
    expect([0, 1, 3, 5, 6, 2.5].map(scoreInRange)).toEqual([false, true, true, true, false, false]);
  });
});

describe('retention', () => {
  const base = {
    status: 'rejected' as const,
    rejectionReceivedOn: '2026-01-31',
    legalHold: false,
    talentPoolUntil: null,
    purgedAt: null,
  };
  it('adds months clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-08-15', 6)).toBe('2027-02-15');
  });
  it('is due six months after the rejection was received', () => {
    expect(purgeDueOn(base, 6)).toBe('2026-07-31');
    expect(purgeDue(base, '2026-07-30', 6)).toBe(false);
    expect(purgeDue(base, '2026-07-31', 6)).toBe(true);
  });
  it('stops the clock on a legal hold, without a received date, or while still in the procedure', () => {
    expect(purgeDue({ ...base, legalHold: true }, '2030-01-01', 6)).toBe(false);
    expect(purgeDue({ ...base, rejectionReceivedOn: null }, '2030-01-01', 6)).toBe(false);
    expect(purgeDue({ ...base, status: 'hired' }, '2030-01-01', 6)).toBe(false);
    expect(purgeDue({ ...base, purgedAt: '2026-08-01' }, '2030-01-01', 6)).toBe(false);
  });
  it('keeps talent-pool data until the renewal date', () => {
    expect(purgeDueOn({ ...base, talentPoolUntil: '2027-06-30' }, 6)).toBe('2027-06-30');
  });
});
