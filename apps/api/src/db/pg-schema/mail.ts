import { pgTable, integer, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { isoNow } from './columns.ts';
import { users } from './users.ts';
import { followUps } from './encounters.ts';

/** Reminder mails a user wants: 'off', 'assignment' (default), 'digest'; absent = default. */
export const mailPreferences = pgTable('mail_preferences', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  reminders: text('reminders').notNull(),
  updatedAt: text('updated_at').notNull().default(isoNow),
});

/**
 * Every reminder mail, sent or failed (no message text, no personal data: who, what kind,
 * which task, the outcome). A digest row holds its day; the unique index makes a second digest
 * for the same user and day impossible, even with two processes.
 */
export const mailDeliveries = pgTable(
  'mail_deliveries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'assignment' | 'digest' */
    kind: text('kind').notNull(),
    followUpId: integer('follow_up_id').references(() => followUps.id, { onDelete: 'set null' }),
    /** The local day (YYYY-MM-DD) of a digest; NULL for other mails. */
    digestDay: text('digest_day'),
    /** 'pending' | 'sent' | 'failed' */
    status: text('status').notNull(),
    error: text('error'),
    createdAt: text('created_at').notNull().default(isoNow),
    sentAt: text('sent_at'),
  },
  (t) => [
    uniqueIndex('mail_deliveries_digest_unique').on(t.userId, t.digestDay),
    index('mail_deliveries_created_idx').on(t.createdAt),
  ],
);
