import { describe, expect, it } from 'vitest';
import { SessionSchema } from '@begegnung/domain';
import {
  anon,
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  makeCentre,
  makeOperator,
  makeUser,
  signIn,
  TEST_PASSWORD,
  unique,
  userClient,
  type TestApp,
  q,
} from './helper.ts';

const t = await createTestApp();
// A second app with a tight login limit, so the main app's tests are never throttled.
const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });

const login = (app: TestApp, email: string, password: string, headers?: Record<string, string>) =>
  app.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    ...(headers && { headers }),
  });

const sessionCookie = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.find((c) => c.name === 'begegnung_session');

const getSession = (cookie: string) =>
  t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });

const operatorCount = async (name: string) =>
  (
    (await q(t.db).get('select count(*) as n from operators where name = ?', name)) as {
      n: number;
    }
  ).n;

describe('POST /api/auth/login', () => {
  it('signs in with the right password and sets an httpOnly SameSite cookie', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    const res = await login(t, user.email.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expectSchema(SessionSchema, res.json());
    expect(res.json().user).toMatchObject({
      id: user.id,
      email: user.email,
      roles: ['coordinator'],
      centreIds: [],
    });
    expect(res.json().csrfToken).toEqual(expect.any(String));
    const cookie = sessionCookie(res);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie!.value.length).toBeGreaterThanOrEqual(40);
  });

  it('audits the sign-in and records the last login time', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    expect((await login(t, user.email, TEST_PASSWORD)).statusCode).toBe(200);
    expect(await auditRows(t.db, { actor_id: user.id, action: 'login' })).toHaveLength(1);
    const row = (await q(t.db).get('select last_login_at from users where id = ?', user.id)) as {
      last_login_at: string | null;
    };
    expect(row.last_login_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('stores only a hash of the session token, never the cookie value', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    const res = await login(t, user.email, TEST_PASSWORD);
    const token = sessionCookie(res)!.value;
    const raw = (await q(t.db).get(
      'select count(*) as n from sessions where token_hash = ?',
      token,
    )) as { n: number };
    expect(raw.n).toBe(0);
    const all = (await q(t.db).get(
      'select count(*) as n from sessions where user_id = ?',
      user.id,
    )) as { n: number };
    expect(all.n).toBe(1);
  });

  it('refuses a wrong password with INVALID_CREDENTIALS and audits it', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    const res = await login(t, user.email, 'wrong-password-here');
    expectError(res, 401, 'INVALID_CREDENTIALS');
    expect(sessionCookie(res)).toBeUndefined();
    const rows = await auditRows(t.db, { action: 'login_failed', actor_email: user.email });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: user.id, entity_type: 'session' });
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const known = await makeUser(t.db, ['coordinator']);
    const wrong = await login(t, known.email, 'wrong-password-here');
    const email = `${unique('nobody')}@test.begegnung.de`;
    const unknown = await login(t, email, 'wrong-password-here');
    expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expect(unknown.json()).toEqual(wrong.json());
    expect(await auditRows(t.db, { action: 'login_failed', actor_email: email })).toMatchObject([
      { actor_id: null },
    ]);
  });

  it('refuses a deactivated user with ACCOUNT_DISABLED', async () => {
    const admin = await userClient(t, ['admin']);
    const user = await makeUser(t.db, ['coordinator']);
    const off = await admin.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    const res = await login(t, user.email, TEST_PASSWORD);
    expectError(res, 403, 'ACCOUNT_DISABLED');
    expect(sessionCookie(res)).toBeUndefined();
    expect(await auditRows(t.db, { action: 'login_failed', actor_id: user.id })).toMatchObject([
      { reason: 'account disabled' },
    ]);
  });

  it('does not reveal that an account is disabled to someone without its password', async () => {
    const admin = await userClient(t, ['admin']);
    const user = await makeUser(t.db, ['coordinator']);
    await admin.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { active: false },
    });
    expectError(await login(t, user.email, 'wrong-password-here'), 401, 'INVALID_CREDENTIALS');
  });

  it('validates the body (missing password, malformed email, unknown field)', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    const noPassword = await anon(t, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email },
    });
    expect(expectError(noPassword, 400, 'VALIDATION_FAILED').details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
    );
    expectError(await login(t, 'not-an-email', TEST_PASSWORD), 400, 'VALIDATION_FAILED');
    const extra = await anon(t, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD, remember: true },
    });
    expectError(extra, 400, 'VALIDATION_FAILED');
  });
});

