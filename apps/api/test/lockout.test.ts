import { afterEach, describe, expect, it, vi } from 'vitest';
import { auditRows, createTestApp, expectError, makeUser, TEST_PASSWORD } from './helper.ts';

// The production defaults for the throttles (helper.ts raises them for other test files).
const t = await createTestApp({
  LOGIN_LOCKOUT_THRESHOLD: '10',
  LOGIN_ADDRESS_THRESHOLD: '30',
  LOGIN_ACCOUNT_THRESHOLD: '100',
});

const attempt = (email: string, password: string, ip: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress: ip,
  });

let net = 0;
/** A fresh /24 per test, so the tests' failures never add up. */
const network = () => {
  net += 1;
  return (host: number) => `10.${net}.0.${host}`;
};

// Each failed sign-in runs a real argon2id verification; on a loaded 2-core machine 100 of
// them take longer than the default 20 s.
const MANY = 120_000;

afterEach(() => {
  vi.useRealTimers();
});

describe('password spraying: many accounts from one address', () => {
  it(
    'answers 429 once 30 sign-ins with different emails failed from one address',
    async () => {
      const ip = network()(1);
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await attempt(`spray${i}-${net}@example.org`, 'Sommer2026!!', ip);
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
      expectError(await attempt('spray-next@example.org', 'x', ip), 429, 'RATE_LIMITED');
      // Each refusal is audited as a denial (and not counted as a further failure).
      expect(await auditRows(t.db, { ip, action: 'login_failed' })).toHaveLength(30);
      expect((await auditRows(t.db, { ip, action: 'denied' })).length).toBeGreaterThanOrEqual(10);
    },
    MANY,
  );

  it(
    'throttles that address even for a real account with the right password',
    async () => {
      const user = await makeUser(t.db, ['coordinator']);
      const ip = network()(1);
      for (let i = 0; i < 30; i++) await attempt(`nobody${i}-${net}@example.org`, 'wrong', ip);
      expectError(await attempt(user.email, TEST_PASSWORD, ip), 429, 'RATE_LIMITED');
      expect((await attempt(user.email, TEST_PASSWORD, network()(1))).statusCode).toBe(200);
    },
    MANY,
  );
});

describe('guessing one account cannot lock its owner out', () => {
  it('throttles the attacker’s address; the admin signs in from another address', async () => {
    const admin = await makeUser(t.db, ['admin']);
    const ip = network();
    const attacker = ip(66);
    for (let i = 0; i < 10; i++) {
      expectError(
        await attempt(admin.email, `guess-${i}-password`, attacker),
        401,
        'INVALID_CREDENTIALS',
      );
    }
    // The attacker is stopped, even holding the right password …
    const blocked = await attempt(admin.email, TEST_PASSWORD, attacker);
    expectError(blocked, 429, 'ACCOUNT_LOCKED');
    expect(blocked.cookies.find((c) => c.name === 'begegnung_session')).toBeUndefined();
    // … and again and again, while the real admin keeps getting in from their office.
    for (let round = 0; round < 3; round++) {
      expectError(await attempt(admin.email, 'still-guessing', attacker), 429, 'ACCOUNT_LOCKED');
      const real = await attempt(admin.email, TEST_PASSWORD, ip(7));
      expect(real.statusCode, real.body).toBe(200);
    }
    expect(
      await auditRows(t.db, { actor_email: admin.email, action: 'denied', ip: attacker }),
    ).toHaveLength(4);
  });

  it(
    'under a distributed attack only addresses the user signed in from before may try',
    async () => {
      const victim = await makeUser(t.db, ['coordinator']);
      const ip = network();
      expect((await attempt(victim.email, TEST_PASSWORD, ip(7))).statusCode).toBe(200);
      // 100 failures from 20 addresses, 5 each: no single address reaches its limit.
      for (let a = 0; a < 20; a++) {
        for (let i = 0; i < 5; i++) await attempt(victim.email, `bot-${a}-${i}`, ip(100 + a));
      }
      expectError(await attempt(victim.email, TEST_PASSWORD, ip(200)), 429, 'ACCOUNT_LOCKED');
      expect((await attempt(victim.email, TEST_PASSWORD, ip(7))).statusCode).toBe(200);
    },
    MANY,
  );

  it('does not touch other accounts', async () => {
    const victim = await makeUser(t.db, ['coordinator']);
    const other = await makeUser(t.db, ['coordinator']);
    const ip = network()(1);
    for (let i = 0; i < 10; i++) await attempt(victim.email, 'wrong-password-123', ip);
    expect((await attempt(other.email, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('counts only failures inside the 15-minute window', async () => {
    const user = await makeUser(t.db, ['coordinator']);
    const ip = network()(1);
    for (let i = 0; i < 10; i++) await attempt(user.email, 'wrong-password-123', ip);
    expectError(await attempt(user.email, TEST_PASSWORD, ip), 429, 'ACCOUNT_LOCKED');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 16 * 60_000);
    expect((await attempt(user.email, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });
});
