import { pgTable, integer, bigint, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { centres } from './centres.ts';
import { users } from './users.ts';
import { bytea, isoNow } from './columns.ts';

/** A council report as published: bytes, hashes and the data state (triggers in drizzle-pg/0002 forbid changes). */
export const publishedReports = pgTable(
  'published_reports',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    centreId: integer('centre_id').references(() => centres.id, { onDelete: 'restrict' }),
    /** 'all' or the centre id: one published report per period and scope. */
    scopeKey: text('scope_key').notNull(),
    figuresJson: text('figures_json').notNull(),
    pdf: bytea('pdf').notNull(),
    csv: bytea('csv').notNull(),
    figuresSha256: text('figures_sha256').notNull(),
    pdfSha256: text('pdf_sha256').notNull(),
    csvSha256: text('csv_sha256').notNull(),
    dataMaxAuditId: integer('data_max_audit_id').notNull(),
    dataAsOf: text('data_as_of').notNull(),
    publishedAt: text('published_at').notNull().default(isoNow),
    publishedById: integer('published_by_id').references(() => users.id, { onDelete: 'set null' }),
    publishedByEmail: text('published_by_email').notNull(),
  },
  (t) => [
    uniqueIndex('published_reports_scope_unique').on(t.periodFrom, t.periodTo, t.scopeKey),
    index('published_reports_period_idx').on(t.periodTo, t.periodFrom),
  ],
);

/** An entry dated inside a published period, with its reason ("Korrekturen seit Veröffentlichung"). */
export const reportCorrections = pgTable(
  'report_corrections',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    reportId: integer('report_id')
      .notNull()
      .references(() => publishedReports.id, { onDelete: 'restrict' }),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id'),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'restrict' }),
    datedOn: text('dated_on').notNull(),
    action: text('action').notNull(),
    reason: text('reason').notNull(),
    at: text('at').notNull().default(isoNow),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email'),
  },
  (t) => [index('report_corrections_at_idx').on(t.at)],
);

/** The anonymous part of an erased person's outreach task that published figures need. */
export const outreachResidue = pgTable(
  'outreach_residue',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'restrict' }),
    openedOn: text('opened_on').notNull(),
    closedOn: text('closed_on'),
    outcome: text('outcome'),
    /** First named attendance on or after the task was opened, if any. */
    seenOn: text('seen_on'),
    /** Dates of the attempts (JSON array of YYYY-MM-DD). */
    attemptsJson: text('attempts_json').notNull().default('[]'),
    /** The task's record key as a counted unit (cell key method); never selected into a response. */
    taskKey: bigint('task_key', { mode: 'number' }).notNull().default(0),
  },
  (t) => [index('outreach_residue_centre_closed_idx').on(t.centreId, t.closedOn)],
);
