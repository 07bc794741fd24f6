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

let savepoints = 0;

/**
 * The asynchronous form services move to (decision 0003): `fn` gets the transaction's context
 * and may await repositories, so the same service runs on PostgreSQL, where a transaction is
 * a connection of its own. On the single SQLite connection the queries inside still settle in
 * the same event-loop turn; awaiting real I/O (a password hash, the network) inside would let
 * another request's statements join this transaction, so a transaction still open when the
 * loop turns is rolled back with an error. Nested calls become savepoints.
 */
export function inTransactionAsync<T>(
  ctx: ServiceContext,
  fn: (tx: ServiceContext) => Promise<T>,
): Promise<T> {
  return withTransactionAsync(ctx.db, (db) => fn(db === ctx.db ? ctx : { ...ctx, db }));
}

/** The same for code without an actor. */
export async function withTransactionAsync<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  const client = db.$client;
  if (client.inTransaction) {
    const name = `async_sp_${++savepoints}`;
    client.exec(`savepoint ${name}`);
    try {
      const out = await fn(db);
      client.exec(`release ${name}`);
      return out;
    } catch (e) {
      client.exec(`rollback to ${name}`);
      client.exec(`release ${name}`);
      throw e;
    }
  }
  client.exec('begin immediate');
  let loopTurned = false;
  const tick = setImmediate(() => (loopTurned = true));
  try {
    const out = await fn(db);
    if (loopTurned)
      throw new Error(
        'A transaction stayed open across an event-loop turn (awaited I/O inside it)',
      );
    client.exec('commit');
    return out;
  } catch (e) {
    if (client.inTransaction) client.exec('rollback');
    throw e;
  } finally {
    clearImmediate(tick);
  }
}
