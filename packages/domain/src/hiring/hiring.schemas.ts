import { Type, type Static } from 'typebox';
import { IdSchema, IsoDate } from '../common/pagination.ts';
import {
  ADVERT_WARNINGS,
  APPLICATION_STATUSES,
  CRITERION_KINDS,
  EVIDENCE_TYPES,
  PARTICIPATION_BODIES,
  PARTICIPATION_RESPONSES,
  RECOMMENDATIONS,
  SCORECARD_STAGES,
  SCREENING_RESULTS,
  VACANCY_STATUSES,
} from './hiring.rules.ts';
import { PROTECTED_GROUNDS } from './protected-criteria.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) =>
  Type.Union([s, Type.Null()]);
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Reason = Type.String({ minLength: 3, maxLength: 2000 });

export const VacancyStatusSchema = Type.Enum(VACANCY_STATUSES);
export const ApplicationStatusSchema = Type.Enum(APPLICATION_STATUSES);
/** How someone sits on a vacancy's procedure: scoring panel member or oversight body. */
export const PANEL_MEMBER_KINDS = ['panel', 'oversight'] as const;

export const VACANCY_CHANNELS = [
  'interamt',
  'city_website',
  'employment_agency',
  'internal',
] as const;
export type VacancyChannel = (typeof VACANCY_CHANNELS)[number];

export const HiringParamsSchema = Type.Object({
  id: IdSchema(),
  docId: IdSchema(),
});

// ── Criteria ──

export const CriterionInputSchema = Type.Object(
  {
    kind: Type.Enum(CRITERION_KINDS),
    label: Text(300, 3),
    evidenceType: Type.Enum(EVIDENCE_TYPES),
    weight: Type.Integer({ minimum: 0, maximum: 10 }),
    scale: Text(120, 1),
    groupKey: Type.Optional(Nullable(Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }))),
    rank: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 9 }))),
    notes: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);
export type CriterionInput = Static<typeof CriterionInputSchema>;

export const CriterionSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(CRITERION_KINDS),
  label: Type.String(),
  evidenceType: Type.Enum(EVIDENCE_TYPES),
  weight: Type.Integer(),
  scale: Type.String(),
  groupKey: Nullable(Type.String()),
  rank: Nullable(Type.Integer()),
  notes: Type.String(),
});
export type Criterion = Static<typeof CriterionSchema>;

export const CriteriaSetSchema = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  reason: Type.String(),
  frozenAt: Nullable(Type.String()),
  createdAt: Type.String(),
  criteria: Type.Array(CriterionSchema),
});
export type CriteriaSet = Static<typeof CriteriaSetSchema>;

export const CriteriaBodySchema = Type.Object(
  { criteria: Type.Array(CriterionInputSchema, { minItems: 1, maxItems: 40 }) },
  { additionalProperties: false },
);
export type CriteriaBody = Static<typeof CriteriaBodySchema>;
export const NewCriteriaVersionBodySchema = Type.Object(
  {
    reason: Reason,
    criteria: Type.Array(CriterionInputSchema, { minItems: 1, maxItems: 40 }),
  },
  { additionalProperties: false },
);
export type NewCriteriaVersionBody = Static<typeof NewCriteriaVersionBodySchema>;

// ── Vacancy ──

export const AdvertWarningSchema = Type.Object({
  code: Type.Enum(ADVERT_WARNINGS),
  match: Type.String(),
});

export const VacancyMemberSchema = Type.Object({
  userId: Type.Integer(),
  displayName: Type.String(),
  kind: Type.Enum(PANEL_MEMBER_KINDS),
  body: Nullable(Type.Enum(PARTICIPATION_BODIES)),
});
export type VacancyMember = Static<typeof VacancyMemberSchema>;

export const ParticipationSchema = Type.Object({
  id: Type.Integer(),
  body: Type.Enum(PARTICIPATION_BODIES),
  requestedOn: Type.String(),
  response: Type.Enum(PARTICIPATION_RESPONSES),
  respondedOn: Nullable(Type.String()),
  notes: Type.String(),
  recordedByName: Nullable(Type.String()),
});
export type Participation = Static<typeof ParticipationSchema>;

