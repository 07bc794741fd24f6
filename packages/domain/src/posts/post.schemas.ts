import { Type, type Static } from 'typebox';
import { IdSchema, IsoDate } from '../common/pagination.ts';
import { POST_STATUSES } from './post.rules.ts';

export const ROLE_TYPES = ['centre_integration', 'coordination'] as const;
export type RoleType = (typeof ROLE_TYPES)[number];
export const EMPLOYERS = ['city', 'operator'] as const;
export type Employer = (typeof EMPLOYERS)[number];
export const FUNDING_MODES = [
  'establishment_plan',
  'grant',
  'state_funding',
  'third_party',
] as const;
export type FundingMode = (typeof FUNDING_MODES)[number];
export const SCENARIO_STATUSES = [
  'draft',
  'proposed',
  'referred',
  'adopted',
  'rejected',
  'unknown',
] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

export const PostStatusSchema = Type.Enum(POST_STATUSES);

/** A decimal as a string ("0.5", "0.250"); range and places are checked by the service. */
export const DecimalString = Type.String({
  minLength: 1,
  maxLength: 12,
  description: 'Decimal with a dot, e.g. "0.5" or "0.250"',
  examples: ['0.5'],
});
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const NullableDate = Type.Union([IsoDate, Type.Null()]);

export const AllocationSchema = Type.Object({
  centreId: Type.Integer(),
  centreCode: Type.String(),
  centreName: Type.String(),
  share: Type.String(),
});
export type Allocation = Static<typeof AllocationSchema>;

export const PostSummarySchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  roleType: Type.Enum(ROLE_TYPES),
  fte: Type.String(),
  payGroup: Type.String(),
  employer: Type.Enum(EMPLOYERS),
  operatorId: Type.Union([Type.Integer(), Type.Null()]),
  operatorName: Type.Union([Type.String(), Type.Null()]),
  fundingMode: Type.Enum(FUNDING_MODES),
  budgetYearFrom: Type.Integer(),
  budgetYearTo: Type.Union([Type.Integer(), Type.Null()]),
  fixedTermEnd: Type.Union([Type.String(), Type.Null()]),
  kw: Type.Boolean(),
  notes: Type.String(),
  status: PostStatusSchema,
  allocations: Type.Array(AllocationSchema),
});
export type PostSummary = Static<typeof PostSummarySchema>;

export const StatusChangeSchema = Type.Object({
  id: Type.Integer(),
  fromStatus: Type.Union([PostStatusSchema, Type.Null()]),
  toStatus: PostStatusSchema,
  effectiveOn: Type.String(),
  reason: Type.String(),
  actorEmail: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
});
export type StatusChange = Static<typeof StatusChangeSchema>;

export const PostSchema = Type.Object({
  ...PostSummarySchema.properties,
  history: Type.Array(StatusChangeSchema),
  allowedTransitions: Type.Array(PostStatusSchema),
});
export type Post = Static<typeof PostSchema>;

const postFields = {
  code: Type.String({
    pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{1,31}$',
    description: 'e.g. 50.1-GRO-01',
  }),
  title: Type.String({ minLength: 3, maxLength: 160 }),
  roleType: Type.Enum(ROLE_TYPES),
  fte: DecimalString,
  payGroup: Type.String({
    minLength: 2,
    maxLength: 20,
    description: 'TVöD SuE pay group, e.g. S 11b',
  }),
  employer: Type.Enum(EMPLOYERS),
  operatorId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  fundingMode: Type.Enum(FUNDING_MODES),
  budgetYearFrom: Year,
  budgetYearTo: Type.Union([Year, Type.Null()]),
  fixedTermEnd: NullableDate,
  kw: Type.Boolean(),
  notes: Type.String({ maxLength: 2000 }),
};

export const CreatePostBodySchema = Type.Object(
  {
    ...postFields,
    operatorId: Type.Optional(postFields.operatorId),
    budgetYearTo: Type.Optional(postFields.budgetYearTo),
    fixedTermEnd: Type.Optional(postFields.fixedTermEnd),
    kw: Type.Optional(postFields.kw),
    notes: Type.Optional(postFields.notes),
  },
  { additionalProperties: false },
);
export type CreatePostBody = Static<typeof CreatePostBodySchema>;

