import type Database from 'better-sqlite3';
import type pg from 'pg';
import { AUDIT_TABLE, verifyChain, type ChainHead } from './audit-chain.ts';
import { verifyChainPg } from './audit-chain-pg.ts';
import { ROLLUP_DRIFT, ROLLUP_REBUILD, ROLLUP_TABLES, ROLLUP_TRIGGERS } from './sql/rollups.ts';

/**
 * Moving a city from its SQLite file to PostgreSQL (issue 15, item 7): every row of every
 * table copied once, inside one PostgreSQL transaction, then checked. The target must carry
 * the PostgreSQL migrations and hold no data; the source's audit chain must hold.
 *
 * Rows go in foreign-key order with their ids, each table in id order, so references and the
 * audit chain's trigger (next id, chained to the last row) accept them as they are. Tables the
 * target's triggers fill themselves (the audit head and the subject index) are not copied but
 * compared like every other table afterwards, so a trigger that reproduced them differently
 * fails the copy. The report rollups are not copied either: their triggers are off during the
 * copy, the tables are filled in one pass from the copied rows, and the copy fails unless they
 * then equal a full recomputation.
 */

/** Filled by the target's triggers from audit_log inserts (drizzle-pg/0001_behaviour.sql). */
const TRIGGER_FILLED = new Set(['audit_log_head', 'audit_subjects']);
/** drizzle's bookkeeping, written by the target's own migrations. */
const SKIPPED = new Set(['__drizzle_migrations']);
/**
 * Rows a migration inserts (the built-in activity catalogue): the source holds them too, with
 * its own ids, so they are replaced rather than counted as data already in the target.
 */
const MIGRATION_FILLED: Record<string, string> = { activities: 'key is not null' };
/** Rows per INSERT: well inside PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 500;

export class CopyError extends Error {
  constructor(
    readonly code: 'SOURCE_CHAIN_BROKEN' | 'TARGET_NOT_EMPTY' | 'TARGET_NOT_MIGRATED' | 'MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

export interface CopyReport {
  tables: { name: string; rows: number }[];
  totalRows: number;
  auditHead: ChainHead | null;
  ms: number;
}

interface Column {
  name: string;
  type: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables of the target in an order where every referenced table comes first. */
async function tablesInReferenceOrder(client: pg.ClientBase): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
    )
  ).rows.map((r) => r.name);
  const refs = (
    await client.query<{ child: string; parent: string }>(
      `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
         from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = current_schema()`,
    )
  ).rows.map((r) => ({ child: r.child.replace(/"/g, ''), parent: r.parent.replace(/"/g, '') }));
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.filter(
      (t) =>
        !placed.has(t) &&
        refs.every((r) => r.child !== t || r.parent === t || placed.has(r.parent)),
    );
    if (next.length === 0) throw new Error('Foreign keys form a cycle; cannot order the copy');
    for (const t of next) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

async function columnsOf(client: pg.ClientBase, table: string): Promise<Column[]> {
  return (
    await client.query<Column>(
      `select column_name as name, data_type as type from information_schema.columns
        where table_schema = current_schema() and table_name = $1 and is_generated = 'NEVER'
        order by ordinal_position`,
      [table],
    )
  ).rows;
}

/** A SQLite value as the PostgreSQL column expects it (booleans are 0/1 in SQLite). */
function convert(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === 1 || value === true || value === '1';
  if (typeof value === 'bigint') return value.toString();
  return value;
}

