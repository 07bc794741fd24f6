import { customType, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * The same ISO-8601 UTC text as SQLite's strftime default (`2026-12-04T16:02:03.123Z`), so
 * both engines store, compare and return timestamps identically. clock_timestamp(), not
 * now(): SQLite's 'now' is the statement's time, pg's now() the transaction's start.
 */
export const isoNow = sql`(to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

export const timestamps = {
  createdAt: text('created_at').notNull().default(isoNow),
  updatedAt: text('updated_at').notNull().default(isoNow),
};

/** Binary data as a Node Buffer, like SQLite's `blob({ mode: 'buffer' })`. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});
