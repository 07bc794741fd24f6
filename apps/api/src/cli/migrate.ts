import { loadConfig } from '../config.ts';
import { openDatabase, runMigrations } from '../db/client.ts';

const config = loadConfig();
const db = openDatabase(config.databasePath);
runMigrations(db);
db.$client.close();
console.log(`Migrations applied to ${config.databasePath}`);
