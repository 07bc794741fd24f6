import { Type, type Static } from 'typebox';
import { IdSchema, IsoDate } from '../common/pagination.ts';
import { FOLLOW_UP_OUTCOMES } from '../encounters/participant.schemas.ts';
import { MIXED_BUCKETS } from './reporting.rules.ts';
import { CentreNeedSchema } from '../posts/post.schemas.ts';

/**
 * A published count of people (cell key method, see cellkey.ts): the perturbed number (≥ 5, or
 * 0 for a true 0), or "suppressed" when the perturbed count lies below 5 (shown as "< 5").
 */
export const ShownCellSchema = Type.Union([
  Type.Integer({ minimum: 0 }),
  Type.Literal('suppressed'),
]);

/** A published table: every cell and total perturbed on its own (totals need not add up). */
export const SuppressedTableSchema = Type.Object({
  cells: Type.Array(Type.Array(ShownCellSchema)),
  rowTotals: Type.Array(ShownCellSchema),
  colTotals: Type.Array(ShownCellSchema),
  total: ShownCellSchema,
});

export const ReportQuerySchema = Type.Object({
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  centreId: Type.Optional(IdSchema()),
});
export type ReportQuery = Static<typeof ReportQuerySchema>;

const CentreBrief = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

/** Columns of the people tables: first contact ever in the period, or seen before. */
export const PEOPLE_COLUMNS = ['new', 'returning'] as const;

