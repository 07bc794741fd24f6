// Move a city from its SQLite file to PostgreSQL, once:
//   npm run db:copy -- --from <sqlite file> --to <postgres url>
// Applies the PostgreSQL migrations to the (empty) target, copies every row in one
// transaction, then checks row counts and the audit chain; on any problem nothing is kept.
// Exits 0 on success, 1 when a check fails, 2 on misuse.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CopyError, copySqliteToPg } from '../db/copy.ts';
import { openPgDatabase, runPgMigrations } from '../db/pg-client.ts';

const usage = 'Usage: npm run db:copy -- --from <sqlite file> --to <postgres://…>';
let from: string | undefined;
let to: string | undefined;
try {
  ({
    values: { from, to },
  } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { from: { type: 'string' }, to: { type: 'string' } },
  }));
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
if (!from || !to || !/^postgres(ql)?:\/\//.test(to)) {
  console.error(usage);
  process.exit(2);
}
// Through `npm run` the script runs in apps/api; resolve the path where the user typed it.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), from);
if (!existsSync(path)) {
  console.error(`No such database file: ${path}`);
  process.exit(2);
}

const source = new Database(path, { readonly: true, fileMustExist: true });
const target = openPgDatabase(to, { max: 1 });
try {
  await runPgMigrations(target);
  const client = await target.$client.connect();
  try {
    const report = await copySqliteToPg(source, client);
    for (const t of report.tables) console.log(`${t.name.padEnd(32)} ${t.rows}`);
    console.log(
      `Copied ${report.totalRows} rows in ${report.tables.length} tables in ${report.ms} ms; ` +
        `audit chain verified up to row ${report.auditHead?.id ?? 0}.`,
    );
  } finally {
    client.release();
  }
} catch (e) {
  console.error(e instanceof CopyError ? `Copy refused (${e.code}): ${e.message}` : e);
  process.exitCode = 1;
} finally {
  source.close();
  await target.$client.end();
}
