import { sql, type SQL } from 'drizzle-orm';

/**
 * The database engine this process runs on, fixed at start (decision 0003): PostgreSQL when
 * `DATABASE_URL` names one (`postgres://…` or `postgresql://…`), else the SQLite file at
 * `DATABASE_PATH`. The config validates the same variable; tables.ts picks the matching table
 * objects and the helpers below the few SQL fragments the two dialects spell differently.
 */
export type Engine = 'sqlite' | 'pg';

export const isPostgresUrl = (url: string | undefined) => /^postgres(ql)?:\/\//.test(url ?? '');

export const ENGINE: Engine = isPostgresUrl(process.env.DATABASE_URL) ? 'pg' : 'sqlite';
export const onPg = ENGINE === 'pg';

/** The current time as ISO-8601 UTC text, the format every timestamp column holds. */
export const sqlNow: SQL = onPg
  ? sql`(to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
  : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** The larger of text values (ISO dates compare as text): SQLite's scalar max, pg's greatest. */
export const greatest = (...parts: SQL[]): SQL =>
  sql`${sql.raw(onPg ? 'greatest' : 'max')}(${sql.join(parts, sql`, `)})`;

/** An ISO date (text) plus `days` days, as ISO date text. */
export const plusDays = (date: SQL, days: number): SQL =>
  onPg
    ? sql`to_char(cast(${date} as date) + ${sql.raw(String(Math.trunc(days)))}, 'YYYY-MM-DD')`
    : sql`date(${date}, ${`+${Math.trunc(days)} days`})`;

/** 1 when the condition holds, else 0, to sum (pg has no sum over booleans). */
export const flag = (condition: SQL): SQL => sql`(case when ${condition} then 1 else 0 end)`;

/** Case-insensitive LIKE with backslash escapes (SQLite's LIKE already ignores ASCII case). */
export const ilike = (column: unknown, pattern: string): SQL =>
  onPg ? sql`${column} ilike ${pattern} escape '\\'` : sql`${column} like ${pattern} escape '\\'`;

/** Text values of a JSON array held in a text column, as a table with one `value` column. */
export const jsonTextArray = (column: SQL): SQL =>
  onPg ? sql`jsonb_array_elements_text(cast(${column} as jsonb))` : sql`json_each(${column})`;

/** A JSON array of the values of `expr` over a group. */
export const jsonArrayAgg = (expr: SQL): SQL =>
  onPg ? sql`cast(json_agg(${expr}) as text)` : sql`json_group_array(${expr})`;
