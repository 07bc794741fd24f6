import type pg from 'pg';

/**
 * Tables whose rows, once written, never change: the hash-chained audit log with its head and
 * subject index, and the frozen council reports. The application role may read and append to
 * them, never UPDATE, DELETE or TRUNCATE: with the append-only triggers of drizzle-pg this is
 * the second lock, and the one that holds even against someone who gets the application's
 * credentials (a role that does not own a table cannot disable its triggers either).
 */
export const APPEND_ONLY_TABLES = [
  'audit_log',
  'audit_log_head',
  'audit_subjects',
  'published_reports',
] as const;

/**
 * Tables maintained only by triggers: the application role inserts through the trigger
 * functions' owner rights where needed, so it keeps INSERT and the head's forward-only UPDATE.
 */
const TRIGGER_WRITTEN: Record<string, string> = {
  audit_log_head: 'select, insert, update',
  audit_subjects: 'select, insert',
};

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a plain role name: ${name}`);
  return name;
};

/**
 * Grants the application role what the API needs on a migrated database and nothing more:
 * data manipulation on ordinary tables, SELECT and INSERT only on append-only ones, use of the
 * identity sequences; no DDL, no ownership. Run by the database owner after the migrations
 * (the owner keeps migrating; the API connects as `role`). Idempotent.
 */
export async function grantApplicationRole(owner: pg.ClientBase, role: string) {
  const r = ident(role);
  const tables = (
    await owner.query<{ name: string }>(
      `select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    )
  ).rows.map((x) => x.name);
  await owner.query(`revoke all on all tables in schema public from ${r}`);
  await owner.query(`grant usage on schema public to ${r}`);
  for (const t of tables) {
    const appendOnly = (APPEND_ONLY_TABLES as readonly string[]).includes(t);
    const privileges =
      TRIGGER_WRITTEN[t] ?? (appendOnly ? 'select, insert' : 'select, insert, update, delete');
    await owner.query(`grant ${privileges} on "${t}" to ${r}`);
  }
  await owner.query(`grant usage, select on all sequences in schema public to ${r}`);
  await owner.query(`revoke create on schema public from ${r}`);
}
