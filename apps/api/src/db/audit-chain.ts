import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The audit log as a hash chain (as transparency logs do): every row stores the previous
 * row's hash and a SHA-256 over its own canonical content, so changing, removing, inserting
 * or reordering any row breaks the chain from that row on. Works on the raw SQLite handle so
 * the CLI verifier can open a database file read-only without the app.
 */

export const AUDIT_TABLE = 'audit_log';
const SKIP = new Set(['hash']);

/** Column names of audit_log, read from SQLite so a column added later is covered too. */
export function auditColumns(client: Database.Database): string[] {
  return (client.prepare(`pragma table_info(${AUDIT_TABLE})`).all() as { name: string }[]).map(
    (c) => c.name,
  );
}

// JSON columns arrive as text from SQLite and parsed from PostgreSQL's jsonb: both canonicalise
// to the compact JSON text drizzle writes, so one row hashes alike on both engines.
const text = (v: unknown): string =>
  Buffer.isBuffer(v)
    ? v.toString('hex')
    : typeof v === 'bigint'
      ? v.toString()
      : typeof v === 'object' && v !== null
        ? JSON.stringify(v)
        : String(v);

/**
 * Canonical content: every column except `hash`, sorted by name, NULLs left out (so a
 * nullable column added later leaves older rows' hashes valid), values as text (so SQLite's
 * type affinity cannot make writer and verifier disagree). Includes `id` and `prev_hash`.
 */
export function canonicalRow(row: Record<string, unknown>): string {
  const pairs = Object.keys(row)
    .filter((k) => !SKIP.has(k) && row[k] !== null && row[k] !== undefined)
    .sort()
    .map((k) => [k, text(row[k])]);
  return JSON.stringify(pairs);
}

export const rowHash = (row: Record<string, unknown>) =>
  createHash('sha256').update(canonicalRow(row)).digest('hex');

export interface ChainHead {
  id: number;
  at: string;
  hash: string | null;
}

/**
 * Seals rows written before the chain existed (migration 0011), oldest first. The update
 * trigger allows exactly this once per row (hash NULL → set); sealed rows never change.
 * Returns how many rows it sealed.
 */
export function sealUnsealedRows(client: Database.Database): number {
  const first = client
    .prepare(`select min(id) as id from ${AUDIT_TABLE} where hash is null`)
    .get() as { id: number | null };
  if (first.id == null) return 0;
  let sealed = 0;
  client.transaction(() => {
    const before = client
      .prepare(`select hash from ${AUDIT_TABLE} where id < ? order by id desc limit 1`)
      .get(first.id) as { hash: string | null } | undefined;
    let prev = before?.hash ?? null;
    const rows = client
      .prepare(`select * from ${AUDIT_TABLE} where id >= ? order by id`)
      .all(first.id) as Record<string, unknown>[];
    const update = client.prepare(`update ${AUDIT_TABLE} set prev_hash = ?, hash = ? where id = ?`);
    for (const row of rows) {
      const hash = rowHash({ ...row, prev_hash: prev });
      update.run(prev, hash, row.id);
      prev = hash;
      sealed += 1;
    }
  })();
  return sealed;
}

export type ChainProblemKind =
  | 'missing' // a row with this id is gone (id gap, or removed from the end)
  | 'unsealed' // a row without hash
  | 'broken_link' // prev_hash does not match the row before: a row was removed, inserted or swapped
  | 'altered' // the row's content does not match its hash
  | 'reordered'; // the row is dated before the row preceding it

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The first row where the chain no longer holds. */
  rowId: number;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  rowsChecked: number;
  head: ChainHead | null;
  problem: ChainProblem | null;
}

/** Checks rows one after another in id order; the first problem ends the walk. */
export class ChainWalker {
  private expectedId: number | null = null;
  private prevHash: string | null = null;
  private prevAt: string | null = null;
  rowsChecked = 0;
  head: ChainHead | null = null;

  private fail(kind: ChainProblemKind, rowId: number, message: string): ChainReport {
    return {
      ok: false,
      rowsChecked: this.rowsChecked,
      head: this.head,
      problem: { kind, rowId, message },
    };
  }

  /** A report when this row breaks the chain, else null. */
  step(row: Record<string, unknown>): ChainReport | null {
    const id = Number(row.id);
    const at = String(row.at);
    const hash = (row.hash as string | null) ?? null;
    const expected = this.expectedId;
    if (expected === null && id !== 1)
      return this.fail('missing', 1, `rows 1–${id - 1} are missing before row ${id}`);
    if (expected !== null && id !== expected)
      return this.fail(
        'missing',
        expected,
        `row ${expected}${id - 1 > expected ? `–${id - 1}` : ''} is missing (next row is ${id})`,
      );
    if (hash === null) return this.fail('unsealed', id, `row ${id} has no hash`);
    if ((row.prev_hash ?? null) !== this.prevHash)
      return this.fail(
        'broken_link',
        id,
        `row ${id} does not follow the row before it (a row was removed, inserted or swapped)`,
      );
    if (rowHash(row) !== hash)
      return this.fail('altered', id, `row ${id} was changed after writing`);
    if (this.prevAt !== null && at < this.prevAt)
      return this.fail('reordered', id, `row ${id} is dated before the row preceding it`);
    this.expectedId = id + 1;
    this.prevHash = hash;
    this.prevAt = at;
    this.head = { id, at, hash };
    this.rowsChecked += 1;
    return null;
  }

  /** AUTOINCREMENT remembers the highest id ever written: rows cut off the end show here. */
  finish(client: Database.Database): ChainReport {
    const seq = client
      .prepare(`select seq from sqlite_sequence where name = ?`)
      .get(AUDIT_TABLE) as { seq: number } | undefined;
    return this.finishAt(seq?.seq);
  }

  /** Ends the walk given the highest id the engine recorded as written (if any). */
  finishAt(highestWritten: number | undefined): ChainReport {
    const last = this.head?.id ?? 0;
    if (highestWritten && highestWritten > last)
      return this.fail(
        'missing',
        last + 1,
        `rows ${last + 1}–${highestWritten} were removed from the end`,
      );
    return { ok: true, rowsChecked: this.rowsChecked, head: this.head, problem: null };
  }
}

/** Walks the whole chain in id order and reports the first row where it breaks. */
export function verifyChain(client: Database.Database): ChainReport {
  const walker = new ChainWalker();
  const rows = client
    .prepare(`select * from ${AUDIT_TABLE} order by id`)
    .iterate() as IterableIterator<Record<string, unknown>>;
  for (const row of rows) {
    const broken = walker.step(row);
    if (broken) return broken;
  }
  return walker.finish(client);
}

/**
 * The same walk in batches, yielding to the event loop between them, so a server verifying a
 * long log (about 50 µs a row) keeps answering other requests meanwhile.
 */
export async function verifyChainInBatches(
  client: Database.Database,
  batch = 2000,
): Promise<ChainReport> {
  const walker = new ChainWalker();
  const page = client.prepare(`select * from ${AUDIT_TABLE} where id > ? order by id limit ?`);
  let after = -Infinity;
  for (;;) {
    const rows = page.all(after, batch) as Record<string, unknown>[];
    for (const row of rows) {
      const broken = walker.step(row);
      if (broken) return broken;
    }
    if (rows.length < batch) return walker.finish(client);
    after = Number(rows.at(-1)!.id);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