export const DashboardSchema = Type.Object({
  from: IsoDate,
  to: IsoDate,
  centreId: Type.Union([Type.Integer(), Type.Null()]),
  /** The centres in scope; rows of every per-centre table, in this order. */
  centres: Type.Array(CentreBrief),
  /** False when no encounter falls in the period: the UI shows "no data", not zeros. */
  hasData: Type.Boolean(),
  encounters: Type.Integer(),
  hours: Type.Number(),
  /** Sum of anonymous newcomer headcounts (visits by people): published like every person count. */
  anonymousNewcomers: ShownCellSchema,
  /** Encounters with at least one host-society resident present. */
  mixedEncounters: Type.Integer(),
  hostShare: Type.Union([Type.Number(), Type.Null()]),
  /** Named newcomers per centre × [new, returning]; row totals = distinct people reached. */
  people: SuppressedTableSchema,
  byActivity: Type.Array(
    Type.Object({
      key: Type.Union([Type.String(), Type.Null()]),
      name: Type.String(),
      encounters: Type.Integer(),
      hours: Type.Number(),
      mixed: Type.Integer(),
    }),
  ),
  months: Type.Array(Type.String({ description: 'YYYY-MM' })),
  byMonth: Type.Array(
    Type.Object({
      month: Type.String(),
      encounters: Type.Integer(),
      hours: Type.Number(),
      mixed: Type.Integer(),
    }),
  ),
  /** Named newcomers per month × [new, returning]; row totals = distinct people that month. */
  monthlyPeople: SuppressedTableSchema,
  perCentre: Type.Array(
    Type.Object({
      centreId: Type.Integer(),
      encounters: Type.Integer(),
      hours: Type.Number(),
      mixedEncounters: Type.Integer(),
      hostShare: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  /** Newcomers seen in the 90 days before the period's end, by mixed encounters in those days. */
  mixed: Type.Object({
    windowFrom: IsoDate,
    windowTo: IsoDate,
    buckets: Type.Array(Type.Enum(MIXED_BUCKETS)),
    table: SuppressedTableSchema,
  }),
});
export type Dashboard = Static<typeof DashboardSchema>;

export const OutOfViewQuerySchema = Type.Object({
  centreId: Type.Optional(IdSchema()),
});
export type OutOfViewQuery = Static<typeof OutOfViewQuerySchema>;

export const OutOfViewItemSchema = Type.Object({
  participantId: Type.Integer(),
  code: Type.String(),
  alias: Type.Union([Type.String(), Type.Null()]),
  centreId: Type.Integer(),
  centreCode: Type.String(),
  movedInAt: IsoDate,
  lastContactOn: Type.Union([IsoDate, Type.Null()]),
  /** Days since the last contact, or since the move when never seen after it. */
  daysSinceContact: Type.Integer(),
  /** Whether an outreach task can be created by name now; otherwise `blockedReason`. */
  canCreateTask: Type.Boolean(),
  blockedReason: Type.Union([
    Type.Literal('no_consent'),
    Type.Literal('open_task'),
    Type.Literal('not_allowed'),
    Type.Null(),
  ]),
  openTask: Type.Union([
    Type.Object({
      id: Type.Integer(),
      assigneeId: Type.Integer(),
      assigneeName: Type.String(),
      dueOn: IsoDate,
      attempts: Type.Integer(),
    }),
    Type.Null(),
  ]),
});
export type OutOfViewItem = Static<typeof OutOfViewItemSchema>;

export const OutOfViewSchema = Type.Object({
  today: IsoDate,
  movedWithinMonths: Type.Integer(),
  notSeenWeeks: Type.Integer(),
  /** Only people with valid follow-up consent today are named. */
  items: Type.Array(OutOfViewItemSchema),
  /** The others: out of view without valid consent, counted per centre (one column, < 5 hidden). */
  centres: Type.Array(CentreBrief),
  withoutConsent: SuppressedTableSchema,
});
export type OutOfView = Static<typeof OutOfViewSchema>;

/** Outcomes of closed outreach tasks, in column order. */
export const OUTREACH_OUTCOMES = FOLLOW_UP_OUTCOMES;

export const OutreachSchema = Type.Object({
  from: IsoDate,
  to: IsoDate,
  centres: Type.Array(CentreBrief),
  /** Out of view today, per centre (one column). */
  flagged: SuppressedTableSchema,
  /** Outreach tasks with at least one attempt in the period, per centre (one column). */
  contacted: SuppressedTableSchema,
  /** Tasks closed in the period per centre × outcome; row totals = closed tasks. */
  closed: SuppressedTableSchema,
  outcomes: Type.Array(Type.Enum(FOLLOW_UP_OUTCOMES)),
  /**
   * Closed as re-engaged AND seen at an encounter between the task's opening and
   * `reEngagedWithinWeeks` weeks after closing, per centre (one column).
   */
  verified: SuppressedTableSchema,
  reEngagedWithinWeeks: Type.Integer(),
  /** Verified re-engaged ÷ closed, percent per centre and overall; null when hidden or none. */
  rate: Type.Array(Type.Union([Type.Number(), Type.Null()])),
  totalRate: Type.Union([Type.Number(), Type.Null()]),
  /** The outcome staff picked ("laut Fachkraft") ÷ closed, shown beside the verified rate. */
  selfReportedRate: Type.Array(Type.Union([Type.Number(), Type.Null()])),
  totalSelfReportedRate: Type.Union([Type.Number(), Type.Null()]),
  hasData: Type.Boolean(),
});
export type Outreach = Static<typeof OutreachSchema>;

export const StaffingQuerySchema = Type.Object({
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  totalFte: Type.Optional(
    Type.String({ pattern: '^\\d{1,2}(\\.\\d{1,3})?$', description: 'FTE to split, e.g. 2.0' }),
  ),
});
export type StaffingQuery = Static<typeof StaffingQuerySchema>;

export const StaffingSchema = Type.Object({
  from: IsoDate,
  to: IsoDate,
  centres: Type.Array(CentreBrief),
  scenarios: Type.Array(
    Type.Object({ id: Type.Integer(), name: Type.String(), totalFte: Type.String() }),
  ),
  /**
   * Need per centre: newcomers in the catchment as entered with source and date (the one need
   * definition of dashboard, comparison, scenario B and report); null = "keine Daten".
   */
  needs: Type.Array(CentreNeedSchema),
  /** Distinct named participants seen in the period (one column). */
  active: SuppressedTableSchema,
  outOfView: SuppressedTableSchema,
  rows: Type.Array(
    Type.Object({
      centreId: Type.Integer(),
      encounters: Type.Integer(),
      fte: Type.Array(
        Type.Object({
          scenarioId: Type.Integer(),
          fte: Type.String(),
          encountersPerFte: Type.Union([Type.String(), Type.Null()]),
          newcomersPerFte: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
  ),
  /** The Greens' rule (need = entered catchment figures) beside the motion's equal split. */
  split: Type.Object({
    totalFte: Type.String(),
    stepFte: Type.String(),
    /** Per centre; null for a centre without need data (it takes no part in either split). */
    byNeed: Type.Union([Type.Array(Type.Union([Type.String(), Type.Null()])), Type.Null()]),
    equal: Type.Union([Type.Array(Type.Union([Type.String(), Type.Null()])), Type.Null()]),
  }),
});
export type Staffing = Static<typeof StaffingSchema>;

/** Publish a quarter's council report (all centres, or one): freezes figures, PDF and CSV. */
export const PublishReportBodySchema = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    centreId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type PublishReportBody = Static<typeof PublishReportBodySchema>;

export const PublishedReportSchema = Type.Object({
  id: Type.Integer(),
  from: IsoDate,
  to: IsoDate,
  centreId: Type.Union([Type.Integer(), Type.Null()]),
  pdfSha256: Type.String(),
  csvSha256: Type.String(),
  figuresSha256: Type.String(),
  /** The data state the figures came from: highest audit id and time at publication. */
  dataMaxAuditId: Type.Integer(),
  dataAsOf: Type.String(),
  publishedAt: Type.String(),
  publishedBy: Type.String(),
});
export type PublishedReport = Static<typeof PublishedReportSchema>;

export const PublishedReportParamsSchema = Type.Object({ id: IdSchema() });

/** Published periods that cover a centre: entries dated inside them need a correction reason. */
export const PublishedPeriodsQuerySchema = Type.Object(
  { centreId: IdSchema() },
  { additionalProperties: false },
);
export type PublishedPeriodsQuery = Static<typeof PublishedPeriodsQuerySchema>;

export const PublishedPeriodsSchema = Type.Object({
  centreId: Type.Integer(),
  periods: Type.Array(Type.Object({ from: IsoDate, to: IsoDate })),
  /** End of the latest published period covering the centre, or null. */
  publishedUntil: Type.Union([IsoDate, Type.Null()]),
});
export type PublishedPeriods = Static<typeof PublishedPeriodsSchema>;

export const CorrectionsQuerySchema = Type.Object(
  { centreId: Type.Optional(IdSchema()) },
  { additionalProperties: false },
);
export type CorrectionsQuery = Static<typeof CorrectionsQuerySchema>;

/** One entry dated inside a published period (no personal data: ids, dates, reason as typed). */
export const ReportCorrectionSchema = Type.Object({
  id: Type.Integer(),
  reportId: Type.Integer(),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  centreId: Type.Integer(),
  centreName: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.Integer(), Type.Null()]),
  datedOn: IsoDate,
  action: Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('void')]),
  reason: Type.String(),
  at: Type.String(),
  by: Type.Union([Type.String(), Type.Null()]),
});
export type ReportCorrection = Static<typeof ReportCorrectionSchema>;

/** Corrections counted per centre and published period: what the next report prints. */
export const CorrectionCountSchema = Type.Object({
  periodFrom: IsoDate,
  periodTo: IsoDate,
  centreId: Type.Integer(),
  centreName: Type.String(),
  count: Type.Integer(),
});
export type CorrectionCount = Static<typeof CorrectionCountSchema>;

export const CorrectionsSchema = Type.Object({
  items: Type.Array(ReportCorrectionSchema),
  counts: Type.Array(CorrectionCountSchema),
});
export type Corrections = Static<typeof CorrectionsSchema>;
