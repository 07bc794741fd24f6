// Applicant purge on demand:  tsx src/cli/purge-applicants.ts [--dry-run]
// The server also runs it daily (ops/retention.ts); each purge is audited as "system:retention".
import { today } from '../lib/clock.ts';
import { loadConfig } from '../config.ts';
import { openAppDatabase } from '../db/open.ts';
import { purgeApplicants } from '../modules/hiring/purge.service.ts';

const dryRun = process.argv.includes('--dry-run');
const config = loadConfig();
const database = await openAppDatabase(config);
const { db } = database;
const result = await purgeApplicants(db, { today: today(), dryRun, actor: null });
await database.close();
console.log(
  `${dryRun ? 'Would purge' : 'Purged'} ${result.applicationIds.length} application(s) ` +
    `(retention ${result.retentionMonths} months, as of ${result.today})` +
    (result.applicationIds.length ? `: ${result.applicationIds.join(', ')}` : ''),
);
