import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { ApiErrorSchema, type ApiError, type ErrorCode, type Role } from '@begegnung/domain';
import { buildApp, type App, type BuildOptions } from '../src/app.ts';
import { loadConfig, type AppConfig } from '../src/config.ts';
import { openDatabase, runMigrations, type Db } from '../src/db/client.ts';
import { onPg } from '../src/db/engine.ts';
import { openPgDatabase, runPgMigrations } from '../src/db/pg-client.ts';
import { rawAll, rawGet, rawRun } from '../src/db/raw.ts';
import { createPgTestDatabase } from './pg-helper.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { insertUser } from '../src/modules/users/users.repository.ts';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDb } from '../src/db/pg-client.ts';
import { driverError } from '../src/db/errors.ts';
import { centres, operators } from '../src/db/tables.ts';

export const TEST_PASSWORD = 'correct-horse-battery';

const TEST_ENV = {
  LOG_LEVEL: 'silent',
  LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  LOGIN_LOCKOUT_THRESHOLD: '1000',
  LOGIN_ADDRESS_THRESHOLD: '100000',
  LOGIN_ACCOUNT_THRESHOLD: '100000',
};

export interface TestApp {
  app: App;
  db: Db;
  config: AppConfig;
}

/**
 * A real app on a fresh database made by the real migrations, one per test file: a SQLite
 * file, or in the PostgreSQL lane (vitest project api-pg, DATABASE_URL set) a fresh database on
 * the test cluster. Closed and deleted after the file's tests.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { logger?: BuildOptions['logger'] } = {},
): Promise<TestApp> {
  const logger = options.logger ?? false;
  if (onPg) return createPgTestApp(env, logger);
  const dir = mkdtempSync(join(tmpdir(), 'begegnung-test-'));
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'test.db'),
    ...TEST_ENV,
    ...env,
  });
  const db = openDatabase(config.databasePath);
  runMigrations(db);
  const app = await buildApp({ config, db, logger });
  await app.ready();
  afterAll(async () => {
    await app.close();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, db, config };
}

async function createPgTestApp(
  env: Record<string, string>,
  logger: BuildOptions['logger'],
): Promise<TestApp> {
  const url = await createPgTestDatabase();
  const config = loadConfig({ ...TEST_ENV, DATABASE_URL: url, ...env });
  const pgDb = openPgDatabase(url, { max: 4 });
  await runPgMigrations(pgDb);
  const db = pgDb as unknown as Db;
  const app = await buildApp({ config, db, logger });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await pgDb.$client.end();
  });
  return { app, db, config };
}

/**
 * A second instance of the app on the database of `t` (its own connection, its own in-process
 * state), as a second server process would be: requests may alternate between the two.
 * Closed after the file's tests.
 */
export async function createSecondApp(t: TestApp): Promise<TestApp> {
  let db: Db;
  let closeDb: () => Promise<void>;
  if (onPg) {
    const pgDb = openPgDatabase(t.config.databaseUrl!, { max: 2 });
    db = pgDb as unknown as Db;
    closeDb = () => pgDb.$client.end();
  } else {
    db = openDatabase(t.config.databasePath);
    closeDb = async () => {
      db.$client.close();
    };
  }
  const app = await buildApp({ config: t.config, db, logger: false });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await closeDb();
  });
  return { app, db, config: t.config };
}

