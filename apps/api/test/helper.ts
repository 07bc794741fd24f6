import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Role } from '@begegnung/domain';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig, type AppConfig } from '../src/config.ts';
import { openDatabase, runMigrations, type Db } from '../src/db/client.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { insertUser } from '../src/modules/users/users.repository.ts';
import { centres, operators } from '../src/db/schema/index.ts';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestApp {
  app: App;
  db: Db;
  config: AppConfig;
}

/**
 * A real app on a fresh SQLite file made by the real migrations; one per test file.
 * Closed and deleted after the file's tests.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'begegnung-test-'));
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'test.db'),
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  });
  const db = openDatabase(config.databasePath);
  runMigrations(db);
  const app = await buildApp({ config, db, logger: false });
  await app.ready();
  afterAll(async () => {
    await app.close();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, db, config };
}

let counter = 0;
/** Unique values so tests never depend on each other's rows. */
export const unique = (prefix = 'x') =>
  `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export function makeOperator(db: Db, name = unique('Träger ')) {
  return db.insert(operators).values({ name, legalForm: 'e_v' }).returning().get();
}

export function makeCentre(db: Db, overrides: Partial<typeof centres.$inferInsert> = {}) {
  const op = overrides.operatorId ? { id: overrides.operatorId } : makeOperator(db);
  const code = unique('')
    .replace(/[^a-z]/g, '')
    .toUpperCase()
    .slice(0, 4)
    .padEnd(2, 'Q');
  return db
    .insert(centres)
    .values({
      name: unique('Zentrum '),
      code: (code + 'ZZ').slice(0, 6),
      operatorId: op.id,
      address: 'Teststraße 1',
      district: 'Testviertel',
      ...overrides,
    })
    .returning()
    .get();
}

let hashed: Promise<string> | undefined;
export async function makeUser(db: Db, roles: Role[], centreIds: number[] = []) {
  const email = `${unique('user')}@test.begegnung.de`;
  const id = insertUser(db, {
    email,
    displayName: email.split('@')[0]!,
    passwordHash: await (hashed ??= hashPassword(TEST_PASSWORD)),
    roles,
    centreIds,
  });
  return { id, email };
}

export interface Client {
  userId: number;
  email: string;
  cookie: string;
  csrf: string;
  request: (opts: {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    url: string;
    payload?: unknown;
    headers?: Record<string, string>;
  }) => ReturnType<App['inject']>;
}

/** Signs in through the real login route and returns a client that sends cookie + CSRF token. */
export async function signIn(app: App, user: { id: number; email: string }): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: user.email, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'begegnung_session');
  const cookie = `begegnung_session=${setCookie!.value}`;
  const csrf = res.json().csrfToken as string;
  return {
    userId: user.id,
    email: user.email,
    cookie,
    csrf,
    request: ({ method, url, payload, headers }) =>
      app.inject({
        method,
        url,
        payload: payload as never,
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
      }),
  };
}

/** Creates a user with the given roles and signs them in. */
export async function userClient(t: TestApp, roles: Role[], centreIds: number[] = []) {
  return signIn(t.app, await makeUser(t.db, roles, centreIds));
}
