// Apply the retention rules now (they also run daily in the server):
//   npm run db:retention            erase what is due, print counts
//   npm run db:retention -- --dry-run   list what would go, change nothing
import { loadConfig } from '../config.ts';
import { openAppDatabase } from '../db/open.ts';
import { applyRetention, dueParticipants } from '../ops/retention.ts';

const config = loadConfig();
const database = await openAppDatabase(config);
const { db } = database;
const now = new Date();
if (process.argv.includes('--dry-run')) {
  const { cutoff, months, due } = await dueParticipants(db, now);
  console.log(
    `Dry run: ${due.length} participant(s) without contact since before ${cutoff} (${months} months)`,
  );
  for (const p of due) console.log(`  ${p.code.padEnd(12)} last contact ${p.lastContactOn}`);
} else {
  console.log(`Retention applied: ${JSON.stringify(await applyRetention(db, now))}`);
}
await database.close();