async function count(client: pg.ClientBase, table: string) {
  const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${quote(table)}`);
  return Number(rows[0]!.n);
}

/**
 * Copies `source` (an open SQLite database) into the database `target` is connected to. Throws
 * a CopyError, leaving the target unchanged, when a check fails.
 */
export async function copySqliteToPg(
  source: Database.Database,
  target: pg.ClientBase,
): Promise<CopyReport> {
  const started = Date.now();
  const sourceChain = verifyChain(source);
  if (!sourceChain.ok) {
    throw new CopyError(
      'SOURCE_CHAIN_BROKEN',
      `The source's audit chain is broken at row ${sourceChain.problem!.rowId}: ${sourceChain.problem!.message}`,
    );
  }
  const order = (await tablesInReferenceOrder(target)).filter((t) => !SKIPPED.has(t));
  if (!order.includes(AUDIT_TABLE)) {
    throw new CopyError(
      'TARGET_NOT_MIGRATED',
      'The target has no Begegnung tables; run the PostgreSQL migrations first',
    );
  }
  const sourceTables = new Set(
    (
      source.prepare(`select name from sqlite_master where type = 'table'`).all() as {
        name: string;
      }[]
    ).map((r) => r.name),
  );

  await target.query('begin');
  try {
    for (const table of order) {
      const builtIn = MIGRATION_FILLED[table];
      const own = builtIn
        ? await target.query(`select count(*) as n from ${quote(table)} where not (${builtIn})`)
        : null;
      if ((own ? Number(own.rows[0].n) : await count(target, table)) > 0) {
        throw new CopyError('TARGET_NOT_EMPTY', `The target already holds rows in ${table}`);
      }
    }
    for (const table of Object.keys(MIGRATION_FILLED)) {
      await target.query(`delete from ${quote(table)}`);
    }
    // Per-row rollup triggers would cost a lookup per attendance; one pass at the end is exact.
    for (const [table, trigger] of ROLLUP_TRIGGERS)
      await target.query(`alter table ${quote(table)} disable trigger ${quote(trigger)}`);
    for (const table of order) {
      if (TRIGGER_FILLED.has(table) || ROLLUP_TABLES.has(table) || !sourceTables.has(table))
        continue;
      const columns = await columnsOf(target, table);
      const names = columns.map((c) => c.name);
      const hasId = names.includes('id');
      // Identity ids (integers) keep their values and move the sequence; a text id (oidc_flows) has none.
      const identity = columns.some((c) => c.name === 'id' && c.type === 'integer');
      const rows = source
        .prepare(
          `select ${names.map(quote).join(', ')} from ${quote(table)}${hasId ? ' order by id' : ''}`,
        )
        .raw()
        .iterate() as IterableIterator<unknown[]>;
      const insert = async (batch: unknown[][]) => {
        if (batch.length === 0) return;
        const values = batch
          .map((_, r) => `(${names.map((__, c) => `$${r * names.length + c + 1}`).join(', ')})`)
          .join(', ');
        await target.query(
          `insert into ${quote(table)} (${names.map(quote).join(', ')})${
            identity ? ' overriding system value' : ''
          } values ${values}`,
          batch.flatMap((row) => row.map((v, c) => convert(v, columns[c]!.type))),
        );
      };
      let batch: unknown[][] = [];
      for (const row of rows) {
        batch.push(row);
        if (batch.length === BATCH) {
          await insert(batch);
          batch = [];
        }
      }
      await insert(batch);
      if (identity) {
        // Identity columns continue after the copied ids.
        await target.query(
          `select setval(pg_get_serial_sequence($1, 'id'), coalesce(max(id), 0) + 1, false)
             from ${quote(table)}`,
          [table],
        );
      }
    }

    for (const statement of ROLLUP_REBUILD) await target.query(statement);
    for (const [table, trigger] of ROLLUP_TRIGGERS)
      await target.query(`alter table ${quote(table)} enable trigger ${quote(trigger)}`);
    const drift = (await target.query<Record<string, string>>(ROLLUP_DRIFT)).rows[0]!;
    if (Object.values(drift).some((n) => Number(n) !== 0)) {
      throw new CopyError(
        'MISMATCH',
        `Report rollups differ after the copy: ${JSON.stringify(drift)}`,
      );
    }

    const tables: CopyReport['tables'] = [];
    for (const table of order) {
      if (!sourceTables.has(table)) continue;
      if (ROLLUP_TABLES.has(table)) {
        tables.push({ name: table, rows: await count(target, table) });
        continue;
      }
      const expected = (
        source.prepare(`select count(*) as n from ${quote(table)}`).get() as { n: number }
      ).n;
      const got = await count(target, table);
      if (got !== expected) {
        throw new CopyError('MISMATCH', `${table}: ${expected} rows in the source, ${got} copied`);
      }
      tables.push({ name: table, rows: got });
    }
    const targetChain = await verifyChainPg(target);
    const sameHead =
      (sourceChain.head?.hash ?? null) === (targetChain.head?.hash ?? null) &&
      (sourceChain.head?.id ?? null) === (targetChain.head?.id ?? null);
    if (!targetChain.ok || !sameHead) {
      throw new CopyError(
        'MISMATCH',
        `The copied audit chain does not verify: ${targetChain.problem?.message ?? 'different head'}`,
      );
    }
    await target.query('commit');
    return {
      tables,
      totalRows: tables.reduce((s, t) => s + t.rows, 0),
      auditHead: targetChain.head ?? null,
      ms: Date.now() - started,
    };
  } catch (e) {
    await target.query('rollback');
    throw e;
  }
}