let counter = 0;
/** Unique values so tests never depend on each other's rows. */
export const unique = (prefix = 'x') =>
  `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

let codeCounter = Math.floor(Math.random() * 26 ** 3);
/** A fresh centre code (upper-case letters, 4–6 long, matching ^[A-Z]{2,6}$). */
export function uniqueCode() {
  let n = codeCounter++;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `Q${out.padStart(3, 'A')}`.slice(0, 6);
}

export async function makeOperator(db: Db, name = unique('Träger ')) {
  return (await db.insert(operators).values({ name, legalForm: 'e_v' }).returning())[0]!;
}

export async function makeCentre(db: Db, overrides: Partial<typeof centres.$inferInsert> = {}) {
  const op = overrides.operatorId ? { id: overrides.operatorId } : await makeOperator(db);
  const rows = await db
    .insert(centres)
    .values({
      name: unique('Zentrum '),
      code: uniqueCode(),
      operatorId: op.id,
      address: 'Teststraße 1',
      district: 'Testviertel',
      ...overrides,
    })
    .returning();
  return rows[0]!;
}

let hashed: Promise<string> | undefined;
export async function makeUser(db: Db, roles: Role[], centreIds: number[] = []) {
  const email = `${unique('user')}@test.begegnung.de`;
  const id = await insertUser(db, {
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
  }) => Promise<LightMyRequestResponse>;
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

/** Asserts status and the stable error `code`; returns the error body. */
export function expectError(
  res: { statusCode: number; body: string; json: () => unknown },
  status: number,
  code: ErrorCode,
) {
  const body = res.json() as ApiError;
  expect({ status: res.statusCode, code: body.code }, res.body).toEqual({ status, code });
  expect(Value.Check(ApiErrorSchema, body), res.body).toBe(true);
  return body;
}

/** Asserts that a response body matches a domain schema, listing the mismatches if not. */
export function expectSchema(schema: TSchema, value: unknown) {
  const problems = Value.Check(schema, value)
    ? []
    : Value.Errors(schema, value).map((e) => `${e.instancePath}: ${e.message}`);
  expect(problems).toEqual([]);
}

export interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  actor_email: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  changed_fields: string | null;
  reason: string | null;
  ip: string | null;
  subjects: string | null;
}

/**
 * Audit rows matching every given column value, oldest first, read straight from the
 * database. JSON columns come back as their JSON text on both engines.
 */
export async function auditRows(db: Db, where: Partial<AuditRow> = {}): Promise<AuditRow[]> {
  const keys = Object.keys(where) as (keyof AuditRow)[];
  const conds = keys.map((k) =>
    where[k] === null
      ? sql`${sql.identifier(k)} is null`
      : k === 'subjects' || k === 'changed_fields'
        ? sql`cast(${sql.identifier(k)} as text) = ${where[k]}`
        : sql`${sql.identifier(k)} = ${where[k]}`,
  );
  const rows = await rawAll(db)<AuditRow>(
    sql`select * from audit_log ${conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``} order by id`,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    changed_fields: jsonText(r.changed_fields),
    subjects: jsonText(r.subjects),
  }));
}

const jsonText = (v: unknown) => (v === null || typeof v === 'string' ? v : JSON.stringify(v));

/** The highest audit id so far: compare with later rows to see what one request wrote. */
export const lastAuditId = async (db: Db) =>
  Number(
    (await rawGet(db)<{ n: number }>(sql`select coalesce(max(id), 0) as n from audit_log`))!.n,
  );

/**
 * Real audit traffic for the chain tests: sign-ins of an admin and a coordinator, five writes
 * and a denial, at least 8 audit rows in all.
 */
export async function makeAuditTraffic(t: TestApp) {
  const admin = await userClient(t, ['admin']);
  for (let i = 0; i < 5; i++) {
    await admin.request({
      method: 'POST',
      url: '/api/operators',
      payload: { name: `Träger Kette ${i}`, legalForm: 'e_v' },
    });
  }
  const staff = await userClient(t, ['coordinator']);
  await staff.request({ method: 'GET', url: '/api/audit' });
  expect(await lastAuditId(t.db)).toBeGreaterThanOrEqual(8);
}

/** A signed-in client holding exactly one role; centre staff get a fresh centre of their own. */
export async function roleClient(t: TestApp, role: Role) {
  const centreIds = role === 'centre_staff' ? [(await makeCentre(t.db)).id] : [];
  return userClient(t, [role], centreIds);
}

/** An anonymous request: no cookie, no CSRF token. */
export const anon = (
  t: TestApp,
  opts: { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; payload?: unknown },
) => t.app.inject({ method: opts.method, url: opts.url, payload: opts.payload as never });

/**
 * Hand-written SQL in tests, on either engine: `q(t.db).get<T>('select … where id = ?', id)`,
 * `.all`, `.run`. Each `?` becomes a bound parameter (pg's $1, $2, … through drizzle's `sql`);
 * JS booleans are bound as 1/0 on SQLite, which has no boolean type. Keep the SQL itself
 * portable: compare boolean columns as `active` / `not active`, quote camelCase aliases.
 * `exec` runs a script of several statements without parameters.
 */
export const q = (db: Db) => {
  const build = (text: string, params: unknown[]): SQL => {
    const parts = text.split('?');
    if (parts.length - 1 !== params.length)
      throw new Error(`q: ${parts.length - 1} placeholders, ${params.length} parameters`);
    const chunks: SQL[] = [sql.raw(parts[0]!)];
    params.forEach((p, i) => {
      const value = typeof p === 'boolean' && !onPg ? Number(p) : p;
      chunks.push(sql`${value}`, sql.raw(parts[i + 1]!));
    });
    return sql.join(chunks, sql``);
  };
  // The driver's own error (a trigger's message, pg's SQLSTATE), not drizzle's wrapper.
  const unwrap = (e: unknown) => {
    throw driverError(e);
  };
  return {
    all: <T = Record<string, unknown>>(text: string, ...params: unknown[]) =>
      rawAll(db)<T>(build(text, params)).catch(unwrap),
    get: async <T = Record<string, unknown>>(text: string, ...params: unknown[]) =>
      (await rawAll(db)<T>(build(text, params)).catch(unwrap))[0],
    run: (text: string, ...params: unknown[]) => rawRun(db)(build(text, params)).catch(unwrap),
    exec: async (script: string) => {
      if (onPg) await (db as unknown as PgDb).$client.query(script);
      else db.$client.exec(script);
    },
  };
};
