import {
  CRITERION_KINDS,
  EVIDENCE_TYPES,
  PANEL_MEMBER_KINDS,
  PARTICIPATION_RESPONSES,
  RECOMMENDATIONS,
  SCORECARD_STAGES,
  SCREENING_RESULTS,
  SELF_DISCLOSURE_VALUES,
  VACANCY_CHANNELS,
} from '@begegnung/domain';
import {
  sqliteTable,
  integer,
  text,
  blob,
  index,
  primaryKey,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { posts } from './posts.ts';
import { users } from './users.ts';
import { isoNow, timestamps } from './columns.ts';

const VACANCY_STATUS = ['draft', 'published', 'closed', 'decided', 'aborted'] as const;
const APPLICATION_STATUS = [
  'received',
  'screened',
  'invited',
  'interviewed',
  'offered',
  'hired',
  'rejected',
  'withdrawn',
] as const;
const BODIES = ['staff_council', 'equality_officer', 'disability_representative'] as const;

/** A job advert (Ausschreibung) for one or more posts under one current criteria version. */
export const vacancies = sqliteTable('vacancies', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  advertText: text('advert_text').notNull(),
  channel: text('channel', {
    enum: VACANCY_CHANNELS,
  }).notNull(),
  internalOnly: integer('internal_only', { mode: 'boolean' }).notNull().default(false),
  encouragementLine: integer('encouragement_line', { mode: 'boolean' }).notNull().default(true),
  publishedOn: text('published_on'),
  deadline: text('deadline').notNull(),
  status: text('status', { enum: VACANCY_STATUS }).notNull().default('draft'),
  abortReason: text('abort_reason'),
  decidedAt: text('decided_at'),
  decidedById: integer('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
  createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
  ...timestamps,
});

export const vacancyPosts = sqliteTable(
  'vacancy_posts',
  {
    vacancyId: integer('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.vacancyId, t.postId] })],
);

/** Versioned requirement profile; `frozen_at` is set at publication and never cleared. */
export const criteriaSets = sqliteTable(
  'criteria_sets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vacancyId: integer('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    reason: text('reason').notNull(),
    frozenAt: text('frozen_at'),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull().default(isoNow),
  },
  (t) => [uniqueIndex('criteria_sets_version_unique').on(t.vacancyId, t.version)],
);

/** One criterion; criteria sharing a group_key are OR-options ranked by `rank` (1 best). */
export const criteria = sqliteTable(
  'criteria',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    setId: integer('set_id')
      .notNull()
      .references(() => criteriaSets.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: CRITERION_KINDS }).notNull(),
    label: text('label').notNull(),
    evidenceType: text('evidence_type', {
      enum: EVIDENCE_TYPES,
    }).notNull(),
    weight: integer('weight').notNull(),
    scale: text('scale').notNull(),
    groupKey: text('group_key'),
    rank: integer('rank'),
    notes: text('notes').notNull().default(''),
  },
  (t) => [index('criteria_set_idx').on(t.setId)],
);

