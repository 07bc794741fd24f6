import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
import { isoNow } from './columns.ts';
import { users } from './users.ts';

/** Key/value programme settings; absent keys fall back to SETTINGS_DEFAULTS in the domain. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
  updatedAt: text('updated_at').notNull().default(isoNow),
  updatedById: integer('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
});
