// Report rollups (issue 15 part 5): triggers keep them in step with every write; this checks
// them against a full recomputation and rebuilds them.
//   npm run db:rollups               rebuild; prints the differences found before
//   npm run db:rollups -- --check    compare only; exit code 1 when they differ
import { loadConfig } from '../config.ts';
import { openAppDatabase } from '../db/open.ts';
import { rebuildRollups, rollupDrift } from '../modules/reporting/rollups.repository.ts';

const config = loadConfig();
const database = await openAppDatabase(config);
const check = process.argv.includes('--check');
const started = performance.now();
const drift = check ? await rollupDrift(database.db) : await rebuildRollups(database.db);
const ms = Math.round(performance.now() - started);
const clean = drift.encounterDays === 0 && drift.personMonths === 0 && drift.namedAttendees === 0;
console.log(
  `${check ? 'Checked' : 'Rebuilt'} report rollups in ${ms} ms. Differences ${check ? '' : 'before the rebuild '}` +
    `(rows): encounter days ${drift.encounterDays}, person months ${drift.personMonths}, ` +
    `named-attendee counts ${drift.namedAttendees}.`,
);
await database.close();
if (check && !clean) process.exitCode = 1;
