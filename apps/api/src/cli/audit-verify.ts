// Verify the audit log's hash chain of a database (read-only; the server may keep running):
//   npm run audit:verify -- <database-file>     SQLite
//   npm run audit:verify -- postgres://…        PostgreSQL (or no argument with DATABASE_URL set)
// Exits 0 when the chain holds, 1 naming the first broken, missing or reordered row, 2 on misuse.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { verifyChain, type ChainReport } from '../db/audit-chain.ts';
import { verifyChainPg } from '../db/audit-chain-pg.ts';
import { isPostgresUrl } from '../db/engine.ts';

const arg = process.argv.slice(2).find((a) => a !== '--') ?? process.env.DATABASE_URL;
if (!arg) {
  console.error('Usage: npm run audit:verify -- <database-file | postgres://…>');
  process.exit(2);
}

function print(report: ChainReport) {
  if (report.ok) {
    console.log(`Audit chain intact: ${report.rowsChecked} rows.`);
    if (report.head)
      console.log(`Head: row ${report.head.id} ${report.head.at} ${report.head.hash}`);
    process.exitCode = 0;
  } else {
    const p = report.problem!;
    console.error(`Audit chain BROKEN at row ${p.rowId} (${p.kind}): ${p.message}`);
    console.error(`${report.rowsChecked} rows before it are intact.`);
    process.exitCode = 1;
  }
}

if (isPostgresUrl(arg)) {
  const client = new pg.Client({ connectionString: arg });
  await client.connect();
  try {
    print(await verifyChainPg(client));
  } finally {
    await client.end();
  }
  process.exit();
}
// Through `npm run` the script runs in apps/api; resolve relative paths where the user typed them.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
if (!existsSync(path)) {
  console.error(`No such database file: ${path}`);
  process.exit(2);
}
const client = new Database(path, { readonly: true, fileMustExist: true });
try {
  print(verifyChain(client));
} finally {
  client.close();
}
