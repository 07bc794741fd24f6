// The two engines describe one schema (issue 15, decision 0003): a fresh SQLite database and a
// fresh PostgreSQL database, each built by its real committed migrations, must have the same
// tables, columns (name, nullability, type), views, indexes, foreign keys and triggers. The
// PostgreSQL schema in src/db/pg-schema must match its own migrations too. Runs against a
// real PostgreSQL server (test/pg-global-setup.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { is } from 'drizzle-orm';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations } from '../src/db/client.ts';
import { openPgDatabase, runPgMigrations, type PgDb } from '../src/db/pg-client.ts';
import * as sqliteSchema from '../src/db/schema/index.ts';
import * as pgSchema from '../src/db/pg-schema/index.ts';
import { createPgTestDatabase } from './pg-helper.ts';

/** PostgreSQL-only objects, each standing in for something SQLite keeps internally. */
const PG_ONLY_TABLES = new Set([
  'audit_log_head', // SQLite: sqlite_sequence
  'rate_limits', // SQLite: the rate-limit counters live in the one process
  'job_runs', // SQLite: one process runs the daily jobs
]);
const PG_ONLY_TRIGGERS = new Set([
  'audit_log_no_truncate', // TRUNCATE fires no row trigger in PostgreSQL
  'audit_subjects_no_truncate',
  'audit_log_head', // moves audit_log_head, as AUTOINCREMENT moves sqlite_sequence
  'audit_log_head_forward',
  'audit_log_head_no_truncate',
  'published_reports_no_truncate',
]);
/** Keys in [0, 2^32) do not fit PostgreSQL's 32-bit integer. */
const WIDE_INTEGERS = new Set([
  'participants.record_key',
  'encounters.record_key',
  'outreach_residue.task_key',
  'encounter_day_rollup.anonymous_key',
]);

interface Shape {
  /** table → column → "type null|not null" */
  tables: Map<string, Map<string, string>>;
  /** view → column names in order */
  views: Map<string, string[]>;
  /** index name → "table(columns) unique? partial?" */
  indexes: Map<string, string>;
  /** "table.column → table.column on delete X" */
  foreignKeys: Set<string>;
  /** trigger name → table */
  triggers: Map<string, string>;
}

const col = (type: string, nullable: boolean) => `${type} ${nullable ? 'null' : 'not null'}`;
const idx = (table: string, columns: string[], unique: boolean, partial: boolean) =>
  `${table}(${columns.join(',')})${unique ? ' unique' : ''}${partial ? ' partial' : ''}`;

/** Lists every difference between the SQLite shape and the PostgreSQL shape. */
function schemaDiff(lite: Shape, pg: Shape): string[] {
  const out: string[] = [];
  const keys = (a: Map<string, unknown> | Set<string>, b: Map<string, unknown> | Set<string>) =>
    [...new Set([...a.keys(), ...b.keys()])].sort();
  for (const t of keys(lite.tables, pg.tables)) {
    const a = lite.tables.get(t);
    const b = pg.tables.get(t);
    if (!a || !b) {
      out.push(`table ${t}: only in ${a ? 'SQLite' : 'PostgreSQL'}`);
      continue;
    }
    for (const c of keys(a, b)) {
      if (a.get(c) !== b.get(c))
        out.push(
          `column ${t}.${c}: SQLite ${a.get(c) ?? 'missing'}, PostgreSQL ${b.get(c) ?? 'missing'}`,
        );
    }
  }
  for (const v of keys(lite.views, pg.views)) {
    // Column order may differ (SQLite appends ALTERed columns); queries name their columns.
    const a = lite.views.get(v)?.toSorted().join(',');
    const b = pg.views.get(v)?.toSorted().join(',');
    if (a !== b) out.push(`view ${v}: SQLite (${a ?? 'missing'}), PostgreSQL (${b ?? 'missing'})`);
  }
  for (const i of keys(lite.indexes, pg.indexes)) {
    const a = lite.indexes.get(i);
    const b = pg.indexes.get(i);
    if (a !== b) out.push(`index ${i}: SQLite ${a ?? 'missing'}, PostgreSQL ${b ?? 'missing'}`);
  }
  for (const f of keys(lite.foreignKeys, pg.foreignKeys)) {
    if (!lite.foreignKeys.has(f)) out.push(`foreign key ${f}: only in PostgreSQL`);
    if (!pg.foreignKeys.has(f)) out.push(`foreign key ${f}: only in SQLite`);
  }
  for (const t of keys(lite.triggers, pg.triggers)) {
    const a = lite.triggers.get(t);
    const b = pg.triggers.get(t);
    if (a !== b)
      out.push(`trigger ${t}: SQLite on ${a ?? 'missing'}, PostgreSQL on ${b ?? 'missing'}`);
  }
  return out;
}

/** drizzle's SQLite column kinds by "table.column", to tell booleans and JSON from integers and text. */
function sqliteColumnKinds() {
  const kinds = new Map<string, string>();
  for (const t of Object.values(sqliteSchema)) {
    if (!is(t, SQLiteTable)) continue;
    const cfg = sqliteTableConfig(t);
    for (const c of cfg.columns) kinds.set(`${cfg.name}.${c.name}`, c.columnType);
  }
  return kinds;
}

