import { describe, expect, it } from 'vitest';
import { createTestApp, makeUser, signIn, TEST_PASSWORD, userClient } from './helper.ts';

const t = await createTestApp();

describe('POST /api/auth/login', () => {
  it('signs in with the right password and sets an httpOnly SameSite cookie', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ email: user.email, roles: ['coordinator'] });
    const cookie = res.cookies.find((c) => c.name === 'begegnung_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('refuses a wrong password with INVALID_CREDENTIALS and audits it', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'wrong-password-here' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
    const row = t.db.$client
      .prepare("select * from audit_log where action = 'login_failed' and actor_email = ?")
      .get(user.email);
    expect(row).toBeTruthy();
  });

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
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
  });
});
