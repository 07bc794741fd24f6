// Applicant purge on demand:  tsx src/cli/purge-applicants.ts [--dry-run]
// The server also runs it daily (ops/retention.ts); each purge is audited as "system:retention".
import { today } from '../lib/clock.ts';
import { loadConfig } from '../config.ts';
import { openDatabase, runMigrations } from '../db/client.ts';
import { purgeApplicants } from '../modules/hiring/purge.service.ts';

const dryRun = process.argv.includes('--dry-run');
const config = loadConfig();
const db = openDatabase(config.databasePath);
runMigrations(db);
const result = await purgeApplicants(db, { today: today(), dryRun, actor: null });
db.$client.close();
console.log(
  `${dryRun ? 'Would purge' : 'Purged'} ${result.applicationIds.length} application(s) ` +
    `(retention ${result.retentionMonths} months, as of ${result.today})` +
    (result.applicationIds.length ? `: ${result.applicationIds.join(', ')}` : ''),
);