/** The PostgreSQL type a migrated SQLite column must have (or a marker that never matches). */
function expectedPgType(kinds: Map<string, string>, key: string, declared: string): string {
  const family: Record<string, string[]> = {
    integer: ['SQLiteInteger', 'SQLiteBoolean'],
    text: ['SQLiteText', 'SQLiteTextJson'],
    blob: ['SQLiteBlobBuffer'],
  };
  const kind = kinds.get(key);
  if (!kind || !family[declared.toLowerCase()]?.includes(kind))
    return `${declared} (drizzle: ${kind ?? 'no column'})`;
  return {
    SQLiteInteger: WIDE_INTEGERS.has(key) ? 'bigint' : 'integer',
    SQLiteBoolean: 'boolean',
    SQLiteText: 'text',
    SQLiteTextJson: 'jsonb',
    SQLiteBlobBuffer: 'bytea',
  }[kind]!;
}

function sqliteShape(path: string): Shape {
  const db = openDatabase(path);
  runMigrations(db);
  const c = db.$client;
  const kinds = sqliteColumnKinds();
  const objects = c
    .prepare(
      `select type, name, tbl_name from sqlite_master
       where name not like 'sqlite_%' and name not like '__drizzle%'`,
    )
    .all() as { type: string; name: string; tbl_name: string }[];
  const shape: Shape = {
    tables: new Map(),
    views: new Map(),
    indexes: new Map(),
    foreignKeys: new Set(),
    triggers: new Map(),
  };
  type Info = { name: string; type: string; notnull: number; pk: number };
  for (const o of objects) {
    if (o.type === 'table') {
      const cols = c.prepare(`pragma table_info(${o.name})`).all() as Info[];
      shape.tables.set(
        o.name,
        new Map(
          cols.map((k) => [
            k.name,
            col(expectedPgType(kinds, `${o.name}.${k.name}`, k.type), !(k.notnull || k.pk)),
          ]),
        ),
      );
      const fks = c.prepare(`pragma foreign_key_list(${o.name})`).all() as {
        table: string;
        from: string;
        to: string;
        on_delete: string;
      }[];
      for (const f of fks)
        shape.foreignKeys.add(`${o.name}.${f.from} → ${f.table}.${f.to} on delete ${f.on_delete}`);
      const list = c.prepare(`pragma index_list(${o.name})`).all() as {
        name: string;
        unique: number;
        origin: string;
        partial: number;
      }[];
      for (const i of list) {
        if (i.origin === 'pk' || i.name.startsWith('sqlite_autoindex_')) continue;
        const columns = (c.prepare(`pragma index_info(${i.name})`).all() as { name: string }[]).map(
          (k) => k.name,
        );
        shape.indexes.set(i.name, idx(o.name, columns, !!i.unique, !!i.partial));
      }
    } else if (o.type === 'view') {
      const cols = c.prepare(`pragma table_info(${o.name})`).all() as Info[];
      shape.views.set(
        o.name,
        cols.map((k) => k.name),
      );
    } else if (o.type === 'trigger') {
      shape.triggers.set(o.name, o.tbl_name);
    }
  }
  c.close();
  return shape;
}