export const UpdatePostBodySchema = Type.Partial(Type.Object(postFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdatePostBody = Static<typeof UpdatePostBodySchema>;

export const StatusChangeBodySchema = Type.Object(
  {
    to: PostStatusSchema,
    effectiveOn: Type.Optional(IsoDate),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type StatusChangeBody = Static<typeof StatusChangeBodySchema>;

export const AllocationsBodySchema = Type.Object(
  {
    allocations: Type.Array(
      Type.Object(
        { centreId: Type.Integer({ minimum: 1 }), share: DecimalString },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type AllocationsBody = Static<typeof AllocationsBodySchema>;

// Assignments ----------------------------------------------------------------------------------

export const AssignmentSchema = Type.Object({
  id: Type.Integer(),
  postId: Type.Integer(),
  personName: Type.String(),
  fromDate: Type.String(),
  toDate: Type.Union([Type.String(), Type.Null()]),
  percent: Type.Integer(),
});
export type Assignment = Static<typeof AssignmentSchema>;

export const AssignmentWarningSchema = Type.Object({
  kind: Type.Enum(['over_assigned', 'gap']),
  from: Type.String(),
  to: Type.Optional(Type.String()),
  percent: Type.Optional(Type.Number()),
});

export const AssignmentListSchema = Type.Object({
  items: Type.Array(AssignmentSchema),
  warnings: Type.Array(AssignmentWarningSchema),
});
export type AssignmentList = Static<typeof AssignmentListSchema>;

export const CreateAssignmentBodySchema = Type.Object(
  {
    personName: Type.String({ minLength: 2, maxLength: 160 }),
    fromDate: IsoDate,
    toDate: Type.Optional(NullableDate),
    percent: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type CreateAssignmentBody = Static<typeof CreateAssignmentBodySchema>;

export const AssignmentParamsSchema = Type.Object({
  id: IdSchema(),
  assignmentId: IdSchema(),
});

// Scenarios ------------------------------------------------------------------------------------

export const ScenarioLineSchema = Type.Object({
  postId: Type.Integer(),
  postCode: Type.String(),
  postTitle: Type.String(),
  roleType: Type.Enum(ROLE_TYPES),
  payGroup: Type.String(),
  fte: Type.String(),
  allocations: Type.Array(AllocationSchema),
});
export type ScenarioLine = Static<typeof ScenarioLineSchema>;

export const ScenarioSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  sourceRef: Type.String(),
  description: Type.String(),
  status: Type.Enum(SCENARIO_STATUSES),
  seeded: Type.Boolean(),
  copiedFromId: Type.Union([Type.Integer(), Type.Null()]),
  createdById: Type.Union([Type.Integer(), Type.Null()]),
  totalFte: Type.String(),
  canEdit: Type.Boolean(),
  lines: Type.Array(ScenarioLineSchema),
});
export type Scenario = Static<typeof ScenarioSchema>;

const scenarioFields = {
  name: Type.String({ minLength: 2, maxLength: 160 }),
  sourceRef: Type.String({ maxLength: 200 }),
  description: Type.String({ maxLength: 2000 }),
  status: Type.Enum(SCENARIO_STATUSES),
};
export const CreateScenarioBodySchema = Type.Object(
  {
    name: scenarioFields.name,
    sourceRef: Type.Optional(scenarioFields.sourceRef),
    description: Type.Optional(scenarioFields.description),
    status: Type.Optional(scenarioFields.status),
  },
  { additionalProperties: false },
);
export type CreateScenarioBody = Static<typeof CreateScenarioBodySchema>;
export const UpdateScenarioBodySchema = Type.Partial(Type.Object(scenarioFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateScenarioBody = Static<typeof UpdateScenarioBodySchema>;

export const CopyScenarioBodySchema = Type.Object(
  { name: Type.Optional(scenarioFields.name) },
  { additionalProperties: false },
);
export type CopyScenarioBody = Static<typeof CopyScenarioBodySchema>;

export const ScenarioLinesBodySchema = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        { postId: Type.Integer({ minimum: 1 }), fte: DecimalString },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
export type ScenarioLinesBody = Static<typeof ScenarioLinesBodySchema>;

// Cost assumptions -----------------------------------------------------------------------------

export const CostAssumptionSchema = Type.Object({
  id: Type.Integer(),
  payGroup: Type.String(),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  annualCostEuros: Type.Integer(),
  overheadPercent: Type.String(),
  cityOwn: Type.Boolean(),
  note: Type.String(),
});
export type CostAssumption = Static<typeof CostAssumptionSchema>;

const costFields = {
  payGroup: postFields.payGroup,
  validFrom: IsoDate,
  validTo: NullableDate,
  annualCostEuros: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  overheadPercent: DecimalString,
  cityOwn: Type.Boolean(),
  note: Type.String({ maxLength: 1000 }),
};
export const CreateCostAssumptionBodySchema = Type.Object(
  {
    ...costFields,
    validTo: Type.Optional(costFields.validTo),
    overheadPercent: Type.Optional(costFields.overheadPercent),
    cityOwn: Type.Optional(costFields.cityOwn),
    note: Type.Optional(costFields.note),
  },
  { additionalProperties: false },
);
export type CreateCostAssumptionBody = Static<typeof CreateCostAssumptionBodySchema>;
export const UpdateCostAssumptionBodySchema = Type.Partial(Type.Object(costFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateCostAssumptionBody = Static<typeof UpdateCostAssumptionBodySchema>;

// Comparison and need ----------------------------------------------------------------------------

export const ComparisonQuerySchema = Type.Object({
  ids: Type.Optional(
    Type.String({ pattern: '^\\d+(,\\d+){0,9}$', description: 'Scenario ids, comma-separated' }),
  ),
  fromYear: Type.Optional(Year),
  toYear: Type.Optional(Year),
});
export type ComparisonQuery = Static<typeof ComparisonQuerySchema>;

export const ComparisonSchema = Type.Object({
  years: Type.Array(Type.Integer()),
  centres: Type.Array(
    Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  ),
  /** False until encounter data exists; then newcomersPerFte is filled. */
  /** True when at least one active centre has an entered need figure. */
  hasNeedData: Type.Boolean(),
  scenarios: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      sourceRef: Type.String(),
      status: Type.Enum(SCENARIO_STATUSES),
      totalFte: Type.String(),
      perCentre: Type.Array(
        Type.Object({
          centreId: Type.Integer(),
          fte: Type.String(),
          newcomersPerFte: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
      years: Type.Array(
        Type.Object({
          year: Type.Integer(),
          fte: Type.String(),
          costEuros: Type.Integer(),
          costWithOverheadEuros: Type.Integer(),
          estimate: Type.Boolean(),
          missingPayGroups: Type.Array(Type.String()),
        }),
      ),
    }),
  ),
});
export type Comparison = Static<typeof ComparisonSchema>;

/** Need per centre: catchment figures entered with source and date; null = "keine Daten". */
export const CentreNeedSchema = Type.Object({
  centreId: Type.Integer(),
  centreCode: Type.String(),
  centreName: Type.String(),
  need: Type.Union([Type.Integer(), Type.Null()]),
  source: Type.Union([Type.String(), Type.Null()]),
  asOf: Type.Union([IsoDate, Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type CentreNeed = Static<typeof CentreNeedSchema>;

export const NeedsBodySchema = Type.Object(
  {
    needs: Type.Array(
      Type.Object(
        {
          centreId: Type.Integer({ minimum: 1 }),
          /** Newcomers in the catchment; null removes the figure ("keine Daten"). */
          need: Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Null()]),
          /** Where the figure comes from, e.g. "Melderegister, Auszug Fachbereich Statistik". */
          source: Type.String({ maxLength: 200 }),
          /** The date the figure describes. */
          asOf: Type.Union([IsoDate, Type.Null()]),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type NeedsBody = Static<typeof NeedsBodySchema>;