describe('session fixation', () => {
  it('issues a new cookie value on every sign-in', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    const first = sessionCookie(await login(t, user.email, TEST_PASSWORD))!.value;
    const second = sessionCookie(await login(t, user.email, TEST_PASSWORD))!.value;
    expect(second).not.toBe(first);
    // Both are real, separate sessions.
    expect((await getSession(`begegnung_session=${first}`)).statusCode).toBe(200);
    expect((await getSession(`begegnung_session=${second}`)).statusCode).toBe(200);
  });

  it('ignores a cookie value planted before sign-in', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    const planted = 'attacker-chosen-session-value-0123456789abcdef';
    const res = await login(t, user.email, TEST_PASSWORD, {
      cookie: `begegnung_session=${planted}`,
    });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res)!.value).not.toBe(planted);
    expectError(await getSession(`begegnung_session=${planted}`), 401, 'UNAUTHENTICATED');
  });

  it('does not turn an existing session into someone else’s', async () => {
    const a = await userClient(t, ['coordinator']);
    const b = await makeUser(t.db, ['admin']);
    const res = await login(t, b.email, TEST_PASSWORD, { cookie: a.cookie });
    expect(sessionCookie(res)!.value).not.toBe(a.cookie.split('=')[1]);
    // The old cookie still belongs to A only.
    const still = await getSession(a.cookie);
    expect(still.json().user).toMatchObject({ id: a.userId, roles: ['coordinator'] });
  });
});

