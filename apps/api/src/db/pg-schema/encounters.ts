import {
  CONSENT_PURPOSES,
  CONTACT_PREFERENCES,
  FOLLOW_UP_CLOSED_REASONS,
  FOLLOW_UP_OUTCOMES,
  FOLLOW_UP_STATUSES,
  REFERRAL_SERVICES,
} from '@begegnung/domain';
import {
  pgTable,
  integer,
  text,
  index,
  uniqueIndex,
  primaryKey,
  pgView,
  boolean,
  jsonb,
  bigint,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { centres } from './centres.ts';
import { users } from './users.ts';
import { isoNow, timestamps } from './columns.ts';

/** Activity catalogue (admin). Built-ins carry a `key` the UI translates; custom ones a name. */
export const activities = pgTable('activities', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  key: text('key').unique(),
  name: text('name').notNull(),
  defaultDurationMinutes: integer('default_duration_minutes').notNull(),
  recurring: boolean('recurring').notNull().default(false),
  active: boolean('active').notNull().default(true),
  ...timestamps,
});

/**
 * Participants are pseudonymous: a generated code, an optional alias. There is deliberately
 * no column for surname, nationality, religion, ethnicity or health (privacy rule 1, docs/privacy-rules.md).
 */
export const participants = pgTable(
  'participants',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull().unique(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'restrict' }),
    alias: text('alias'),
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    householdSize: integer('household_size'),
    district: text('district').notNull().default(''),
    movedInAt: text('moved_in_at'),
    /** First and last named attendance, kept by triggers (drizzle-pg/0001_behaviour.sql) for the reports. */
    firstAttendedOn: text('first_attended_on'),
    lastAttendedOn: text('last_attended_on'),
    /** Cell key method: fixed random key in [0, 2^32), set by a trigger (drizzle-pg/0001_behaviour.sql); never shown. */
    recordKey: bigint('record_key', { mode: 'number' }).notNull().default(0),
    contactPreference: text('contact_preference', {
      enum: CONTACT_PREFERENCES,
    })
      .notNull()
      .default('in_person'),
    notes: text('notes'),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [index('participants_centre_idx').on(t.centreId, t.alias)],
);

export const consents = pgTable(
  'consents',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    purpose: text('purpose', {
      enum: CONSENT_PURPOSES,
    }).notNull(),
    givenOn: text('given_on').notNull(),
    expiresOn: text('expires_on').notNull(),
    withdrawnOn: text('withdrawn_on'),
    language: text('language').notNull(),
    explainedById: integer('explained_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: text('created_at').notNull().default(isoNow),
  },
  (t) => [index('consents_participant_idx').on(t.participantId, t.purpose)],
);

/** Participant moved to another centre (with reason): kept for the timeline. */
export const participantTransfers = pgTable('participant_transfers', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  participantId: integer('participant_id')
    .notNull()
    .references(() => participants.id, { onDelete: 'cascade' }),
  fromCentreId: integer('from_centre_id').notNull(),
  toCentreId: integer('to_centre_id').notNull(),
  reason: text('reason').notNull(),
  byId: integer('by_id').notNull(),
  on: text('on').notNull(),
});

/** Recurring groups ("Sprachcafé Dienstag 15:00") with a regular roster. */
export const recurringGroups = pgTable(
  'recurring_groups',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    weekdays: jsonb('weekdays').$type<number[]>().notNull(),
    startTime: text('start_time').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [index('groups_centre_idx').on(t.centreId)],
);

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => recurringGroups.id, { onDelete: 'cascade' }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.participantId] })],
);

