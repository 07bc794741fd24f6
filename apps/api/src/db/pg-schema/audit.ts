import { AUDIT_ACTIONS } from '@begegnung/domain';
import { sql } from 'drizzle-orm';
import { pgTable, integer, text, index, primaryKey, jsonb } from 'drizzle-orm/pg-core';
import { isoNow } from './columns.ts';

/**
 * Append-only and hash-chained: a trigger function (drizzle-pg/0001_behaviour.sql) refuses
 * UPDATE, DELETE, TRUNCATE, skipped ids, back-dated and unchained rows; `src/db/audit-chain.ts`
 * computes the hashes and verifies the chain. No foreign keys, so the log outlives the rows it
 * describes. New columns must be nullable without a default, so older rows keep their hashes.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: text('at').notNull().default(isoNow),
    actorId: integer('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action', {
      enum: AUDIT_ACTIONS,
    }).notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    changedFields: jsonb('changed_fields').$type<string[]>(),
    reason: text('reason'),
    ip: text('ip'),
    /** Participant ids the response or write showed (JSON array), part of the row itself. */
    subjects: jsonb('subjects').$type<number[]>(),
    /** Hash of the row before (NULL for the first row). */
    prevHash: text('prev_hash'),
    /** SHA-256 over every other column of this row (canonical form, see audit-chain.ts). */
    hash: text('hash'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_entity_idx').on(t.entityType, t.entityId),
    index('audit_login_failed_email_idx')
      .on(t.actorEmail, t.at)
      .where(sql`action = 'login_failed'`),
    index('audit_login_failed_ip_idx')
      .on(t.ip, t.at)
      .where(sql`action = 'login_failed'`),
  ],
);

/**
 * Lookup index over `audit_log.subjects`, filled by a trigger on insert (drizzle-pg/0001_behaviour.sql) and
 * append-only; answers "who saw this person" without scanning the log.
 */
export const auditSubjects = pgTable(
  'audit_subjects',
  {
    auditId: integer('audit_id').notNull(),
    participantId: integer('participant_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.participantId, t.auditId] }),
    index('audit_subjects_audit_idx').on(t.auditId),
  ],
);
