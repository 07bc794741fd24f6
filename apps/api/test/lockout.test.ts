import { describe, expect, it } from 'vitest';
import { auditRows, createTestApp, expectError, makeUser, TEST_PASSWORD } from './helper.ts';

const t = await createTestApp({ LOGIN_LOCKOUT_THRESHOLD: '3' });

const attempt = (email: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress: ip,
  });

describe('account lockout after repeated failed sign-ins', () => {
  it('locks the account after the threshold, even for the right password and from other addresses', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      expectError(await attempt(user.email, 'wrong-password-123', ip), 401, 'INVALID_CREDENTIALS');
    }
    const locked = await attempt(user.email, TEST_PASSWORD, '10.0.0.9');
    expectError(locked, 429, 'ACCOUNT_LOCKED');
    expect(locked.cookies.find((c) => c.name === 'begegnung_session')).toBeUndefined();
    expect(auditRows(t.db, { actor_email: user.email, action: 'denied' })).toHaveLength(1);
  });

  it('does not lock other accounts', async () => {
    const victim = await makeUser(t.db, ['coordinator']);
    const other = await makeUser(t.db, ['coordinator']);
    for (let i = 0; i < 3; i++) await attempt(victim.email, 'wrong-password-123');
    expect((await attempt(other.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('counts only failures inside the 15-minute window', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    // Three old failures, written as if 20 minutes ago.
    const old = new Date(Date.now() - 20 * 60_000).toISOString();
    const insert = t.db.$client.prepare(
      "insert into audit_log (at, actor_email, action, entity_type) values (?, ?, 'login_failed', 'session')",
    );
    for (let i = 0; i < 3; i++) insert.run(old, user.email);
    expect((await attempt(user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });
});
