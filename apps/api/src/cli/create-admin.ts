// Creates the first administrator of a production installation:
//   DATABASE_PATH=... (or DATABASE_URL=postgres://...) ADMIN_EMAIL=... ADMIN_PASSWORD=... tsx src/cli/create-admin.ts
import { passwordProblem } from '@begegnung/domain';
import { loadConfig } from '../config.ts';
import { openAppDatabase } from '../db/open.ts';
import { hashPassword } from '../lib/passwords.ts';
import { emailExists, insertUser } from '../modules/users/users.repository.ts';
import { insertAudit } from '../modules/audit/audit.repository.ts';

const config = loadConfig();
const email = process.env.ADMIN_EMAIL?.trim().toLowerCase();
const password = process.env.ADMIN_PASSWORD ?? '';
if (!email || !email.includes('@')) {
  console.error('Set ADMIN_EMAIL to the administrator email address');
  process.exit(2);
}
const problem = passwordProblem(password, email);
if (problem) {
  console.error(
    `ADMIN_PASSWORD rejected: ${problem} (at least 12 characters, not a common password)`,
  );
  process.exit(2);
}
const database = await openAppDatabase(config);
const { db } = database;
if (await emailExists(db, email)) {
  console.error(`A user ${email} already exists`);
  process.exit(1);
}
const id = await insertUser(db, {
  email,
  displayName: process.env.ADMIN_NAME ?? 'Administrator',
  passwordHash: await hashPassword(password),
  roles: ['admin'],
  centreIds: [],
});
await insertAudit(db, {
  actorId: null,
  actorEmail: 'cli',
  action: 'create',
  entityType: 'user',
  entityId: id,
});
await database.close();
console.log(`Administrator ${email} created`);
