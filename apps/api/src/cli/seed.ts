import { loadConfig } from '../config.ts';
import { openAppDatabase } from '../db/open.ts';
import { seedDemoIfEmpty } from '../seed/demo.ts';

const config = loadConfig();
const database = await openAppDatabase(config);
const { db } = database;
const seeded = await seedDemoIfEmpty(db);
await database.close();
console.log(seeded ? 'Demo data seeded' : 'Database already has users; nothing seeded');
