import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { onPg } from '../db/engine.ts';
import type { PgDb } from '../db/pg-client.ts';
import { isRetryable } from '../db/pg-tx.ts';
import type { ServiceContext } from '../types.ts';

let savepoints = 0;

/** The open outermost transaction a connection or transaction object belongs to. */
interface TxScope {
  root: Db;
  afterCommit: (() => void)[];
}
const scopes = new WeakMap<object, TxScope>();

/**
 * Runs `fn` once the transaction `db` belongs to has committed (not at all when it rolls
 * back), or at once when `db` is not inside a transaction opened by withTransactionAsync.
 * For work that must see the committed state, such as dropping cache entries (auth-cache.ts).
 */
export function afterCommit(db: Db, fn: () => void) {
  const scope = scopes.get(db);
  if (scope) scope.afterCommit.push(fn);
  else fn();
}

/** The database a transaction was opened on (`db` itself outside a transaction). */
export const rootDb = (db: Db): Db => scopes.get(db)?.root ?? db;

function runAfterCommit(scope: TxScope) {
  for (const fn of scope.afterCommit.splice(0)) fn();
}

/**
 * Runs `fn` in one transaction, so repositories and the audit writer all commit or roll back
 * together: nothing half-saved. Every service uses this asynchronous form (decision 0003): `fn`
 * gets the transaction's context and awaits repositories with it, so the same service runs on
 * PostgreSQL, where a transaction is a connection of its own. On the single SQLite connection
 * the queries inside still settle in the same event-loop turn; awaiting real I/O (a password
 * hash, the network, a timer) inside would let another request's statements join this
 * transaction, so a transaction still open when the loop turns is rolled back with an error:
 * hash passwords and render files before opening one. Nested calls become savepoints.
 */
export function inTransactionAsync<T>(
  ctx: ServiceContext,
  fn: (tx: ServiceContext) => Promise<T>,
): Promise<T> {
  return withTransactionAsync(ctx.db, (db) => fn(db === ctx.db ? ctx : { ...ctx, db }));
}

/** The same for code without an actor (sign-in, seeding, retention, the applicant purge). */
export async function withTransactionAsync<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  if (onPg) return withPgTransaction(db, fn);
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
  const scope: TxScope = { root: db, afterCommit: [] };
  scopes.set(db, scope);
  try {
    const out = await fn(db);
    if (loopTurned)
      throw new Error(
        'A transaction stayed open across an event-loop turn (awaited I/O inside it)',
      );
    client.exec('commit');
    scopes.delete(db);
    runAfterCommit(scope);
    return out;
  } catch (e) {
    if (client.inTransaction) client.exec('rollback');
    throw e;
  } finally {
    scopes.delete(db);
    clearImmediate(tick);
  }
}

/**
 * PostgreSQL: drizzle's transaction on one pooled connection (a savepoint when `db` already is
 * a transaction). A serialization failure or deadlock of the outermost transaction is retried
 * once from the start, as PostgreSQL's documentation advises (`fn` only touches the database);
 * a second one reaches the error handler as 503.
 */
async function withPgTransaction<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  const pgDb = db as unknown as PgDb;
  const nested = pgDb instanceof PgTransaction;
  for (let attempt = 1; ; attempt++) {
    // A savepoint shares its outer transaction's commit; a transaction opened elsewhere on a
    // drizzle transaction object has no known root, so its callbacks run at its own end.
    const scope: TxScope = (nested && scopes.get(pgDb)) || { root: db, afterCommit: [] };
    try {
      const out = await pgDb.transaction((tx) => {
        scopes.set(tx, scope);
        return fn(tx as unknown as Db);
      });
      if (!nested || scope.root === db) runAfterCommit(scope);
      return out;
    } catch (e) {
      if (!nested || scope.root === db) scope.afterCommit.length = 0;
      if (nested || attempt > 1 || !isRetryable(e)) throw e;
    }
  }
}
