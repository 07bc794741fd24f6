import type Database from 'better-sqlite3';
import type { Db } from '../db/client.ts';
import type { ServiceContext } from '../types.ts';

/**
 * One reusable better-sqlite3 transaction function per connection: creating one per call
 * (what drizzle's `db.transaction` does) recompiles BEGIN/COMMIT/ROLLBACK every time and was
 * the largest fixed cost of a write request. Nested calls become savepoints automatically.
 */
const runners = new WeakMap<
  Database.Database,
  Database.Transaction<(fn: () => unknown) => unknown>
>();

function runnerFor(client: Database.Database) {
  let run = runners.get(client);
  if (!run) {
    run = client.transaction((fn: () => unknown) => fn());
    runners.set(client, run);
  }
  return run;
}

/**
 * Runs `fn` in one SQLite transaction, so repositories and the audit writer all commit or roll
 * back together: nothing half-saved. The connection is synchronous and single, so the same
 * drizzle handle works inside; `tx` is passed for clarity at call sites.
 */
export function inTransaction<T>(ctx: ServiceContext, fn: (tx: ServiceContext) => T): T {
  return withTransaction(ctx.db, () => fn(ctx));
}

/** The same for code without an actor (sign-in, seeding, retention). */
export function withTransaction<T>(db: Db, fn: (db: Db) => T): T {
  return runnerFor(db.$client)(() => fn(db)) as T;
}
