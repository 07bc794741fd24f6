import { loadConfig } from '../config.ts';
import { openAppDatabase } from '../db/open.ts';

const config = loadConfig();
const database = await openAppDatabase(config);
await database.close();
console.log(`Migrations applied to ${database.label}`);