export const encounters = pgTable(
  'encounters',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'restrict' }),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'restrict' }),
    groupId: integer('group_id').references(() => recurringGroups.id, { onDelete: 'set null' }),
    date: text('date').notNull(),
    startTime: text('start_time').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    newcomers: integer('newcomers').notNull().default(0),
    host: integer('host').notNull().default(0),
    volunteers: integer('volunteers').notNull().default(0),
    other: integer('other').notNull().default(0),
    /** Cell key method: key of the anonymous headcount units (drizzle-pg/0001_behaviour.sql); never shown. */
    recordKey: bigint('record_key', { mode: 'number' }).notNull().default(0),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    clientRequestId: text('client_request_id').notNull(),
    /** Cancelled (e.g. a duplicate): kept for the audit trail, left out of every figure. */
    voidedAt: text('voided_at'),
    voidedById: integer('voided_by_id').references(() => users.id),
    voidReason: text('void_reason'),
    ...timestamps,
    /** Named attendees (kept by triggers, drizzle-pg/0009_rollups.sql). */
    namedAttendees: integer('named_attendees').notNull().default(0),
  },
  (t) => [
    uniqueIndex('encounters_idempotency_idx').on(t.centreId, t.clientRequestId),
    // The duplicate check: one session per centre, date and start time (drizzle-pg/0001_behaviour.sql).
    index('encounters_slot_idx').on(t.centreId, t.date, t.startTime),
    // The newest-first encounter list across all centres (coordinators) reads this backwards.
    index('encounters_date_idx').on(t.date, t.startTime),
    // Covers the report aggregates (counts, minutes, headcounts by activity) without row
    // lookups; partial, so it holds only counted (not voided) entries. `voided_at` is listed
    // so that SQLite treats the index as covering for queries through `counted_encounters`.
    index('encounters_centre_date_idx')
      .on(t.centreId, t.date, t.activityId, t.durationMinutes, t.newcomers, t.host, t.voidedAt)
      .where(sql`${t.voidedAt} IS NULL`),
  ],
);

export const encounterAttendees = pgTable(
  'encounter_attendees',
  {
    encounterId: integer('encounter_id')
      .notNull()
      .references(() => encounters.id, { onDelete: 'cascade' }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.encounterId, t.participantId] }),
    index('attendees_participant_idx').on(t.participantId),
  ],
);

export const encounterStaff = pgTable(
  'encounter_staff',
  {
    encounterId: integer('encounter_id')
      .notNull()
      .references(() => encounters.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.encounterId, t.userId] })],
);

export const followUps = pgTable(
  'follow_ups',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    assigneeId: integer('assignee_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    dueOn: text('due_on').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: FOLLOW_UP_STATUSES }).notNull().default('open'),
    outcome: text('outcome', {
      enum: FOLLOW_UP_OUTCOMES,
    }),
    closedOn: text('closed_on'),
    /** Set when the system closed the task because consent lapsed. */
    closedReason: text('closed_reason', { enum: FOLLOW_UP_CLOSED_REASONS }),
    createdById: integer('created_by_id').notNull(),
    ...timestamps,
  },
  (t) => [
    index('follow_ups_participant_idx').on(t.participantId),
    index('follow_ups_assignee_idx').on(t.assigneeId, t.status),
  ],
);

export const followUpAttempts = pgTable('follow_up_attempts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  followUpId: integer('follow_up_id')
    .notNull()
    .references(() => followUps.id, { onDelete: 'cascade' }),
  attemptedOn: text('attempted_on').notNull(),
  outcome: text('outcome', {
    enum: FOLLOW_UP_OUTCOMES,
  }).notNull(),
  note: text('note'),
  byId: integer('by_id').notNull(),
  createdAt: text('created_at').notNull().default(isoNow),
});

export const referrals = pgTable(
  'referrals',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    service: text('service', {
      enum: REFERRAL_SERVICES,
    }).notNull(),
    referredOn: text('referred_on').notNull(),
    note: text('note'),
    byId: integer('by_id').notNull(),
    createdAt: text('created_at').notNull().default(isoNow),
  },
  (t) => [index('referrals_participant_idx').on(t.participantId)],
);

/** Encounters that count: every figure (dashboard, council report, rollups) reads this view. */
export const countedEncounters = pgView('counted_encounters').as((qb) =>
  qb
    .select()
    .from(encounters)
    .where(sql`${encounters.voidedAt} IS NULL`),
);
