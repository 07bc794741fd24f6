import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { onPg } from '../src/db/engine.ts';
import { buildApp } from '../src/app.ts';
import type { Db } from '../src/db/client.ts';
import { openPgDatabase, type PgDb } from '../src/db/pg-client.ts';
import { AuthCache, CACHE_MAX_AGE_MS } from '../src/modules/auth/auth-cache.ts';
import { resolveSession } from '../src/modules/auth/auth.service.ts';
import {
  createTestApp,
  expectError,
  makeCentre,
  makeUser,
  q,
  signIn,
  userClient,
  type Client,
  type TestApp,
} from './helper.ts';

/**
 * The session-and-role cache (modules/auth/auth-cache.ts) must never let a request through
 * that the database would refuse: every change that ends a session or takes rights away is
 * seen by the very next request, on this instance at once and on another instance as soon as
 * its notification arrives.
 */

const t = await createTestApp();
const admin = await userClient(t, ['admin']);
const cache = t.app.authCache;

const whoAmI = (app: TestApp['app'], c: { cookie: string }) =>
  app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: c.cookie } });
const listUsers = (c: Client) => c.request({ method: 'GET', url: '/api/users' });
const patchUser = (id: number, payload: object) =>
  admin.request({ method: 'PATCH', url: `/api/users/${id}`, payload });
const token = (c: Client) => c.cookie.slice('begegnung_session='.length);

