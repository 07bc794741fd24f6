// Online backup while the server runs:  npm run db:backup [-- <target-dir>]  (default ./backups)
import { loadConfig } from '../config.ts';
import { backupDatabase } from '../ops/backup.ts';

const config = loadConfig();
const targetDir = process.argv[2] ?? process.env.BACKUP_DIR ?? './backups';
const started = Date.now();
const file = await backupDatabase(config.databasePath, targetDir);
console.log(`Backup written to ${file} in ${Date.now() - started} ms`);
