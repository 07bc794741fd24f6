import { pgTable, integer, text, boolean } from 'drizzle-orm/pg-core';
import { isoNow } from './columns.ts';
import { users } from './users.ts';

/** Key/value programme settings; absent keys fall back to SETTINGS_DEFAULTS in the domain. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
  updatedAt: text('updated_at').notNull().default(isoNow),
  updatedById: integer('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
});

/** Text settings (privacy notice contacts) over PRIVACY_NOTICE_DEFAULTS in the domain. */
export const textSettings = pgTable('text_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(isoNow),
  updatedById: integer('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
});

/** Whether a consent-sheet translation has been reviewed; absent = not reviewed. */
export const consentTextReviews = pgTable('consent_text_reviews', {
  language: text('language').primaryKey(),
  reviewed: boolean('reviewed').notNull().default(false),
  updatedAt: text('updated_at').notNull().default(isoNow),
  updatedById: integer('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
});
