// Restore a backup (stop the server first):  npm run db:restore -- <backup-file>
// Migrations run afterwards, so an older backup is brought up to the current schema.
import { loadConfig } from '../config.ts';
import { openDatabase, runMigrations } from '../db/client.ts';
import { restoreDatabase } from '../ops/backup.ts';
import { applyRetention } from '../ops/retention.ts';

const config = loadConfig();
const backup = process.argv[2];
if (!backup) {
  console.error('Usage: restore <backup-file>');
  process.exit(2);
}
const { previous } = restoreDatabase(backup, config.databasePath);
const db = openDatabase(config.databasePath);
runMigrations(db);
// Data that expired after the backup was taken must not come back to life.
const retention = await applyRetention(db, new Date());
db.$client.close();
console.log(
  `Restored ${backup} to ${config.databasePath}${previous ? ` (previous database kept as ${previous})` : ''}`,
);
console.log(`Retention re-applied: ${JSON.stringify(retention)}`);
