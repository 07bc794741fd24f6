// Restore a backup (stop the server first):  npm run db:restore -- <backup-file>
// Migrations run afterwards, so an older backup is brought up to the current schema, and
// retention is re-applied. SQLite file, or pg_restore when DATABASE_URL names PostgreSQL.
import { loadConfig } from '../config.ts';
import { openAppDatabase } from '../db/open.ts';
import { restoreDatabase } from '../ops/backup.ts';
import { restorePg } from '../ops/pg-backup.ts';
import { applyRetention } from '../ops/retention.ts';
import { authChanged } from '../modules/auth/auth-cache.ts';

const config = loadConfig();
const backup = process.argv[2];
if (!backup) {
  console.error('Usage: restore <backup-file>');
  process.exit(2);
}
let previous: string | undefined;
if (config.databaseUrl) restorePg(backup, config.databaseUrl);
else previous = restoreDatabase(backup, config.databasePath).previous;
const database = await openAppDatabase(config);
// Data that expired after the backup was taken must not come back to life.
const retention = await applyRetention(database.db, new Date());
// Instances still running on PostgreSQL drop every cached session (on SQLite none can be).
await authChanged(database.db, { all: true });
await database.close();
console.log(
  `Restored ${backup} to ${database.label}${previous ? ` (previous database kept as ${previous})` : ''}`,
);
console.log(`Retention re-applied: ${JSON.stringify(retention)}`);
