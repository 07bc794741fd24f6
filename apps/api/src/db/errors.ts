import { DrizzleError, DrizzleQueryError } from 'drizzle-orm';

/**
 * The driver's own error behind a failed query. drizzle's PostgreSQL session wraps every
 * driver error in a DrizzleQueryError ("Failed query: …") that carries the pg error, with its
 * SQLSTATE `code`, as `cause`; better-sqlite3's errors (SQLITE_… codes) arrive as they are
 * from the query builder, but inside a DrizzleError ("Failed to run the query …") from a raw
 * `db.run(sql)`. Code that decides on an error code (409 on a unique or foreign-key violation,
 * the retry of a serialization failure) must look at this error, not at the wrapper.
 */
export function driverError(e: unknown): { code?: string; message?: string } {
  let at = e;
  for (
    let depth = 0;
    (at instanceof DrizzleQueryError || at instanceof DrizzleError) && at.cause && depth < 5;
    depth++
  )
    at = at.cause;
  return (at ?? {}) as { code?: string; message?: string };
}

/** The driver's error code (SQLITE_CONSTRAINT_UNIQUE, pg's 23505, …), if any. */
export const dbErrorCode = (e: unknown): string | undefined => {
  const code = driverError(e).code;
  return typeof code === 'string' ? code : undefined;
};
