import { addMonths } from '../encounters/encounter.rules.ts';
import type { PostStatus } from '../posts/post.rules.ts';

/**
 * Hiring rules shared by API and web: status pipelines, the criteria freeze, OR-group
 * screening evaluation, advert text checks, scorecard visibility and the purge clock.
 * The software suggests; a person decides (Art. 22 GDPR): nothing here ever "rejects".
 */

export const VACANCY_STATUSES = ['draft', 'published', 'closed', 'decided', 'aborted'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];

const VACANCY_TRANSITIONS: Record<VacancyStatus, readonly VacancyStatus[]> = {
  draft: ['published', 'aborted'],
  published: ['closed', 'aborted'],
  closed: ['decided', 'aborted'],
  decided: [],
  aborted: [],
};

/** Moves an admin may make with the status route (`decided` only through the selection). */
export const vacancyTransitions = (from: VacancyStatus): VacancyStatus[] =>
  [...VACANCY_TRANSITIONS[from]].filter((s) => s !== 'decided');
export const canTransitionVacancy = (from: VacancyStatus, to: VacancyStatus) =>
  VACANCY_TRANSITIONS[from].includes(to);

export const APPLICATION_STATUSES = [
  'received',
  'screened',
  'invited',
  'interviewed',
  'offered',
  'hired',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

const APPLICATION_TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  received: ['screened', 'rejected', 'withdrawn'],
  screened: ['invited', 'rejected', 'withdrawn'],
  invited: ['interviewed', 'rejected', 'withdrawn'],
  interviewed: ['offered', 'rejected', 'withdrawn'],
  offered: ['hired', 'rejected', 'withdrawn'],
  hired: [],
  rejected: [],
  withdrawn: [],
};
export const applicationTransitions = (from: ApplicationStatus) => [
  ...APPLICATION_TRANSITIONS[from],
];
export const canTransitionApplication = (from: ApplicationStatus, to: ApplicationStatus) =>
  APPLICATION_TRANSITIONS[from].includes(to);

/** Statuses from which a candidate counts as invited to interview (scorecards allowed). */
export const INVITED_STATUSES: readonly ApplicationStatus[] = [
  'invited',
  'interviewed',
  'offered',
  'hired',
];

export type HiringEmployer = 'city' | 'operator';

/**
 * § 165 SGB IX binds public employers: when the city employs, a severely disabled (or
 * equated) applicant must be invited unless obviously unsuitable. The flag stays visible until
 * the candidate has been invited. For a post employed by an association the duty is not the
 * city's (see `employerOwnDuty`).
 */
export const mustInvite = (a: {
  severelyDisabled: boolean;
  status: ApplicationStatus;
  employer: HiringEmployer | 'mixed';
}) =>
  a.employer !== 'operator' &&
  a.severelyDisabled &&
  (a.status === 'received' || a.status === 'screened');

/** A severely disabled applicant for an association's post: the employer's own duties apply. */
export const employerOwnDuty = (a: {
  severelyDisabled: boolean;
  employer: HiringEmployer | 'mixed';
}) => a.employer === 'operator' && a.severelyDisabled;

/** Rejecting a must-invite candidate before the interview needs a documented reason. */
export const rejectionNeedsUnsuitabilityReason = mustInvite;

/** Only posts in the budget or approved (or already advertised) may be advertised. */
export const ADVERTISABLE_POST_STATUSES: readonly PostStatus[] = ['budgeted', 'approved', 'open'];

/**
 * The employer of a procedure: all its posts must share one. The city's bodies (Personalrat
 * under NPersVG, Gleichstellungsbeauftragte, Schwerbehindertenvertretung) take part only when
 * the city employs; otherwise the association's own bodies and duties apply.
 */
export function procedureEmployer(employers: readonly HiringEmployer[]): HiringEmployer | 'mixed' {
  const set = new Set(employers);
  if (set.size > 1) return 'mixed';
  return set.has('operator') ? 'operator' : 'city';
}

// ── Criteria ──