/** Panel members and oversight users assigned to a procedure. */
export const vacancyMembers = sqliteTable(
  'vacancy_members',
  {
    vacancyId: integer('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: PANEL_MEMBER_KINDS }).notNull(),
    body: text('body', { enum: BODIES }),
  },
  (t) => [
    primaryKey({ columns: [t.vacancyId, t.userId, t.kind] }),
    index('vacancy_members_user_idx').on(t.userId),
  ],
);

/** Participation of staff council, equality officer and disability representative. */
export const participations = sqliteTable(
  'participations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vacancyId: integer('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    body: text('body', { enum: BODIES }).notNull(),
    requestedOn: text('requested_on').notNull(),
    response: text('response', {
      enum: PARTICIPATION_RESPONSES,
    }).notNull(),
    respondedOn: text('responded_on'),
    notes: text('notes').notNull().default(''),
    recordedById: integer('recorded_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull().default(isoNow),
  },
  (t) => [index('participations_vacancy_idx').on(t.vacancyId)],
);

/**
 * Candidate × vacancy: contact data, the pipeline status and the retention clock. After the
 * purge the personal fields are blanked and `purged_at` set: the row stays as a tombstone.
 */
export const applications = sqliteTable(
  'applications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vacancyId: integer('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'restrict' }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    receivedOn: text('received_on').notNull(),
    severelyDisabled: integer('severely_disabled', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: APPLICATION_STATUS }).notNull().default('received'),
    statusReason: text('status_reason'),
    rejectionSentOn: text('rejection_sent_on'),
    rejectionReceivedOn: text('rejection_received_on'),
    legalHold: integer('legal_hold', { mode: 'boolean' }).notNull().default(false),
    legalHoldReason: text('legal_hold_reason'),
    talentPoolUntil: text('talent_pool_until'),
    purgedAt: text('purged_at'),
    ...timestamps,
  },
  (t) => [
    index('applications_vacancy_idx').on(t.vacancyId),
    index('applications_email_idx').on(t.email),
  ],
);

/** Uploaded PDFs, stored in the database so backups include them. */
export const applicationDocuments = sqliteTable(
  'application_documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    uploadedAt: text('uploaded_at').notNull().default(isoNow),
  },
  (t) => [index('application_documents_app_idx').on(t.applicationId)],
);

/**
 * Voluntary, separately consented self-disclosure (Art. 9 GDPR). Kept apart from every
 * evaluation table; no scoring or screening query joins it.
 */
export const applicantSelfDisclosures = sqliteTable('applicant_self_disclosures', {
  applicationId: integer('application_id')
    .primaryKey()
    .references(() => applications.id, { onDelete: 'cascade' }),
  migrationBackground: text('migration_background', {
    enum: SELF_DISCLOSURE_VALUES,
  }).notNull(),
  consentGivenAt: text('consent_given_at').notNull(),
  consentTextVersion: text('consent_text_version').notNull(),
});

/** Per application × criterion, set by a person with an evidence note. */
export const screeningResults = sqliteTable(
  'screening_results',
  {
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => criteria.id, { onDelete: 'restrict' }),
    result: text('result', { enum: SCREENING_RESULTS }).notNull(),
    note: text('note').notNull().default(''),
    assessedById: integer('assessed_by_id').references(() => users.id, { onDelete: 'set null' }),
    assessedAt: text('assessed_at').notNull().default(isoNow),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.criterionId] })],
);

/**
 * One card per member × candidate × stage; a correction of a submitted card is a new
 * revision pointing at the one it supersedes.
 */
export const scorecards = sqliteTable(
  'scorecards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vacancyId: integer('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    stage: text('stage', { enum: SCORECARD_STAGES }).notNull(),
    revision: integer('revision').notNull().default(1),
    ratings: text('ratings', { mode: 'json' })
      .$type<{ criterionId: number; score: number }[]>()
      .notNull(),
    recommendation: text('recommendation', { enum: RECOMMENDATIONS }),
    notes: text('notes').notNull().default(''),
    submittedAt: text('submitted_at'),
    correctionReason: text('correction_reason'),
    supersededAt: text('superseded_at'),
    /** Set when the author had already seen another member's card for this candidate and stage. */
    seenOthersAt: text('seen_others_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('scorecards_unique').on(t.applicationId, t.memberId, t.stage, t.revision),
    index('scorecards_vacancy_idx').on(t.vacancyId),
  ],
);

/**
 * The first time a panel member was shown another member's card for a candidate and stage;
 * a card submitted or revised after it is flagged in the selection record.
 */
export const scorecardPeeks = sqliteTable(
  'scorecard_peeks',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: SCORECARD_STAGES }).notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.applicationId, t.stage] })],
);

/** The ranking with written reasons per candidate (part of the selection record). */
export const selectionRankings = sqliteTable(
  'selection_rankings',
  {
    vacancyId: integer('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    rank: integer('rank'),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.vacancyId, t.applicationId] })],
);