/** Requests until the session is in the cache and answered from it. */
async function warm(app: TestApp['app'], c: Client) {
  const before = app.authCache.stats.hits;
  // A late notification from an earlier test may empty the cache once: a few tries.
  for (let i = 0; i < 5 && app.authCache.stats.hits === before; i++)
    expect((await whoAmI(app, c)).statusCode).toBe(200);
  expect(app.authCache.stats.hits).toBeGreaterThan(before);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('session cache: on', () => {
  it('is on once the app is ready (on PostgreSQL: once it LISTENs)', () => {
    expect(cache.enabled).toBe(true);
  });

  it('answers 20 requests of one session with at most a couple of session and role lookups', async () => {
    const user = await userClient(t, ['coordinator']);
    const before = { ...cache.stats };
    for (let i = 0; i < 20; i++) expect((await whoAmI(t.app, user)).statusCode).toBe(200);
    const lookups = cache.stats.sessionLookups - before.sessionLookups;
    expect(lookups).toBeGreaterThanOrEqual(1);
    expect(lookups).toBeLessThanOrEqual(2);
    expect(cache.stats.settingsLookups - before.settingsLookups).toBeLessThanOrEqual(2);
    expect(cache.stats.hits - before.hits).toBeGreaterThanOrEqual(18);
  });

  it('hands out copies: a handler changing its actor cannot change the cached rights', async () => {
    const user = await userClient(t, ['coordinator']);
    await warm(t.app, user);
    const first = await resolveSession(t.db, token(user), new Date(), cache);
    if (!first || first === 'idle') throw new Error('no session');
    (first.actor.roles as string[]).push('admin');
    const again = await resolveSession(t.db, token(user), new Date(), cache);
    if (!again || again === 'idle') throw new Error('no session');
    expect(again.actor.roles).toEqual(['coordinator']);
  });
});

describe('session cache: every change is seen by the next request on this instance', () => {
  it('deactivation: the next request is 401', async () => {
    const user = await userClient(t, ['coordinator']);
    await warm(t.app, user);
    expect((await patchUser(user.userId, { active: false })).statusCode).toBe(200);
    expectError(await whoAmI(t.app, user), 401, 'UNAUTHENTICATED');
    // Reactivated, the ended session stays ended; a new sign-in works.
    expect((await patchUser(user.userId, { active: true })).statusCode).toBe(200);
    expectError(await whoAmI(t.app, user), 401, 'UNAUTHENTICATED');
    expect(
      (await whoAmI(t.app, await signIn(t.app, { id: user.userId, email: user.email }))).statusCode,
    ).toBe(200);
  });

  it('a removed role: the next request is 403', async () => {
    const user = await userClient(t, ['admin', 'coordinator']);
    await warm(t.app, user);
    expect((await listUsers(user)).statusCode).toBe(200);
    expect((await patchUser(user.userId, { roles: ['coordinator'] })).statusCode).toBe(200);
    expectError(await listUsers(user), 403, 'FORBIDDEN');
    expect((await whoAmI(t.app, user)).json().user.roles).toEqual(['coordinator']);
  });

  it('a changed centre assignment: the next request sees the new centres only', async () => {
    const [a, b] = [await makeCentre(t.db), await makeCentre(t.db)];
    const user = await userClient(t, ['centre_staff'], [a.id]);
    await warm(t.app, user);
    expect((await patchUser(user.userId, { centreIds: [b.id] })).statusCode).toBe(200);
    expect((await whoAmI(t.app, user)).json().user.centreIds).toEqual([b.id]);
  });

  it('a changed display name is shown at once', async () => {
    const user = await userClient(t, ['coordinator']);
    await warm(t.app, user);
    expect((await patchUser(user.userId, { displayName: 'Neuer Name' })).statusCode).toBe(200);
    expect((await whoAmI(t.app, user)).json().user.displayName).toBe('Neuer Name');
  });

  it('sign-out: the old cookie is 401', async () => {
    const user = await userClient(t, ['coordinator']);
    await warm(t.app, user);
    expect((await user.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    expectError(await whoAmI(t.app, user), 401, 'UNAUTHENTICATED');
  });

  it('sign-out everywhere: every session of the user is 401', async () => {
    const u = await makeUser(t.db, ['coordinator']);
    const [phone, desk] = [await signIn(t.app, u), await signIn(t.app, u)];
    await warm(t.app, phone);
    await warm(t.app, desk);
    const res = await desk.request({ method: 'POST', url: '/api/auth/logout-all' });
    expect(res.statusCode).toBe(200);
    expectError(await whoAmI(t.app, phone), 401, 'UNAUTHENTICATED');
    expectError(await whoAmI(t.app, desk), 401, 'UNAUTHENTICATED');
  });

  it('own password change: the other sessions are 401, this one goes on', async () => {
    const u = await makeUser(t.db, ['coordinator']);
    const [phone, desk] = [await signIn(t.app, u), await signIn(t.app, u)];
    await warm(t.app, phone);
    await warm(t.app, desk);
    const res = await desk.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'correct-horse-battery', newPassword: 'Neues-Passwort-2026' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expectError(await whoAmI(t.app, phone), 401, 'UNAUTHENTICATED');
    expect((await whoAmI(t.app, desk)).statusCode).toBe(200);
  });

  it('an admin resetting the password ends the sessions: 401', async () => {
    const user = await userClient(t, ['coordinator']);
    await warm(t.app, user);
    const res = await admin.request({
      method: 'POST',
      url: `/api/users/${user.userId}/password`,
      payload: { password: 'Ganz-neues-Passwort-1' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expectError(await whoAmI(t.app, user), 401, 'UNAUTHENTICATED');
  });
});

describe('session cache: idle timeout and expiry are still exact', () => {
  const minutes = (n: number) => new Date(Date.now() + n * 60_000);

  it('a warm entry unused longer than the idle timeout is idle (and the session deleted)', async () => {
    const user = await userClient(t, ['coordinator']);
    await warm(t.app, user);
    // The entry is fresh (real time), the request comes 31 minutes after its last use.
    expect(await resolveSession(t.db, token(user), minutes(31), cache)).toBe('idle');
    expect(
      (await q(t.db).get<{ n: number }>(
        'select count(*) as n from sessions where user_id = ?',
        user.userId,
      ))!.n,
    ).toBe(0);
    expectError(await whoAmI(t.app, user), 401, 'UNAUTHENTICATED');
  });

  it('within the timeout a warm entry is used, and its activity recorded', async () => {
    const user = await userClient(t, ['coordinator']);
    await warm(t.app, user);
    const hits = cache.stats.hits;
    const at = minutes(20);
    const res = await resolveSession(t.db, token(user), at, cache);
    expect(res).toMatchObject({ actor: { userId: user.userId } });
    expect(cache.stats.hits).toBe(hits + 1);
    const row = await q(t.db).get<{ last_seen_at: string }>(
      'select last_seen_at from sessions where user_id = ?',
      user.userId,
    );
    expect(row!.last_seen_at).toBe(at.toISOString());
    // 20 minutes after that touch, 40 after sign-in: still alive (idle counts from the touch).
    expect(await resolveSession(t.db, token(user), minutes(40), cache)).toMatchObject({
      actor: { userId: user.userId },
    });
  });

  it('an entry that looks idle asks the database, which may know of later activity', async () => {
    const user = await userClient(t, ['coordinator']);
    await warm(t.app, user);
    // Another instance recorded activity 25 minutes on; this instance's entry does not know.
    await q(t.db).run(
      'update sessions set last_seen_at = ? where user_id = ?',
      minutes(25).toISOString(),
      user.userId,
    );
    expect(await resolveSession(t.db, token(user), minutes(40), cache)).toMatchObject({
      actor: { userId: user.userId },
    });
  });

  it('a warm entry past the absolute expiry is refused', async () => {
    const user = await userClient(t, ['coordinator']);
    await warm(t.app, user);
    const afterTtl = minutes(t.config.sessionTtlHours * 60 + 1);
    expect(await resolveSession(t.db, token(user), afterTtl, cache)).toBeNull();
  });

  it('over HTTP: 31 minutes without use is 401 SESSION_EXPIRED with the cache warm', async () => {
    const user = await userClient(t, ['coordinator']);
    await warm(t.app, user);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(minutes(31));
    expectError(await whoAmI(t.app, user), 401, 'SESSION_EXPIRED');
  });

  it('a shorter idle timeout applies to warm entries at once', async () => {
    const user = await userClient(t, ['coordinator']);
    await warm(t.app, user);
    const set = (n: number) =>
      admin.request({ method: 'PATCH', url: '/api/settings', payload: { sessionIdleMinutes: n } });
    expect((await set(5)).statusCode).toBe(200);
    try {
      expect(await resolveSession(t.db, token(user), minutes(6), cache)).toBe('idle');
    } finally {
      expect((await set(30)).statusCode).toBe(200);
    }
  });

  it('entries are never older than the maximum age', async () => {
    const user = await userClient(t, ['coordinator']);
    await warm(t.app, user);
    const lookups = cache.stats.sessionLookups;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + CACHE_MAX_AGE_MS + 1);
    expect((await whoAmI(t.app, user)).statusCode).toBe(200);
    expect(cache.stats.sessionLookups).toBe(lookups + 1);
  });
});

describe('AuthCache', () => {
  const entry = (userId: number, tokenHash: string) => ({
    tokenHash,
    userId,
    email: 'a@b.c',
    displayName: 'A',
    locale: 'de' as const,
    roles: [],
    centreIds: [],
    csrfSecret: 's',
    expiresAt: '9999-12-31T00:00:00.000Z',
    lastSeen: Date.now(),
    loadedAt: Date.now(),
  });

  it('does not keep what was read while an invalidation happened (a read racing a change)', () => {
    const c = new AuthCache(true);
    const mark = c.mark();
    c.invalidate({ userId: 1 });
    c.store(entry(1, 'h1'), mark);
    expect(c.get('h1')).toBeUndefined();
    c.store(entry(1, 'h1'), c.mark());
    expect(c.get('h1')).toBeDefined();
  });

  it('drops by user, by session, and everything', () => {
    const c = new AuthCache(true);
    for (const [u, h] of [
      [1, 'a'],
      [1, 'b'],
      [2, 'c'],
      [3, 'd'],
    ] as const)
      c.store(entry(u, h), c.mark());
    c.invalidate({ userId: 1 });
    expect([c.get('a'), c.get('b')]).toEqual([undefined, undefined]);
    c.invalidate({ tokenHash: 'c' });
    expect(c.get('c')).toBeUndefined();
    expect(c.get('d')).toBeDefined();
    c.invalidate({ all: true });
    expect(c.get('d')).toBeUndefined();
  });

  it('off, it neither answers nor keeps anything', () => {
    const c = new AuthCache(false);
    c.store(entry(1, 'a'), c.mark());
    expect(c.get('a')).toBeUndefined();
    c.setEnabled(true);
    expect(c.get('a')).toBeUndefined();
  });
});

/** A second API instance on the same PostgreSQL database, as a second server process would be. */
async function secondInstance(): Promise<TestApp> {
  const pgDb = openPgDatabase(t.config.databaseUrl!, { max: 2 });
  const db = pgDb as unknown as Db;
  const app = await buildApp({ config: t.config, db, logger: false });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await pgDb.$client.end();
  });
  return { app, db, config: t.config };
}

/** Waits up to 2 s for `cond` (a notification to arrive, a connection to be re-established). */
async function until(cond: () => boolean, ms = 2_000) {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return cond();
}

describe.runIf(onPg)('session cache across instances (PostgreSQL LISTEN/NOTIFY)', async () => {
  const b = onPg ? await secondInstance() : t;
  const a = t;

  it('the second instance has its own cache, listening', () => {
    expect(b.app.authCache).not.toBe(a.app.authCache);
    expect(b.app.authCache.enabled).toBe(true);
  });

  /** Signs in on B, warms B's cache, runs `change` on A, waits for B to hear of it. */
  async function changedOnA(
    roles: ('admin' | 'coordinator')[],
    change: (c: Client) => Promise<void>,
  ) {
    const user = await makeUser(a.db, roles);
    const onB = await signIn(b.app, user);
    await warm(b.app, onB);
    const heard = b.app.authCache.stats.invalidations;
    await change(onB);
    expect(await until(() => b.app.authCache.stats.invalidations > heard)).toBe(true);
    return onB;
  }

  it('deactivated on A: the next request on B is 401', async () => {
    const onB = await changedOnA(['coordinator'], async (c) => {
      expect((await patchUser(c.userId, { active: false })).statusCode).toBe(200);
    });
    expectError(await whoAmI(b.app, onB), 401, 'UNAUTHENTICATED');
  });

  it('role removed on A: the next request on B is 403', async () => {
    const onB = await changedOnA(['admin', 'coordinator'], async (c) => {
      expect((await listUsers(c)).statusCode).toBe(200);
      expect((await patchUser(c.userId, { roles: ['coordinator'] })).statusCode).toBe(200);
    });
    expectError(await listUsers(onB), 403, 'FORBIDDEN');
  });

  it('signed out on A: the cookie is 401 on B', async () => {
    const onB = await changedOnA(['coordinator'], async (c) => {
      const res = await a.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
      });
      expect(res.statusCode).toBe(200);
    });
    expectError(await whoAmI(b.app, onB), 401, 'UNAUTHENTICATED');
  });

  it('idle timeout shortened on A: B applies it', async () => {
    const user = await makeUser(a.db, ['coordinator']);
    const onB = await signIn(b.app, user);
    await warm(b.app, onB);
    const heard = b.app.authCache.stats.invalidations;
    const set = (n: number) =>
      admin.request({ method: 'PATCH', url: '/api/settings', payload: { sessionIdleMinutes: n } });
    expect((await set(5)).statusCode).toBe(200);
    try {
      expect(await until(() => b.app.authCache.stats.invalidations > heard)).toBe(true);
      const at = new Date(Date.now() + 6 * 60_000);
      expect(await resolveSession(b.db, token(onB), at, b.app.authCache)).toBe('idle');
    } finally {
      expect((await set(30)).statusCode).toBe(200);
    }
  });

  it('a change that rolls back is never announced', async () => {
    const user = await makeUser(a.db, ['coordinator']);
    const onB = await signIn(b.app, user);
    await warm(b.app, onB);
    await expect(
      (a.db as unknown as PgDb).transaction(async (tx) => {
        await q(tx as unknown as Db).run("select pg_notify('begegnung_auth', 'all')");
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await new Promise((r) => setTimeout(r, 300));
    // B still answers from its entry: no 'all' arrived.
    const lookups = b.app.authCache.stats.sessionLookups;
    expect((await whoAmI(b.app, onB)).statusCode).toBe(200);
    expect(b.app.authCache.stats.sessionLookups).toBe(lookups);
  });

  it('B bypasses and empties its cache while its LISTEN connection is gone, and resumes', async () => {
    const user = await makeUser(a.db, ['coordinator']);
    const onB = await signIn(b.app, user);
    await warm(b.app, onB);
    // Kill B's listening connection from the server side, as a network failure would.
    await q(a.db).run(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = 'listen begegnung_auth' and pid <> pg_backend_pid()",
    );
    // A's listener is killed too; both must notice.
    expect(await until(() => !b.app.authCache.enabled)).toBe(true);
    // Deactivated meanwhile: no notification can reach B, yet B refuses at once.
    expect((await patchUser(user.id, { active: false })).statusCode).toBe(200);
    const lookups = b.app.authCache.stats.sessionLookups;
    expectError(await whoAmI(b.app, onB), 401, 'UNAUTHENTICATED');
    expect(b.app.authCache.stats.sessionLookups).toBe(lookups + 1);
    expect(await until(() => b.app.authCache.enabled && a.app.authCache.enabled, 5_000)).toBe(true);
  });
});
