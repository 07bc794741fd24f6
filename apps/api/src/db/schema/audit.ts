import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { isoNow } from './columns.ts';

/**
 * Append-only: triggers in the migration refuse UPDATE and DELETE.
 * No foreign keys, so the log outlives the rows it describes.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull().default(isoNow),
    actorId: integer('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action', {
      enum: [
        'create',
        'update',
        'delete',
        'read',
        'export',
        'login',
        'login_failed',
        'logout',
        'denied',
      ],
    }).notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    changedFields: text('changed_fields', { mode: 'json' }).$type<string[]>(),
    reason: text('reason'),
    ip: text('ip'),
    /** Participant ids the response or write showed (JSON array), part of the row itself. */
    subjects: text('subjects', { mode: 'json' }).$type<number[]>(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_entity_idx').on(t.entityType, t.entityId),
  ],
);

/**
 * Lookup index over `audit_log.subjects`, filled by a trigger on insert (migration 0010) and
 * append-only; answers "who saw this person" without scanning the log.
 */
export const auditSubjects = sqliteTable(
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
