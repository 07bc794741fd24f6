import { loadConfig } from '../config.ts';
import { openDatabase, runMigrations } from '../db/client.ts';
import { seedDemoIfEmpty } from '../seed/demo.ts';

const config = loadConfig();
const db = openDatabase(config.databasePath);
runMigrations(db);
const seeded = await seedDemoIfEmpty(db);
db.$client.close();
console.log(seeded ? 'Demo data seeded' : 'Database already has users; nothing seeded');