export const CRITERION_KINDS = ['required', 'preferred', 'desirable'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];
export const EVIDENCE_TYPES = [
  'certificate',
  'employment_record',
  'cv',
  'language_certificate',
  'interview',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** A criteria set is frozen once its vacancy was published; changes need a new version. */
export const criteriaSetEditable = (set: { frozenAt: string | null }) => set.frozenAt === null;

export const SCREENING_RESULTS = ['met', 'partly', 'not_met', 'unclear'] as const;
export type ScreeningValue = (typeof SCREENING_RESULTS)[number];

export interface CriterionRef {
  id: number;
  kind: CriterionKind;
  groupKey: string | null;
  rank: number | null;
}
export interface ScreeningEntry {
  criterionId: number;
  result: ScreeningValue;
}

export type GroupStatus = 'met' | 'needs_review' | 'not_screened';
export interface GroupEvaluation {
  groupKey: string;
  status: GroupStatus;
  /** Rank of the best option met (1 is best), null when none is met. */
  metRank: number | null;
  criterionIds: number[];
}
export type ScreeningSuggestion = 'meets_required' | 'needs_review' | 'incomplete';
export interface ScreeningEvaluation {
  groups: GroupEvaluation[];
  suggestion: ScreeningSuggestion;
  /** Preferred and desirable criteria met or partly met (a hint, never a decision). */
  preferredMet: number;
  desirableMet: number;
}

/**
 * Evaluates the required groups: a group is met when any of its OR-options is met; a group
 * with no option met is flagged for human review, never rejected. A required criterion
 * without a group is a group of one.
 */
export function evaluateScreening(
  criteria: readonly CriterionRef[],
  results: readonly ScreeningEntry[],
): ScreeningEvaluation {
  const byId = new Map(results.map((r) => [r.criterionId, r.result]));
  const groups = new Map<string, CriterionRef[]>();
  for (const c of criteria) {
    if (c.kind !== 'required') continue;
    const key = c.groupKey ?? `#${c.id}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const evaluated: GroupEvaluation[] = [...groups].map(([groupKey, options]) => {
    const met = options.filter((o) => byId.get(o.id) === 'met');
    const screened = options.filter((o) => byId.has(o.id));
    const ranks = met.map((o) => o.rank ?? 1);
    let status: GroupStatus;
    if (met.length > 0) status = 'met';
    else if (screened.length < options.length) status = 'not_screened';
    else status = 'needs_review';
    return {
      groupKey,
      status,
      metRank: ranks.length ? Math.min(...ranks) : null,
      criterionIds: options.map((o) => o.id),
    };
  });
  const count = (kind: CriterionKind) =>
    criteria.filter(
      (c) => c.kind === kind && (byId.get(c.id) === 'met' || byId.get(c.id) === 'partly'),
    ).length;
  const suggestion: ScreeningSuggestion = evaluated.some((g) => g.status === 'needs_review')
    ? 'needs_review'
    : evaluated.some((g) => g.status === 'not_screened')
      ? 'incomplete'
      : 'meets_required';
  return {
    groups: evaluated,
    suggestion,
    preferredMet: count('preferred'),
    desirableMet: count('desirable'),
  };
}

/** Criteria input problems: OR-groups need ranks, unique within the group. */
export function criteriaProblems(
  criteria: readonly { kind: CriterionKind; groupKey?: string | null; rank?: number | null }[],
): string | null {
  const seen = new Map<string, Set<number>>();
  for (const c of criteria) {
    if (!c.groupKey) continue;
    if (c.kind !== 'required') return 'group_only_for_required';
    if (c.rank == null) return 'rank_required_in_group';
    const ranks = seen.get(c.groupKey) ?? new Set<number>();
    if (ranks.has(c.rank)) return 'duplicate_rank';
    ranks.add(c.rank);
    seen.set(c.groupKey, ranks);
  }
  return null;
}

// ── Advert text ──

export const ADVERT_WARNINGS = [
  'missing_gender_marker',
  'age_wording',
  'native_language',
  'photo_request',
  'nationality',
] as const;
export type AdvertWarningCode = (typeof ADVERT_WARNINGS)[number];
export interface AdvertWarning {
  code: AdvertWarningCode;
  /** The text that triggered the warning (empty for something missing). */
  match: string;
}

const ADVERT_PATTERNS: [AdvertWarningCode, RegExp][] = [
  [
    'age_wording',
    /\b(jung(e[nmrs]?)?|junges|jüngere[nmrs]?|dynamisch(e[nmrs]?)?|berufseinsteiger(in)?|max(imal)?\.? \d{2} jahre|zwischen \d{2} und \d{2} jahren|digital natives?|young|under \d{2})\b/giu,
  ],
  [
    'native_language',
    /\b(muttersprach(e|ler(in)?|lich(e[nmrs]?)?)( deutsch)?|deutsch als muttersprache|native (german )?speaker|mother tongue)\b/giu,
  ],
  ['photo_request', /\b(lichtbild|bewerbungsfoto|foto|photo(graph)?)\b/giu],
  [
    'nationality',
    /\b(staatsangehörigkeit|staatsbürgerschaft|nationalität|nationality|citizenship|deutsche[nr]? (staatsbürger(in)?|herkunft))\b/giu,
  ],
];

/** Warnings for discriminatory or risky advert wording (§ 11 AGG); the admin decides. */
export function checkAdvertText(text: string): AdvertWarning[] {
  const out: AdvertWarning[] = [];
  if (!/\(\s*m\s*\/\s*w\s*\/\s*d\s*\)|\bm\/w\/d\b|\bw\/m\/d\b|\(all genders\)/iu.test(text)) {
    out.push({ code: 'missing_gender_marker', match: '' });
  }
  for (const [code, re] of ADVERT_PATTERNS) {
    const seen = new Set<string>();
    for (const m of text.matchAll(re)) {
      const word = m[0];
      if (seen.has(word.toLowerCase())) continue;
      seen.add(word.toLowerCase());
      out.push({ code, match: word });
    }
  }
  return out;
}

// ── Scorecards ──

export const SCORECARD_STAGES = ['first_interview', 'second_interview'] as const;
export type ScorecardStage = (typeof SCORECARD_STAGES)[number];
export const RECOMMENDATIONS = ['strong_yes', 'yes', 'no', 'strong_no'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
export const scoreInRange = (n: number) => Number.isInteger(n) && n >= SCORE_MIN && n <= SCORE_MAX;

/**
 * Independent scoring: one's own card is always visible; another member's card only once it
 * is submitted and the viewer has submitted their own card for the same candidate and stage.
 * HR (admin) sees submitted cards; nobody sees another member's draft.
 */
export function scorecardVisible(
  card: { memberId: number; submittedAt: string | null },
  viewer: { userId: number; isAdmin: boolean; ownSubmitted: boolean },
): boolean {
  if (card.memberId === viewer.userId) return true;
  if (card.submittedAt === null) return false;
  return viewer.isAdmin || viewer.ownSubmitted;
}

/** Criteria of the set a card leaves unrated (a card is complete only with every one rated). */
export function unratedCriteria(
  criterionIds: readonly number[],
  ratings: readonly { criterionId: number }[],
): number[] {
  const rated = new Set(ratings.map((r) => r.criterionId));
  return criterionIds.filter((id) => !rated.has(id));
}

// ── Oversight and retention ──

export const PARTICIPATION_BODIES = [
  'staff_council',
  'equality_officer',
  'disability_representative',
] as const;
export type ParticipationBody = (typeof PARTICIPATION_BODIES)[number];
export const PARTICIPATION_RESPONSES = [
  'pending',
  'consent',
  'no_objection',
  'objection',
  'comments',
] as const;
export type ParticipationResponse = (typeof PARTICIPATION_RESPONSES)[number];

export interface RetentionState {
  status: ApplicationStatus;
  rejectionReceivedOn: string | null;
  legalHold: boolean;
  talentPoolUntil: string | null;
  purgedAt: string | null;
}

/** The day the applicant's data becomes due for purging, or null when no clock runs. */
export function purgeDueOn(a: RetentionState, retentionMonths: number): string | null {
  if (a.purgedAt || a.legalHold || !a.rejectionReceivedOn) return null;
  if (a.status !== 'rejected' && a.status !== 'withdrawn') return null;
  const due = addMonths(a.rejectionReceivedOn, retentionMonths);
  // Talent-pool consent keeps the data until its renewal date.
  if (a.talentPoolUntil && a.talentPoolUntil > due) return a.talentPoolUntil;
  return due;
}

export function purgeDue(a: RetentionState, today: string, retentionMonths: number) {
  const due = purgeDueOn(a, retentionMonths);
  return due !== null && due <= today;
}