async function pgShape(client: Pick<pg.ClientBase, 'query'>): Promise<Shape> {
  const q = async <T>(text: string) => (await client.query(text)).rows as T[];
  const shape: Shape = {
    tables: new Map(),
    views: new Map(),
    indexes: new Map(),
    foreignKeys: new Set(),
    triggers: new Map(),
  };
  const relations = await q<{ table_name: string; table_type: string }>(
    `select table_name, table_type from information_schema.tables where table_schema = 'public'`,
  );
  const columns = await q<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
  }>(
    `select table_name, column_name, data_type, is_nullable from information_schema.columns
     where table_schema = 'public' order by table_name, ordinal_position`,
  );
  for (const r of relations) {
    if (PG_ONLY_TABLES.has(r.table_name)) continue;
    const cols = columns.filter((c) => c.table_name === r.table_name);
    if (r.table_type === 'VIEW')
      shape.views.set(
        r.table_name,
        cols.map((c) => c.column_name),
      );
    else
      shape.tables.set(
        r.table_name,
        new Map(cols.map((c) => [c.column_name, col(c.data_type, c.is_nullable === 'YES')])),
      );
  }
  const indexes = await q<{
    name: string;
    table: string;
    columns: string[];
    unique: boolean;
    partial: boolean;
  }>(
    `select ic.relname as name, tc.relname as table, i.indisunique as unique,
            i.indpred is not null as partial,
            array(select a.attname from unnest(i.indkey::int2[]) with ordinality k(attnum, n)
                  join pg_attribute a on a.attrelid = tc.oid and a.attnum = k.attnum
                  order by k.n)::text[] as columns
     from pg_index i
     join pg_class ic on ic.oid = i.indexrelid
     join pg_class tc on tc.oid = i.indrelid
     join pg_namespace ns on ns.oid = tc.relnamespace
     where ns.nspname = 'public' and not i.indisprimary`,
  );
  for (const i of indexes) {
    if (PG_ONLY_TABLES.has(i.table)) continue;
    shape.indexes.set(i.name, idx(i.table, i.columns, i.unique, i.partial));
  }
  const onDelete: Record<string, string> = {
    a: 'NO ACTION',
    r: 'RESTRICT',
    c: 'CASCADE',
    n: 'SET NULL',
    d: 'SET DEFAULT',
  };
  const fks = await q<{ t: string; c: string; rt: string; rc: string; del: string }>(
    `select cl.relname as t, a.attname as c, rt.relname as rt, ra.attname as rc, con.confdeltype as del
     from pg_constraint con
     join pg_class cl on cl.oid = con.conrelid
     join pg_class rt on rt.oid = con.confrelid
     join pg_namespace ns on ns.oid = cl.relnamespace
     join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
     join pg_attribute ra on ra.attrelid = con.confrelid and ra.attnum = con.confkey[1]
     where con.contype = 'f' and ns.nspname = 'public'`,
  );
  for (const f of fks)
    shape.foreignKeys.add(`${f.t}.${f.c} → ${f.rt}.${f.rc} on delete ${onDelete[f.del]}`);
  const triggers = await q<{ name: string; table: string }>(
    `select tg.tgname as name, cl.relname as table from pg_trigger tg
     join pg_class cl on cl.oid = tg.tgrelid
     join pg_namespace ns on ns.oid = cl.relnamespace
     where not tg.tgisinternal and ns.nspname = 'public'`,
  );
  for (const t of triggers) if (!PG_ONLY_TRIGGERS.has(t.name)) shape.triggers.set(t.name, t.table);
  return shape;
}

describe('PostgreSQL and SQLite migrations describe the same schema', () => {
  let dir: string;
  let db: PgDb;
  let lite: Shape;
  let migrated: Shape;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'begegnung-schema-'));
    lite = sqliteShape(join(dir, 'schema.db'));
    db = openPgDatabase(await createPgTestDatabase(), { max: 2 });
    await runPgMigrations(db);
    migrated = await pgShape(db.$client);
  });
  afterAll(async () => {
    await db?.$client.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the same tables, columns, views, indexes, foreign keys and triggers', () => {
    expect(lite.tables.size).toBeGreaterThan(30);
    expect(lite.indexes.size).toBeGreaterThan(30);
    expect(lite.triggers.size).toBeGreaterThan(10);
    expect(schemaDiff(lite, migrated)).toEqual([]);
  });

  it('src/db/pg-schema matches the PostgreSQL migrations', () => {
    const problems: string[] = [];
    const declared = new Set<string>();
    for (const t of Object.values(pgSchema)) {
      if (!is(t, PgTable)) continue;
      const cfg = pgTableConfig(t);
      declared.add(cfg.name);
      const cols = migrated.tables.get(cfg.name);
      if (!cols) {
        problems.push(`table ${cfg.name}: not migrated`);
        continue;
      }
      for (const c of cfg.columns) {
        const want = col(c.getSQLType(), !(c.notNull || c.primary));
        if (cols.get(c.name) !== want)
          problems.push(`${cfg.name}.${c.name}: schema ${want}, migrated ${cols.get(c.name)}`);
      }
      for (const name of cols.keys())
        if (!cfg.columns.some((c) => c.name === name))
          problems.push(`${cfg.name}.${name}: migrated, not in pg-schema`);
      for (const i of cfg.indexes)
        if (!migrated.indexes.has(i.config.name!))
          problems.push(`index ${i.config.name}: not migrated`);
    }
    for (const t of migrated.tables.keys())
      if (!declared.has(t)) problems.push(`table ${t}: migrated, not in pg-schema`);
    expect(problems).toEqual([]);
  });

  it('names every kind of drift (the comparison can fail)', async () => {
    const client = await db.$client.connect();
    try {
      await client.query(`
      begin;
      alter table participants add column nationality text;
      alter table centres alter column address drop not null;
      alter table users alter column active drop default,
        alter column active type integer using active::int;
      drop index follow_ups_assignee_idx;
      create index encounters_slot_idx2 on encounters (centre_id);
      drop trigger encounters_record_key_fixed on encounters;
    `);
      const drifted = await pgShape(client);
      expect(schemaDiff(lite, drifted).sort()).toEqual(
        [
          'column centres.address: SQLite text not null, PostgreSQL text null',
          'column participants.nationality: SQLite missing, PostgreSQL text null',
          'column users.active: SQLite boolean not null, PostgreSQL integer not null',
          'index encounters_slot_idx2: SQLite missing, PostgreSQL encounters(centre_id)',
          'index follow_ups_assignee_idx: SQLite follow_ups(assignee_id,status), PostgreSQL missing',
          'trigger encounters_record_key_fixed: SQLite on encounters, PostgreSQL on missing',
        ].sort(),
      );
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
