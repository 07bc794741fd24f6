import { loadConfig } from '../config.ts';
import { openDatabase, runMigrations } from '../db/client.ts';
import { seedDemoIfEmpty } from '../seed/demo.ts';

const config = loadConfig();
if (config.databaseUrl) {
  console.error(
    'Demo data is generated into SQLite: seed a file and move it with npm run db:copy -- --from <file> --to <url>',
  );
  process.exit(2);
}
const db = openDatabase(config.databasePath);
runMigrations(db);
const seeded = await seedDemoIfEmpty(db);
db.$client.close();
console.log(seeded ? 'Demo data seeded' : 'Database already has users; nothing seeded');
