import { EMPLOYERS, FUNDING_MODES, ROLE_TYPES, SCENARIO_STATUSES } from '@begegnung/domain';
import {
  pgTable,
  integer,
  text,
  index,
  primaryKey,
  uniqueIndex,
  boolean,
} from 'drizzle-orm/pg-core';
import { centres } from './centres.ts';
import { operators } from './operators.ts';
import { users } from './users.ts';
import { isoNow, timestamps } from './columns.ts';

const POST_STATUS = [
  'proposed',
  'budgeted',
  'approved',
  'open',
  'filled',
  'frozen',
  'abolished',
] as const;

/** A post (Stelle), separate from whoever fills it. FTE in thousandths (500 = 0.5). */
export const posts = pgTable('posts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  roleType: text('role_type', { enum: ROLE_TYPES }).notNull(),
  fteMilli: integer('fte_milli').notNull(),
  payGroup: text('pay_group').notNull(),
  employer: text('employer', { enum: EMPLOYERS }).notNull(),
  operatorId: integer('operator_id').references(() => operators.id, { onDelete: 'restrict' }),
  fundingMode: text('funding_mode', {
    enum: FUNDING_MODES,
  }).notNull(),
  budgetYearFrom: integer('budget_year_from').notNull(),
  budgetYearTo: integer('budget_year_to'),
  fixedTermEnd: text('fixed_term_end'),
  kw: boolean('kw').notNull().default(false),
  notes: text('notes').notNull().default(''),
  status: text('status', { enum: POST_STATUS }).notNull().default('proposed'),
  ...timestamps,
});

export const postStatusChanges = pgTable(
  'post_status_changes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: POST_STATUS }),
    toStatus: text('to_status', { enum: POST_STATUS }).notNull(),
    effectiveOn: text('effective_on').notNull(),
    reason: text('reason').notNull(),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email'),
    at: text('at').notNull().default(isoNow),
  },
  (t) => [index('post_status_changes_post_idx').on(t.postId)],
);

/** Shares in thousandths; the service keeps their sum at exactly 1000 per post. */
export const postAllocations = pgTable(
  'post_allocations',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'restrict' }),
    shareMilli: integer('share_milli').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.centreId] }),
    index('post_allocations_centre_idx').on(t.centreId),
  ],
);

/** A named staff member filling a post for a period (personal data: reads are audited). */
export const postAssignments = pgTable(
  'post_assignments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    personName: text('person_name').notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    percent: integer('percent').notNull(),
    ...timestamps,
  },
  (t) => [index('post_assignments_post_idx').on(t.postId)],
);

export const scenarios = pgTable('scenarios', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull().unique(),
  sourceRef: text('source_ref').notNull().default(''),
  description: text('description').notNull().default(''),
  status: text('status', {
    enum: SCENARIO_STATUSES,
  })
    .notNull()
    .default('draft'),
  /** Seeded from the council record: never claimed as adopted. */
  seeded: boolean('seeded').notNull().default(false),
  copiedFromId: integer('copied_from_id'),
  createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
  ...timestamps,
});

/** A post with its FTE in this scenario: a what-if changes these lines, never the post. */
export const scenarioLines = pgTable(
  'scenario_lines',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    scenarioId: integer('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'restrict' }),
    fteMilli: integer('fte_milli').notNull(),
  },
  (t) => [uniqueIndex('scenario_lines_unique').on(t.scenarioId, t.postId)],
);

export const costAssumptions = pgTable(
  'cost_assumptions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    payGroup: text('pay_group').notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    annualCostEuros: integer('annual_cost_euros').notNull(),
    /** Basis points: 2000 = 20 %. */
    overheadBp: integer('overhead_bp').notNull().default(2000),
    cityOwn: boolean('city_own').notNull().default(false),
    note: text('note').notNull().default(''),
    ...timestamps,
  },
  (t) => [index('cost_assumptions_pay_group_idx').on(t.payGroup, t.validFrom)],
);

/**
 * Need per centre: newcomers in the catchment as the coordinator enters them from the city's
 * statistics, with source and date. No row = no data ("keine Daten"); never registered people.
 */
export const centreNeeds = pgTable('centre_needs', {
  centreId: integer('centre_id')
    .primaryKey()
    .references(() => centres.id, { onDelete: 'cascade' }),
  need: integer('need').notNull(),
  source: text('source').notNull().default(''),
  asOf: text('as_of'),
  updatedAt: text('updated_at').notNull().default(isoNow),
});