describe('GET /api/auth/session', () => {
  it('returns the user with roles, centres and a CSRF token', async () => {
    const centre = await makeCentre(t.db);
    const client = await userClient(t, ['centre_staff', 'panel_member'], [centre.id]);
    const res = await client.request({ method: 'GET', url: '/api/auth/session' });
    expect(res.statusCode).toBe(200);
    expectSchema(SessionSchema, res.json());
    expect(res.json().user).toMatchObject({
      id: client.userId,
      email: client.email,
      centreIds: [centre.id],
      locale: 'de',
    });
    expect([...res.json().user.roles].sort()).toEqual(['centre_staff', 'panel_member']);
  });

  it('hands out a CSRF token that works for writes', async () => {
    const admin = await userClient(t, ['admin']);
    const token = (await admin.request({ method: 'GET', url: '/api/auth/session' })).json()
      .csrfToken as string;
    const name = unique('Träger CSRF ');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/operators',
      payload: { name, legalForm: 'e_v' },
      headers: { cookie: admin.cookie, 'x-csrf-token': token },
    });
    expect(res.statusCode).toBe(201);
  });

  it('answers 401 UNAUTHENTICATED without a cookie or with an unknown one', async () => {
    expectError(await anon(t, { method: 'GET', url: '/api/auth/session' }), 401, 'UNAUTHENTICATED');
    expectError(await getSession('begegnung_session=nonsense'), 401, 'UNAUTHENTICATED');
  });

  it('does not accept an expired session', async () => {
    const client = await userClient(t, ['coordinator']);
    await q(t.db).run(
      'update sessions set expires_at = ? where user_id = ?',
      new Date(Date.now() - 1000).toISOString(),
      client.userId,
    );
    expectError(
      await client.request({ method: 'GET', url: '/api/auth/session' }),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('POST /api/auth/logout', () => {
  it('ends the session: the old cookie is refused afterwards', async () => {
    const client = await userClient(t, ['coordinator']);
    const res = await client.request({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    // The cookie is cleared in the browser ...
    const cleared = sessionCookie(res);
    expect(cleared?.value).toBe('');
    // ... and, more importantly, dead on the server.
    expectError(
      await client.request({ method: 'GET', url: '/api/auth/session' }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await client.request({ method: 'GET', url: '/api/centres' }),
      401,
      'UNAUTHENTICATED',
    );
    expect(await auditRows(t.db, { action: 'logout', actor_id: client.userId })).toHaveLength(1);
  });

  it('ends only this session, not the user’s other sessions', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    const one = await signIn(t.app, user);
    const two = await signIn(t.app, user);
    await one.request({ method: 'POST', url: '/api/auth/logout' });
    expect((await two.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
  });

  it('needs a session and a CSRF token', async () => {
    expectError(await anon(t, { method: 'POST', url: '/api/auth/logout' }), 401, 'UNAUTHENTICATED');
    const client = await userClient(t, ['coordinator']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: client.cookie },
    });
    expectError(res, 403, 'CSRF_INVALID');
    // A forged logout must not end the session.
    expect((await client.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(
      200,
    );
  });
});

describe('CSRF protection', () => {
  it('refuses POST without the x-csrf-token header and creates nothing', async () => {
    const admin = await userClient(t, ['admin']);
    const name = unique('Träger ohne Token ');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/operators',
      payload: { name, legalForm: 'e_v' },
      headers: { cookie: admin.cookie },
    });
    expectError(res, 403, 'CSRF_INVALID');
    expect(await operatorCount(name)).toBe(0);
  });

  it('refuses POST with a wrong token and creates nothing', async () => {
    const admin = await userClient(t, ['admin']);
    const name = unique('Träger falsches Token ');
    const res = await admin.request({
      method: 'POST',
      url: '/api/operators',
      payload: { name, legalForm: 'e_v' },
      headers: { 'x-csrf-token': 'forged-token' },
    });
    expectError(res, 403, 'CSRF_INVALID');
    expect(await operatorCount(name)).toBe(0);
  });

  it('refuses a valid token that belongs to another session', async () => {
    const admin = await userClient(t, ['admin']);
    const other = await userClient(t, ['admin']);
    const name = unique('Träger fremdes Token ');
    const res = await admin.request({
      method: 'POST',
      url: '/api/operators',
      payload: { name, legalForm: 'e_v' },
      headers: { 'x-csrf-token': other.csrf },
    });
    expectError(res, 403, 'CSRF_INVALID');
    expect(await operatorCount(name)).toBe(0);
  });

  it('refuses PATCH without or with a wrong token and changes nothing', async () => {
    const admin = await userClient(t, ['admin']);
    const centre = await makeCentre(t.db);
    const url = `/api/centres/${centre.id}`;
    const missing = await t.app.inject({
      method: 'PATCH',
      url,
      payload: { district: 'Gehackt' },
      headers: { cookie: admin.cookie },
    });
    expectError(missing, 403, 'CSRF_INVALID');
    const wrong = await admin.request({
      method: 'PATCH',
      url,
      payload: { district: 'Gehackt' },
      headers: { 'x-csrf-token': `${admin.csrf}x` },
    });
    expectError(wrong, 403, 'CSRF_INVALID');
    const now = await admin.request({ method: 'GET', url });
    expect(now.json().district).toBe(centre.district);
  });

  it('refuses DELETE without or with a wrong token and deletes nothing', async () => {
    const admin = await userClient(t, ['admin']);
    const op = await makeOperator(t.db);
    const url = `/api/operators/${op.id}`;
    expectError(
      await t.app.inject({ method: 'DELETE', url, headers: { cookie: admin.cookie } }),
      403,
      'CSRF_INVALID',
    );
    expectError(
      await admin.request({ method: 'DELETE', url, headers: { 'x-csrf-token': '' } }),
      403,
      'CSRF_INVALID',
    );
    expect((await admin.request({ method: 'GET', url })).statusCode).toBe(200);
  });

  it('does not need a token for reads', async () => {
    const client = await userClient(t, ['coordinator']);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/centres',
      headers: { cookie: client.cookie },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('password reset by an admin', () => {
  it('ends every session of the target user and swaps the password', async () => {
    const admin = await userClient(t, ['admin']);
    const user = await makeUser(t.db, ['coordinator']);
    const laptop = await signIn(t.app, user);
    const phone = await signIn(t.app, user);
    const newPassword = 'Neues-Passwort-für-Tests-7';
    const res = await admin.request({
      method: 'POST',
      url: `/api/users/${user.id}/password`,
      payload: { password: newPassword },
    });
    expect(res.statusCode).toBe(200);
    for (const c of [laptop, phone]) {
      expectError(
        await c.request({ method: 'GET', url: '/api/auth/session' }),
        401,
        'UNAUTHENTICATED',
      );
    }
    // The admin's own session is untouched.
    expect((await admin.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
    expectError(await login(t, user.email, TEST_PASSWORD), 401, 'INVALID_CREDENTIALS');
    expect((await login(t, user.email, newPassword)).statusCode).toBe(200);
  });
});

describe('login rate limit', () => {
  it('answers the 4th attempt within a minute with 429 RATE_LIMITED and retry-after', async () => {
    const user = await makeUser(limited.db, ['coordinator']);
    for (let i = 0; i < 3; i++) {
      expectError(
        await login(limited, user.email, `wrong-${i}-password`),
        401,
        'INVALID_CREDENTIALS',
      );
    }
    const blocked = await login(limited, user.email, 'wrong-3-password');
    expectError(blocked, 429, 'RATE_LIMITED');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Even the right password waits until the window has passed.
    expectError(await login(limited, user.email, TEST_PASSWORD), 429, 'RATE_LIMITED');
  });

  it('limits per account, so colleagues behind the same address can still sign in', async () => {
    const victim = await makeUser(limited.db, ['coordinator']);
    for (let i = 0; i < 4; i++) await login(limited, victim.email, 'wrong-password-x');
    const colleague = await makeUser(limited.db, ['coordinator']);
    expect((await login(limited, colleague.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('counts upper- and lower-case spellings of an email as one account', async () => {
    const user = await makeUser(limited.db, ['coordinator']);
    await login(limited, user.email, 'wrong-password-a');
    await login(limited, user.email.toUpperCase(), 'wrong-password-b');
    await login(limited, user.email, 'wrong-password-c');
    expectError(
      await login(limited, user.email.toUpperCase(), 'wrong-password-d'),
      429,
      'RATE_LIMITED',
    );
  });
});

describe('session follows the user record', () => {
  it("ends a deactivated user's session at once", async () => {
    const admin = await userClient(t, ['admin']);
    const staff = await makeUser(t.db, ['coordinator']);
    const client = await signIn(t.app, staff);
    expect((await client.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(
      200,
    );
    const off = await admin.request({
      method: 'PATCH',
      url: `/api/users/${staff.id}`,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    const after = await client.request({ method: 'GET', url: '/api/centres' });
    expectError(after, 401, 'UNAUTHENTICATED');
  });

  it('applies role changes on the next request, without signing in again', async () => {
    const admin = await userClient(t, ['admin']);
    const client = await userClient(t, ['coordinator']);
    expectError(await client.request({ method: 'GET', url: '/api/users' }), 403, 'FORBIDDEN');
    await admin.request({
      method: 'PATCH',
      url: `/api/users/${client.userId}`,
      payload: { roles: ['coordinator', 'admin'] },
    });
    expect((await client.request({ method: 'GET', url: '/api/users' })).statusCode).toBe(200);
  });
});
