import { text } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/** ISO-8601 UTC timestamps as text: sortable, readable in the SQLite shell, portable to pg. */
export const isoNow = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const timestamps = {
  createdAt: text('created_at').notNull().default(isoNow),
  updatedAt: text('updated_at').notNull().default(isoNow),
};
