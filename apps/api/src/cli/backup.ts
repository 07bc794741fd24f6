// Online backup while the server runs:  npm run db:backup [-- <target-dir>]  (default ./backups)
// SQLite's backup API, or pg_dump when DATABASE_URL names a PostgreSQL database.
import { loadConfig } from '../config.ts';
import { backupDatabase } from '../ops/backup.ts';
import { backupPg } from '../ops/pg-backup.ts';

const config = loadConfig();
const targetDir = process.argv[2] ?? process.env.BACKUP_DIR ?? './backups';
const started = Date.now();
const file = config.databaseUrl
  ? backupPg(config.databaseUrl, targetDir)
  : await backupDatabase(config.databasePath, targetDir);
console.log(`Backup written to ${file} in ${Date.now() - started} ms`);
