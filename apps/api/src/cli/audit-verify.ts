// Verify the audit log's hash chain of a database file (read-only; the server may keep running):
//   npm run audit:verify -- <database-file>
// Exits 0 when the chain holds, 1 naming the first broken, missing or reordered row, 2 on misuse.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyChain } from '../db/audit-chain.ts';

const arg = process.argv.slice(2).find((a) => a !== '--');
if (!arg) {
  console.error('Usage: npm run audit:verify -- <database-file>');
  process.exit(2);
}
// Through `npm run` the script runs in apps/api; resolve relative paths where the user typed them.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
if (!existsSync(path)) {
  console.error(`No such database file: ${path}`);
  process.exit(2);
}
const client = new Database(path, { readonly: true, fileMustExist: true });
try {
  const report = verifyChain(client);
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
} finally {
  client.close();
}
