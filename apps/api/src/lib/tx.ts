import type { Db } from '../db/client.ts';
import type { ServiceContext } from '../types.ts';

/**
 * Runs `fn` in one SQLite transaction with a context whose `db` is the transaction, so
 * repositories and the audit writer all commit or roll back together: nothing half-saved.
 */
export function inTransaction<T>(ctx: ServiceContext, fn: (tx: ServiceContext) => T): T {
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx as unknown as Db }));
}