export const PanelCompletionSchema = Type.Object({
  userId: Type.Integer(),
  displayName: Type.String(),
  expected: Type.Integer(),
  submitted: Type.Integer(),
});

export const VacancySummarySchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  status: VacancyStatusSchema,
  channel: Type.Enum(VACANCY_CHANNELS),
  internalOnly: Type.Boolean(),
  publishedOn: Nullable(Type.String()),
  deadline: Type.String(),
  criteriaVersion: Type.Integer(),
  applicationCount: Type.Integer(),
  postCodes: Type.Array(Type.String()),
});
export type VacancySummary = Static<typeof VacancySummarySchema>;

export const VacancySchema = Type.Object({
  ...VacancySummarySchema.properties,
  advertText: Type.String(),
  encouragementLine: Type.Boolean(),
  abortReason: Nullable(Type.String()),
  postIds: Type.Array(Type.Integer()),
  criteriaSet: CriteriaSetSchema,
  versions: Type.Array(
    Type.Object({
      id: Type.Integer(),
      version: Type.Integer(),
      reason: Type.String(),
      frozenAt: Nullable(Type.String()),
    }),
  ),
  advertWarnings: Type.Array(AdvertWarningSchema),
  members: Type.Array(VacancyMemberSchema),
  participations: Type.Array(ParticipationSchema),
  completion: Type.Array(PanelCompletionSchema),
  allowedTransitions: Type.Array(VacancyStatusSchema),
  /** The posts' employer: the city's bodies and § 165 SGB IX apply only for `city`. */
  employer: Type.Enum(['city', 'operator', 'mixed']),
  /** Criteria that name a protected characteristic (refused on save; listed for old data). */
  protectedCriteria: Type.Array(
    Type.Object({
      criterionId: Type.Integer(),
      ground: Type.Enum(PROTECTED_GROUNDS),
      match: Type.String(),
    }),
  ),
});
export type Vacancy = Static<typeof VacancySchema>;

const vacancyFields = {
  title: Text(200, 3),
  advertText: Text(20000, 10),
  channel: Type.Enum(VACANCY_CHANNELS),
  internalOnly: Type.Boolean(),
  deadline: IsoDate,
  encouragementLine: Type.Boolean(),
  postIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 10 }),
};
export const CreateVacancyBodySchema = Type.Object(
  {
    ...vacancyFields,
    internalOnly: Type.Optional(vacancyFields.internalOnly),
    encouragementLine: Type.Optional(vacancyFields.encouragementLine),
    criteria: Type.Array(CriterionInputSchema, { minItems: 1, maxItems: 40 }),
  },
  { additionalProperties: false },
);
export type CreateVacancyBody = Static<typeof CreateVacancyBodySchema>;
export const UpdateVacancyBodySchema = Type.Partial(Type.Object(vacancyFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateVacancyBody = Static<typeof UpdateVacancyBodySchema>;

export const VacancyStatusBodySchema = Type.Object(
  { to: VacancyStatusSchema, reason: Type.Optional(Text(2000)) },
  { additionalProperties: false },
);
export type VacancyStatusBody = Static<typeof VacancyStatusBodySchema>;

export const MembersBodySchema = Type.Object(
  {
    panel: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 12 }),
    oversight: Type.Array(
      Type.Object(
        { userId: Type.Integer({ minimum: 1 }), body: Type.Enum(PARTICIPATION_BODIES) },
        { additionalProperties: false },
      ),
      { maxItems: 6 },
    ),
  },
  { additionalProperties: false },
);
export type MembersBody = Static<typeof MembersBodySchema>;

