import type pg from 'pg';
import { dbErrorCode } from './errors.ts';

/** Serialization failure and deadlock: the transaction may succeed when run again. */
const RETRYABLE = new Set(['40001', '40P01']);

/** Also when drizzle wrapped the pg error in a DrizzleQueryError (errors.ts). */
export const isRetryable = (e: unknown) => RETRYABLE.has(dbErrorCode(e) ?? '');

/**
 * Runs `fn` in one PostgreSQL transaction on one pooled connection: COMMIT when it returns,
 * ROLLBACK when it throws. A serialization failure (40001) or a deadlock (40P01) is retried
 * once from the start, as PostgreSQL's documentation advises; a second failure is thrown and
 * the error handler answers 503 SERVICE_UNAVAILABLE. `fn` must therefore only touch the
 * database through `client` (no side effects outside the transaction).
 */
export async function inPgTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  options: { isolation?: 'read committed' | 'repeatable read' | 'serializable' } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query(`begin isolation level ${options.isolation ?? 'read committed'}`);
      const out = await fn(client);
      await client.query('commit');
      return out;
    } catch (e) {
      await client.query('rollback').catch(() => undefined);
      if (attempt === 1 && isRetryable(e)) continue;
      throw e;
    } finally {
      client.release();
    }
  }
}
