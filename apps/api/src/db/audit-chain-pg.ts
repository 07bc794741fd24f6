import type pg from 'pg';
import {
  AUDIT_TABLE,
  ChainWalker,
  rowHash,
  type ChainHead,
  type ChainReport,
} from './audit-chain.ts';

/**
 * The audit hash chain on PostgreSQL: the same canonical rows and hashes as on SQLite
 * (audit-chain.ts), written and verified over a `pg` connection. The trigger function of
 * drizzle-pg/0001_behaviour.sql refuses UPDATE, DELETE, TRUNCATE and any row that is not the
 * next id chained to the last; audit_log_head stands in for SQLite's sqlite_sequence.
 */

/** Advisory lock key serialising chain appends across connections and instances. */
export const AUDIT_CHAIN_LOCK = 0x61756469; // 'audi'

type Queryable = Pick<pg.ClientBase, 'query'>;

/** JSON values go to jsonb as JSON text (the driver would send JS arrays as pg arrays). */
const param = (v: unknown) =>
  v === undefined
    ? null
    : typeof v === 'object' && v !== null && !Buffer.isBuffer(v)
      ? JSON.stringify(v)
      : v;

/**
 * Appends one row to the chain inside the caller's transaction (`client` must be in one: the
 * advisory lock is held until it ends). `content` holds column values by column name, without
 * id, at, prev_hash and hash. Returns the new head.
 */
export async function appendAuditRowPg(
  client: Queryable,
  content: Record<string, unknown>,
  now = new Date().toISOString(),
): Promise<ChainHead> {
  await client.query('select pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const last = (
    await client.query<ChainHead>(
      `select id, at, hash from ${AUDIT_TABLE} order by id desc limit 1`,
    )
  ).rows[0];
  const row: Record<string, unknown> = { ...content };
  for (const k of Object.keys(row)) if (row[k] === undefined) row[k] = null;
  // Never before the last row, even if the clock steps back (the trigger would refuse).
  row.at = last && last.at > now ? last.at : now;
  row.id = (last?.id ?? 0) + 1;
  row.prev_hash = last?.hash ?? null;
  row.hash = rowHash(row);
  const columns = Object.keys(row);
  await client.query(
    `insert into ${AUDIT_TABLE} (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns
      .map((_, i) => `$${i + 1}`)
      .join(', ')})`,
    columns.map((c) => param(row[c])),
  );
  return { id: row.id as number, at: row.at as string, hash: row.hash as string };
}

/** Walks the whole chain in id order, in batches, and reports the first row where it breaks. */
export async function verifyChainPg(client: Queryable, batch = 2000): Promise<ChainReport> {
  const walker = new ChainWalker();
  let after = 0;
  for (;;) {
    const { rows } = await client.query<Record<string, unknown>>(
      `select * from ${AUDIT_TABLE} where id > $1 order by id limit $2`,
      [after, batch],
    );
    for (const row of rows) {
      const broken = walker.step(row);
      if (broken) return broken;
    }
    if (rows.length < batch) break;
    after = Number(rows.at(-1)!.id);
  }
  const head = await client.query<{ id: number }>('select id from audit_log_head');
  return walker.finishAt(head.rows[0]?.id);
}