export const CandidateUserSchema = Type.Object({
  id: Type.Integer(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
});
export type CandidateUser = Static<typeof CandidateUserSchema>;

export const CreateParticipationBodySchema = Type.Object(
  {
    body: Type.Enum(PARTICIPATION_BODIES),
    requestedOn: IsoDate,
    response: Type.Enum(PARTICIPATION_RESPONSES),
    respondedOn: Type.Optional(Nullable(IsoDate)),
    notes: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type CreateParticipationBody = Static<typeof CreateParticipationBodySchema>;

// ── Applications ──

export const ScreeningGroupSchema = Type.Object({
  groupKey: Type.String(),
  status: Type.Enum(['met', 'needs_review', 'not_screened']),
  metRank: Nullable(Type.Integer()),
  criterionIds: Type.Array(Type.Integer()),
});
export const ScreeningEvaluationSchema = Type.Object({
  groups: Type.Array(ScreeningGroupSchema),
  suggestion: Type.Enum(['meets_required', 'needs_review', 'incomplete']),
  preferredMet: Type.Integer(),
  desirableMet: Type.Integer(),
});

export const ApplicationSummarySchema = Type.Object({
  id: Type.Integer(),
  vacancyId: Type.Integer(),
  displayName: Type.String(),
  status: ApplicationStatusSchema,
  receivedOn: Type.String(),
  severelyDisabled: Type.Boolean(),
  mustInvite: Type.Boolean(),
  /** Severely disabled applicant for an association's post: the employer's own duty. */
  employerOwnDuty: Type.Boolean(),
  suggestion: Type.Enum(['meets_required', 'needs_review', 'incomplete']),
  scorecardsSubmitted: Type.Integer(),
  /** Cards (any revision) submitted after their author had seen colleagues' cards. */
  lateScorecards: Type.Integer(),
  purged: Type.Boolean(),
});
export type ApplicationSummary = Static<typeof ApplicationSummarySchema>;

export const ScreeningResultSchema = Type.Object({
  criterionId: Type.Integer(),
  result: Type.Enum(SCREENING_RESULTS),
  note: Type.String(),
  assessedByName: Nullable(Type.String()),
  assessedAt: Type.String(),
});

export const DocumentSchema = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  size: Type.Integer(),
  uploadedAt: Type.String(),
});

export const ApplicationSchema = Type.Object({
  ...ApplicationSummarySchema.properties,
  firstName: Type.String(),
  lastName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  statusReason: Nullable(Type.String()),
  documents: Type.Array(DocumentSchema),
  screening: Type.Array(ScreeningResultSchema),
  evaluation: ScreeningEvaluationSchema,
  allowedTransitions: Type.Array(ApplicationStatusSchema),
  rejectionSentOn: Nullable(Type.String()),
  rejectionReceivedOn: Nullable(Type.String()),
  legalHold: Type.Boolean(),
  legalHoldReason: Nullable(Type.String()),
  talentPoolUntil: Nullable(Type.String()),
  purgeDueOn: Nullable(Type.String()),
  /** Only whether one exists, for admins; the value needs an explicit, audited read. */
  hasSelfDisclosure: Type.Optional(Type.Boolean()),
});
export type Application = Static<typeof ApplicationSchema>;

export const CreateApplicationBodySchema = Type.Object(
  {
    firstName: Text(100, 1),
    lastName: Text(100, 1),
    email: Type.String({ format: 'email', maxLength: 200 }),
    phone: Type.Optional(Text(40)),
    receivedOn: IsoDate,
    severelyDisabled: Type.Boolean({
      description: 'Severely disabled or equated (§ 2 SGB IX), as stated by the applicant',
    }),
  },
  { additionalProperties: false },
);
export type CreateApplicationBody = Static<typeof CreateApplicationBodySchema>;

export const ApplicationStatusBodySchema = Type.Object(
  {
    to: ApplicationStatusSchema,
    reason: Type.Optional(Text(2000)),
    obviouslyUnsuitable: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ApplicationStatusBody = Static<typeof ApplicationStatusBodySchema>;

export const ScreeningBodySchema = Type.Object(
  {
    results: Type.Array(
      Type.Object(
        {
          criterionId: Type.Integer({ minimum: 1 }),
          result: Type.Enum(SCREENING_RESULTS),
          note: Text(2000),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 40 },
    ),
  },
  { additionalProperties: false },
);
export type ScreeningBody = Static<typeof ScreeningBodySchema>;

export const RetentionBodySchema = Type.Object(
  {
    rejectionSentOn: Type.Optional(Nullable(IsoDate)),
    rejectionReceivedOn: Type.Optional(Nullable(IsoDate)),
    legalHold: Type.Optional(Type.Boolean()),
    legalHoldReason: Type.Optional(Nullable(Text(2000))),
    talentPoolUntil: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type RetentionBody = Static<typeof RetentionBodySchema>;

export const SELF_DISCLOSURE_VALUES = ['yes', 'no', 'prefer_not_to_say'] as const;
export const SelfDisclosureBodySchema = Type.Object(
  {
    consent: Type.Literal(true, {
      description: 'The applicant’s separate, explicit consent (Art. 9 (2) a GDPR)',
    }),
    consentTextVersion: Text(40, 1),
    migrationBackground: Type.Enum(SELF_DISCLOSURE_VALUES),
  },
  { additionalProperties: false },
);
export type SelfDisclosureBody = Static<typeof SelfDisclosureBodySchema>;
export const ReasonBodySchema = Type.Object({ reason: Reason }, { additionalProperties: false });
export type ReasonBody = Static<typeof ReasonBodySchema>;
export const SelfDisclosureSchema = Type.Object({
  applicationId: Type.Integer(),
  migrationBackground: Nullable(Type.Enum(SELF_DISCLOSURE_VALUES)),
  consentGivenAt: Nullable(Type.String()),
  consentTextVersion: Nullable(Type.String()),
});
export type SelfDisclosure = Static<typeof SelfDisclosureSchema>;

export const PurgeBodySchema = Type.Object(
  { dryRun: Type.Boolean() },
  { additionalProperties: false },
);
export const PurgeResultSchema = Type.Object({
  dryRun: Type.Boolean(),
  today: Type.String(),
  retentionMonths: Type.Integer(),
  applicationIds: Type.Array(Type.Integer()),
});
export type PurgeResult = Static<typeof PurgeResultSchema>;

// ── Scorecards ──

export const ScorecardSchema = Type.Object({
  id: Type.Integer(),
  applicationId: Type.Integer(),
  memberId: Type.Integer(),
  memberName: Type.String(),
  stage: Type.Enum(SCORECARD_STAGES),
  revision: Type.Integer(),
  ratings: Type.Array(Type.Object({ criterionId: Type.Integer(), score: Type.Integer() })),
  recommendation: Nullable(Type.Enum(RECOMMENDATIONS)),
  notes: Type.String(),
  submittedAt: Nullable(Type.String()),
  correctionReason: Nullable(Type.String()),
  current: Type.Boolean(),
  /** When the author had already seen another member's card before this one was submitted. */
  seenOthersAt: Nullable(Type.String()),
});
export type Scorecard = Static<typeof ScorecardSchema>;

export const ScorecardListSchema = Type.Object({
  cards: Type.Array(ScorecardSchema),
  /** Submitted cards of other members not shown until the viewer submitted their own. */
  hiddenCount: Type.Integer(),
});
export type ScorecardList = Static<typeof ScorecardListSchema>;

const ratingsField = Type.Array(
  Type.Object(
    {
      criterionId: Type.Integer({ minimum: 1 }),
      score: Type.Integer({ description: 'Anchored scale 1 (does not meet) to 5 (far exceeds)' }),
    },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: 40 },
);
export const ScorecardBodySchema = Type.Object(
  {
    applicationId: Type.Integer({ minimum: 1 }),
    stage: Type.Enum(SCORECARD_STAGES),
    ratings: ratingsField,
    recommendation: Nullable(Type.Enum(RECOMMENDATIONS)),
    notes: Text(4000),
    submit: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ScorecardBody = Static<typeof ScorecardBodySchema>;
export const ScorecardRevisionBodySchema = Type.Object(
  {
    reason: Reason,
    ratings: ratingsField,
    recommendation: Type.Enum(RECOMMENDATIONS),
    notes: Text(4000),
  },
  { additionalProperties: false },
);
export type ScorecardRevisionBody = Static<typeof ScorecardRevisionBodySchema>;

// ── Candidate × criterion matrix ──

export const ScoreMatrixQuerySchema = Type.Object(
  { stage: Type.Optional(Type.Enum(SCORECARD_STAGES)) },
  { additionalProperties: false },
);
export type ScoreMatrixQuery = Static<typeof ScoreMatrixQuerySchema>;

export const ScoreMatrixRowSchema = Type.Object({
  applicationId: Type.Integer(),
  displayName: Type.String(),
  status: ApplicationStatusSchema,
  /** False for a panel member who has not yet submitted their own card for this candidate. */
  visible: Type.Boolean(),
  /** Submitted, current cards for this candidate and stage. */
  cardCount: Type.Integer(),
  ownSubmitted: Type.Boolean(),
  /** Empty when not visible. */
  cells: Type.Array(
    Type.Object({
      criterionId: Type.Integer(),
      mean: Nullable(Type.Number()),
      count: Type.Integer(),
    }),
  ),
  /** Σ weight × mean; null when not visible or a weighted criterion has no score yet. */
  weightedTotal: Nullable(Type.Number()),
  /** Cards submitted or revised after their author had seen colleagues' cards (0 when hidden). */
  lateCards: Type.Integer(),
});
export const ScoreMatrixSchema = Type.Object({
  vacancyId: Type.Integer(),
  stage: Type.Enum(SCORECARD_STAGES),
  criteriaVersion: Type.Integer(),
  criteria: Type.Array(
    Type.Object({
      id: Type.Integer(),
      label: Type.String(),
      kind: Type.Enum(CRITERION_KINDS),
      weight: Type.Integer(),
    }),
  ),
  maxTotal: Type.Number(),
  rows: Type.Array(ScoreMatrixRowSchema),
});
export type ScoreMatrix = Static<typeof ScoreMatrixSchema>;

// ── Selection record ──

export const DecisionBodySchema = Type.Object(
  {
    ranking: Type.Array(
      Type.Object(
        {
          applicationId: Type.Integer({ minimum: 1 }),
          rank: Nullable(Type.Integer({ minimum: 1, maximum: 500 })),
          reason: Text(4000),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type DecisionBody = Static<typeof DecisionBodySchema>;

export const SelectionCandidateSchema = Type.Object({
  applicationId: Type.Integer(),
  displayName: Type.String(),
  status: ApplicationStatusSchema,
  severelyDisabled: Type.Boolean(),
  screening: Type.Array(
    Type.Object({ criterionId: Type.Integer(), result: Type.String(), note: Type.String() }),
  ),
  suggestion: Type.String(),
  scorecardCount: Type.Integer(),
  averageScore: Nullable(Type.Number()),
  recommendations: Type.Array(Type.String()),
  rank: Nullable(Type.Integer()),
  reason: Nullable(Type.String()),
  /** Cards submitted or revised after their author had seen colleagues' cards. */
  lateCards: Type.Array(
    Type.Object({
      memberName: Type.String(),
      revision: Type.Integer(),
      seenOthersAt: Type.String(),
    }),
  ),
});
export const SelectionRecordSchema = Type.Object({
  vacancyId: Type.Integer(),
  title: Type.String(),
  status: VacancyStatusSchema,
  publishedOn: Nullable(Type.String()),
  deadline: Type.String(),
  postCodes: Type.Array(Type.String()),
  criteriaSet: CriteriaSetSchema,
  candidates: Type.Array(SelectionCandidateSchema),
  participations: Type.Array(ParticipationSchema),
  decidedAt: Nullable(Type.String()),
  decidedByName: Nullable(Type.String()),
  generatedAt: Type.String(),
  employer: Type.Enum(['city', 'operator', 'mixed']),
});
export type SelectionRecord = Static<typeof SelectionRecordSchema>;
