import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  anon,
  createTestApp,
  expectError,
  makeUser,
  signIn,
  TEST_PASSWORD,
  userClient,
  q,
} from './helper.ts';

const t = await createTestApp();
const admin = await userClient(t, ['admin']);

const sessionsOf = async (userId: number) =>
  (
    (await q(t.db).get('select count(*) as n from sessions where user_id = ?', userId)) as {
      n: number;
    }
  ).n;

const whoAmI = (c: { cookie: string }) =>
  t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: c.cookie } });

/** Moves the clock on by `minutes` from what it shows now (Date only; timers and I/O run normally). */
function later(minutes: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + minutes * 60_000);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('idle timeout (setting sessionIdleMinutes, default 30)', () => {
  it('ends a session unused for longer than the setting with 401 SESSION_EXPIRED', async () => {
    const user = await userClient(t, ['coordinator']);
    later(31);
    expectError(await whoAmI(user), 401, 'SESSION_EXPIRED');
    expect(await sessionsOf(user.userId)).toBe(0);
    // The next request with the dead cookie is a plain 401.
    expectError(await whoAmI(user), 401, 'UNAUTHENTICATED');
  });

  it('keeps a session alive while it is used', async () => {
    const user = await userClient(t, ['coordinator']);
    for (let i = 0; i < 4; i++) {
      later(20);
      expect((await whoAmI(user)).statusCode).toBe(200);
    }
  });

  it('follows the setting when an admin changes it', async () => {
    const res = await admin.request({
      method: 'PATCH',
      url: '/api/settings',
      payload: { sessionIdleMinutes: 60 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const user = await userClient(t, ['coordinator']);
    later(45);
    expect((await whoAmI(user)).statusCode).toBe(200);
    vi.useRealTimers();
    await admin.request({
      method: 'PATCH',
      url: '/api/settings',
      payload: { sessionIdleMinutes: 30 },
    });
  });

  it('still ends sessions at their absolute lifetime', async () => {
    const user = await userClient(t, ['coordinator']);
    // Used every 25 minutes: never idle, but 12 hours (SESSION_TTL_HOURS) still end it.
    for (let i = 0; i < 28; i++) {
      later(25);
      expect((await whoAmI(user)).statusCode).toBe(200);
    }
    later(25);
    expectError(await whoAmI(user), 401, 'UNAUTHENTICATED');
  });
});

describe('POST /api/auth/password: change your own password', () => {
  it('needs the current password, ends other sessions, keeps this one', async () => {
    const u = await makeUser(t.db, ['centre_staff', 'coordinator']);
    const phone = await signIn(t.app, u);
    const desk = await signIn(t.app, u);
    const change = (current: string, next: string) =>
      desk.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: current, newPassword: next },
      });
    expectError(
      await change('wrong-current-pw', 'Neues-Passwort-2026'),
      400,
      'CURRENT_PASSWORD_WRONG',
    );
    expectError(await change(TEST_PASSWORD, 'kurz'), 400, 'PASSWORD_TOO_WEAK');
    expectError(await change(TEST_PASSWORD, TEST_PASSWORD), 400, 'PASSWORD_TOO_WEAK');
    const ok = await change(TEST_PASSWORD, 'Neues-Passwort-2026');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ ok: true, sessionsEnded: 1 });
    expect((await whoAmI(phone)).statusCode).toBe(401);
    expect((await whoAmI(desk)).statusCode).toBe(200);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: u.email, password: TEST_PASSWORD },
    });
    expectError(old, 401, 'INVALID_CREDENTIALS');
    const fresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: u.email, password: 'Neues-Passwort-2026' },
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('needs a session and the CSRF token', async () => {
    const payload = { currentPassword: TEST_PASSWORD, newPassword: 'Neues-Passwort-2026' };
    expectError(
      await anon(t, { method: 'POST', url: '/api/auth/password', payload }),
      401,
      'UNAUTHENTICATED',
    );
    const user = await userClient(t, ['coordinator']);
    const res = await user.request({
      method: 'POST',
      url: '/api/auth/password',
      payload,
      headers: { 'x-csrf-token': 'forged' },
    });
    expectError(res, 403, 'CSRF_INVALID');
  });
});

describe('POST /api/auth/logout-all: sign out everywhere', () => {
  it('ends every session of the user, this one included, and no one else’s', async () => {
    const u = await makeUser(t.db, ['coordinator']);
    const a = await signIn(t.app, u);
    const b = await signIn(t.app, u);
    const bystander = await userClient(t, ['coordinator']);
    const res = await a.request({ method: 'POST', url: '/api/auth/logout-all' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, sessionsEnded: 2 });
    expect(res.cookies.find((c) => c.name === 'begegnung_session')?.value).toBe('');
    expect((await whoAmI(a)).statusCode).toBe(401);
    expect((await whoAmI(b)).statusCode).toBe(401);
    expect((await whoAmI(bystander)).statusCode).toBe(200);
    expect(await sessionsOf(u.id)).toBe(0);
  });
});
