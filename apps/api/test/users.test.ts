import { beforeAll, describe, expect, it } from 'vitest';
import { Page, UserSchema, type Role } from '@begegnung/domain';
import {
  anon,
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  lastAuditId,
  makeCentre,
  makeUser,
  roleClient,
  signIn,
  TEST_PASSWORD,
  unique,
  userClient,
  type Client,
  q,
} from './helper.ts';

const t = await createTestApp();
const [loneA, loneB, loneC] = await Promise.all([
  await createTestApp(),
  await createTestApp(),
  await createTestApp(),
]);
const admin = await userClient(t, ['admin']);

const STRONG = 'Lange-sichere-Passphrase-42';
const NON_ADMIN: Role[] = [
  'coordinator',
  'centre_staff',
  'panel_member',
  'oversight',
  'data_protection',
];

const newEmail = (prefix = 'neu') => `${unique(prefix)}@test.begegnung.de`;

function createUser(client: Client, body: Record<string, unknown>) {
  return client.request({
    method: 'POST',
    url: '/api/users',
    payload: {
      email: newEmail(),
      displayName: unique('Person '),
      password: STRONG,
      roles: ['coordinator'],
      centreIds: [],
      ...body,
    },
  });
}

const userRow = async (id: number) =>
  (await q(t.db).get('select * from users where id = ?', id)) as
    { display_name: string; active: number; password_hash: string } | undefined;

describe('POST /api/users', () => {
  it('creates a user with roles and centres and never returns the password hash', async () => {
    const a = await makeCentre(t.db);
    const b = await makeCentre(t.db);
    const email = newEmail('anna');
    const res = await createUser(admin, {
      email,
      displayName: '  Anna Beispiel  ',
      roles: ['centre_staff', 'panel_member'],
      centreIds: [b.id, a.id],
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expectSchema(UserSchema, user);
    expect(user).toMatchObject({
      email,
      displayName: 'Anna Beispiel',
      active: true,
      lastLoginAt: null,
      centreIds: [a.id, b.id].sort((x, y) => x - y),
    });
    expect([...user.roles].sort()).toEqual(['centre_staff', 'panel_member']);
    expect(Object.keys(user)).not.toContain('passwordHash');
    expect(res.body).not.toMatch(/argon2|password/i);
    // Stored as an argon2id hash, never the plain password.
    expect((await userRow(user.id))!.password_hash).toMatch(/^\$argon2id\$/);
    expect(res.body).not.toContain(STRONG);
  });

  it('stores the email in lower case, and the new user can sign in', async () => {
    const email = newEmail('Gross');
    const res = await createUser(admin, { email: email.toUpperCase() });
    expect(res.statusCode).toBe(201);
    expect(res.json().email).toBe(email.toLowerCase());
    const login = await anon(t, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: STRONG },
    });
    expect(login.statusCode).toBe(200);
  });

  it('writes a create audit row naming the new user', async () => {
    const res = await createUser(admin, {});
    const rows = await auditRows(t.db, { entity_type: 'user', entity_id: String(res.json().id) });
    expect(rows).toMatchObject([
      { action: 'create', actor_id: admin.userId, actor_email: admin.email },
    ]);
  });

  it('refuses a taken email with 409 EMAIL_TAKEN, whatever the case', async () => {
    const existing = await makeUser(t.db, ['coordinator']);
    for (const email of [existing.email, existing.email.toUpperCase()]) {
      const body = expectError(await createUser(admin, { email }), 409, 'EMAIL_TAKEN');
      expect(body.details).toEqual([expect.objectContaining({ field: 'email' })]);
    }
  });

  it.each([
    ['too short', 'kurz-123', 'too_short'],
    ['common', 'Passwort1234', 'too_common'],
    ['repetitive', 'abababababab', 'too_repetitive'],
  ])('refuses a %s password with 400 PASSWORD_TOO_WEAK', async (_label, password, problem) => {
    const email = newEmail();
    const body = expectError(
      await createUser(admin, { email, password }),
      400,
      'PASSWORD_TOO_WEAK',
    );
    expect(body.details).toEqual([expect.objectContaining({ field: 'password', code: problem })]);
    expect(await q(t.db).get('select count(*) as n from users where email = ?', email)).toEqual({
      n: 0,
    });
  });

  it('refuses a password that contains the email name', async () => {
    const local = unique('mariamuster');
    const body = expectError(
      await createUser(admin, {
        email: `${local}@test.begegnung.de`,
        password: `${local}-2024!`,
      }),
      400,
      'PASSWORD_TOO_WEAK',
    );
    expect(body.details?.[0]?.code).toBe('too_common');
  });

  it('refuses centre staff without a centre with 400 CENTRE_REQUIRED_FOR_STAFF', async () => {
    const body = expectError(
      await createUser(admin, { roles: ['centre_staff'], centreIds: [] }),
      400,
      'CENTRE_REQUIRED_FOR_STAFF',
    );
    expect(body.details).toEqual([expect.objectContaining({ field: 'centreIds' })]);
  });

  it('refuses an unknown centre with 400 UNKNOWN_CENTRE', async () => {
    const real = await makeCentre(t.db);
    const body = expectError(
      await createUser(admin, { roles: ['centre_staff'], centreIds: [real.id, 999_999] }),
      400,
      'UNKNOWN_CENTRE',
    );
    expect(body.message).toContain('999999');
  });

  it.each([
    ['an invalid email', { email: 'not-an-email' }, 'email'],
    ['no roles', { roles: [] }, 'roles'],
    ['an unknown role', { roles: ['superuser'] }, 'roles.0'],
    ['duplicate roles', { roles: ['admin', 'admin'] }, 'roles'],
    ['an empty display name', { displayName: '' }, 'displayName'],
    ['a centre id of 0', { centreIds: [0] }, 'centreIds.0'],
    ['an unknown field', { isSuperuser: true }, 'isSuperuser'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_label, override, field) => {
    const body = expectError(await createUser(admin, override), 400, 'VALIDATION_FAILED');
    expect(body.details?.map((d) => d.field)).toContain(field);
  });
});

describe('GET /api/users', () => {
  /** Three fresh users sharing a unique tag in their names, so q finds exactly them. */
  async function seed() {
    const tag = unique('suchtag');
    const seeded: { id: number; email: string }[] = [];
    for (const [suffix, roles] of [
      ['Anton', ['coordinator']],
      ['Berta', ['oversight']],
      ['Cäsar', ['oversight', 'panel_member']],
    ] as [string, Role[]][]) {
      const res = await createUser(admin, { displayName: `${tag} ${suffix}`, roles });
      seeded.push(res.json());
    }
    return { tag, seeded };
  }

  it('lists users matching q in the display name, sorted by name', async () => {
    const { tag } = await seed();
    const res = await admin.request({ method: 'GET', url: `/api/users?q=${tag}` });
    expect(res.statusCode).toBe(200);
    expectSchema(Page(UserSchema), res.json());
    expect(res.json()).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(res.json().items.map((u: { displayName: string }) => u.displayName)).toEqual([
      `${tag} Anton`,
      `${tag} Berta`,
      `${tag} Cäsar`,
    ]);
    expect(res.body).not.toMatch(/argon2|passwordHash/);
  });

  it('matches q against the email as well, case-insensitively', async () => {
    const { seeded } = await seed();
    const local = seeded[1]!.email.split('@')[0]!;
    const res = await admin.request({ method: 'GET', url: `/api/users?q=${local.toUpperCase()}` });
    expect(res.json().items.map((u: { id: number }) => u.id)).toEqual([seeded[1]!.id]);
  });

  it('treats % and _ in q literally', async () => {
    await seed();
    for (const q of ['%25', '_']) {
      const res = await admin.request({ method: 'GET', url: `/api/users?q=${q}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(0);
    }
  });

  it('pages with limit and offset, reporting the full total', async () => {
    const { tag } = await seed();
    const first = await admin.request({ method: 'GET', url: `/api/users?q=${tag}&limit=2` });
    expect(first.json()).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(first.json().items).toHaveLength(2);
    const rest = await admin.request({
      method: 'GET',
      url: `/api/users?q=${tag}&limit=2&offset=2`,
    });
    expect(rest.json()).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(rest.json().items.map((u: { displayName: string }) => u.displayName)).toEqual([
      `${tag} Cäsar`,
    ]);
  });

  it('filters by role and by active', async () => {
    const { tag, seeded } = await seed();
    const oversight = await admin.request({
      method: 'GET',
      url: `/api/users?q=${tag}&role=oversight`,
    });
    expect(oversight.json().total).toBe(2);
    await admin.request({
      method: 'PATCH',
      url: `/api/users/${seeded[0]!.id}`,
      payload: { active: false },
    });
    const inactive = await admin.request({
      method: 'GET',
      url: `/api/users?q=${tag}&active=false`,
    });
    expect(inactive.json().items.map((u: { id: number }) => u.id)).toEqual([seeded[0]!.id]);
    const active = await admin.request({ method: 'GET', url: `/api/users?q=${tag}&active=true` });
    expect(active.json().total).toBe(2);
  });

  it.each([
    ['limit above 200', 'limit=201', 'limit'],
    ['limit 0', 'limit=0', 'limit'],
    ['negative offset', 'offset=-1', 'offset'],
    ['an unknown role', 'role=king', 'role'],
    ['q over 100 characters', `q=${'x'.repeat(101)}`, 'q'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_label, query, field) => {
    const res = await admin.request({ method: 'GET', url: `/api/users?${query}` });
    expect(expectError(res, 400, 'VALIDATION_FAILED').details?.map((d) => d.field)).toContain(
      field,
    );
  });

  it('accepts limit 200', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/users?limit=200' });
    expect(res.statusCode).toBe(200);
    expect(res.json().limit).toBe(200);
  });
});

describe('GET /api/users/:id', () => {
  it('returns one user', async () => {
    const u = await makeUser(t.db, ['panel_member']);
    const res = await admin.request({ method: 'GET', url: `/api/users/${u.id}` });
    expect(res.statusCode).toBe(200);
    expectSchema(UserSchema, res.json());
    expect(res.json()).toMatchObject({ id: u.id, email: u.email, roles: ['panel_member'] });
  });

  it('answers 404 NOT_FOUND for a missing id', async () => {
    expectError(await admin.request({ method: 'GET', url: '/api/users/999999' }), 404, 'NOT_FOUND');
  });
});

describe('PATCH /api/users/:id', () => {
  it('changes roles and centres and audits the changed fields', async () => {
    const c1 = await makeCentre(t.db);
    const c2 = await makeCentre(t.db);
    const u = await makeUser(t.db, ['coordinator']);
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      payload: { roles: ['centre_staff'], centreIds: [c2.id, c1.id] },
    });
    expect(res.statusCode).toBe(200);
    expectSchema(UserSchema, res.json());
    expect(res.json()).toMatchObject({
      roles: ['centre_staff'],
      centreIds: [c1.id, c2.id].sort((a, b) => a - b),
    });
    const rows = await auditRows(t.db, {
      entity_type: 'user',
      entity_id: String(u.id),
      action: 'update',
    });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.changed_fields!)).toEqual(['centreIds', 'roles']);
    expect(rows[0]!.actor_id).toBe(admin.userId);
  });

  it('changes the display name only, leaving roles and centres', async () => {
    const c = await makeCentre(t.db);
    const u = await makeUser(t.db, ['centre_staff'], [c.id]);
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      payload: { displayName: ' Neuer Name ' },
    });
    expect(res.json()).toMatchObject({
      displayName: 'Neuer Name',
      roles: ['centre_staff'],
      centreIds: [c.id],
    });
    const row = await auditRows(t.db, {
      entity_type: 'user',
      entity_id: String(u.id),
      action: 'update',
    });
    expect(JSON.parse(row[0]!.changed_fields!)).toEqual(['displayName']);
  });

  it('refuses to leave centre staff without a centre', async () => {
    const c = await makeCentre(t.db);
    const u = await makeUser(t.db, ['centre_staff'], [c.id]);
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/users/${u.id}`,
        payload: { centreIds: [] },
      }),
      400,
      'CENTRE_REQUIRED_FOR_STAFF',
    );
    const other = await makeUser(t.db, ['coordinator']);
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/users/${other.id}`,
        payload: { roles: ['centre_staff'] },
      }),
      400,
      'CENTRE_REQUIRED_FOR_STAFF',
    );
  });

  it('refuses an unknown centre with 400 UNKNOWN_CENTRE and changes nothing', async () => {
    const c = await makeCentre(t.db);
    const u = await makeUser(t.db, ['centre_staff'], [c.id]);
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/users/${u.id}`,
        payload: { centreIds: [999_998] },
      }),
      400,
      'UNKNOWN_CENTRE',
    );
    const now = await admin.request({ method: 'GET', url: `/api/users/${u.id}` });
    expect(now.json().centreIds).toEqual([c.id]);
  });

  it('refuses an empty patch and unknown fields with 400 VALIDATION_FAILED', async () => {
    const u = await makeUser(t.db, ['coordinator']);
    for (const payload of [{}, { email: 'x@y.de' }, { password: STRONG }, { active: 'no' }]) {
      expectError(
        await admin.request({ method: 'PATCH', url: `/api/users/${u.id}`, payload }),
        400,
        'VALIDATION_FAILED',
      );
    }
  });

  it('answers 404 NOT_FOUND for a missing id', async () => {
    expectError(
      await admin.request({
        method: 'PATCH',
        url: '/api/users/999999',
        payload: { active: false },
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('refuses to deactivate yourself with 400 CANNOT_DEACTIVATE_SELF', async () => {
    const me = await userClient(t, ['admin']);
    expectError(
      await me.request({
        method: 'PATCH',
        url: `/api/users/${me.userId}`,
        payload: { active: false },
      }),
      400,
      'CANNOT_DEACTIVATE_SELF',
    );
    expect(Boolean((await userRow(me.userId))!.active)).toBe(true);
    expect((await me.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
  });

  it('deactivates and reactivates another user', async () => {
    const u = await makeUser(t.db, ['oversight']);
    const off = await admin.request({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      payload: { active: false },
    });
    expect(off.json().active).toBe(false);
    const denied = await anon(t, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: u.email, password: TEST_PASSWORD },
    });
    expectError(denied, 403, 'ACCOUNT_DISABLED');
    const on = await admin.request({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      payload: { active: true },
    });
    expect(on.json().active).toBe(true);
    await expect(signIn(t.app, u)).resolves.toMatchObject({ userId: u.id });
  });
});

describe('the last administrator', () => {
  // Each case runs on a database of its own, where the admins are only those made here.
  it('cannot remove their own admin role: 409 LAST_ADMIN', async () => {
    const solo = await userClient(loneA, ['admin']);
    const res = await solo.request({
      method: 'PATCH',
      url: `/api/users/${solo.userId}`,
      payload: { roles: ['coordinator'] },
    });
    expectError(res, 409, 'LAST_ADMIN');
    const me = await solo.request({ method: 'GET', url: `/api/users/${solo.userId}` });
    expect(me.json().roles).toEqual(['admin']);
  });

  it('may step down while another admin is active, but then the other is the last', async () => {
    const first = await userClient(loneB, ['admin']);
    const second = await userClient(loneB, ['admin']);
    const down = await second.request({
      method: 'PATCH',
      url: `/api/users/${second.userId}`,
      payload: { roles: ['coordinator'] },
    });
    expect(down.statusCode).toBe(200);
    expectError(
      await first.request({
        method: 'PATCH',
        url: `/api/users/${first.userId}`,
        payload: { roles: ['data_protection'] },
      }),
      409,
      'LAST_ADMIN',
    );
  });

  it('counts only active admins', async () => {
    const solo = await userClient(loneC, ['admin']);
    const dormant = await makeUser(loneC.db, ['admin']);
    const off = await solo.request({
      method: 'PATCH',
      url: `/api/users/${dormant.id}`,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    expectError(
      await solo.request({
        method: 'PATCH',
        url: `/api/users/${solo.userId}`,
        payload: { roles: ['coordinator'] },
      }),
      409,
      'LAST_ADMIN',
    );
    // Demoting an inactive admin is fine: it is not one of the active ones.
    const res = await solo.request({
      method: 'PATCH',
      url: `/api/users/${dormant.id}`,
      payload: { roles: ['coordinator'] },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('POST /api/users/:id/password', () => {
  it('resets the password: the new one works, the old one not', async () => {
    const u = await makeUser(t.db, ['coordinator']);
    const res = await admin.request({
      method: 'POST',
      url: `/api/users/${u.id}/password`,
      payload: { password: STRONG },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const withNew = await anon(t, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: u.email, password: STRONG },
    });
    expect(withNew.statusCode).toBe(200);
    const withOld = await anon(t, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: u.email, password: TEST_PASSWORD },
    });
    expectError(withOld, 401, 'INVALID_CREDENTIALS');
    const rows = await auditRows(t.db, {
      entity_type: 'user',
      entity_id: String(u.id),
      action: 'update',
    });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.changed_fields!)).toEqual(['password']);
  });

  it('refuses a weak password with 400 PASSWORD_TOO_WEAK and keeps the old one', async () => {
    const u = await makeUser(t.db, ['coordinator']);
    const before = (await userRow(u.id))!.password_hash;
    expectError(
      await admin.request({
        method: 'POST',
        url: `/api/users/${u.id}/password`,
        payload: { password: 'password1234' },
      }),
      400,
      'PASSWORD_TOO_WEAK',
    );
    expect((await userRow(u.id))!.password_hash).toBe(before);
  });

  it('answers 404 NOT_FOUND for a missing user and 400 for a missing password', async () => {
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/users/999999/password',
        payload: { password: STRONG },
      }),
      404,
      'NOT_FOUND',
    );
    const u = await makeUser(t.db, ['coordinator']);
    expectError(
      await admin.request({ method: 'POST', url: `/api/users/${u.id}/password`, payload: {} }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('access', () => {
  it('answers anonymous callers with 401 UNAUTHENTICATED', async () => {
    for (const [method, url] of [
      ['GET', '/api/users'],
      ['POST', '/api/users'],
      ['GET', `/api/users/${admin.userId}`],
      ['PATCH', `/api/users/${admin.userId}`],
      ['POST', `/api/users/${admin.userId}/password`],
    ] as const) {
      expectError(await anon(t, { method, url, payload: {} }), 401, 'UNAUTHENTICATED');
    }
  });

  interface DeniedCase {
    label: string;
    method: 'GET' | 'POST' | 'PATCH';
    url: (self: Client) => string;
    payload?: () => Record<string, unknown>;
  }
  const DENIED: DeniedCase[] = [
    { label: 'lists users', method: 'GET', url: () => '/api/users' },
    { label: 'reads a user', method: 'GET', url: () => `/api/users/${admin.userId}` },
    {
      label: 'creates a user',
      method: 'POST',
      url: () => '/api/users',
      payload: () => ({
        email: newEmail('verboten'),
        displayName: 'Verboten',
        password: STRONG,
        roles: ['admin'],
        centreIds: [],
      }),
    },
    {
      label: 'deactivates a user',
      method: 'PATCH',
      url: () => `/api/users/${admin.userId}`,
      payload: () => ({ active: false }),
    },
    {
      label: 'grants itself admin',
      method: 'PATCH',
      url: (self) => `/api/users/${self.userId}`,
      payload: () => ({ roles: ['admin'] }),
    },
    {
      label: 'resets a password',
      method: 'POST',
      url: () => `/api/users/${admin.userId}/password`,
      payload: () => ({ password: STRONG }),
    },
  ];

  describe.each(NON_ADMIN)('role %s', (role) => {
    let client: Client;
    beforeAll(async () => {
      client = await roleClient(t, role);
    });

    it.each(DENIED)(
      'gets 403 FORBIDDEN when it $label, and the denial is audited',
      async ({ method, url, payload }) => {
        const before = await lastAuditId(t.db);
        const usersBefore = await q(t.db).get('select count(*) as n from users');
        const res = await client.request({ method, url: url(client), payload: payload?.() });
        expectError(res, 403, 'FORBIDDEN');
        const rows = (await auditRows(t.db, { actor_id: client.userId, action: 'denied' })).filter(
          (r) => r.id > before,
        );
        expect(rows).toMatchObject([{ entity_type: 'user', reason: 'forbidden' }]);
        // Nothing changed.
        expect(await q(t.db).get('select count(*) as n from users')).toEqual(usersBefore);
        expect((await auditRows(t.db, { action: 'update' })).filter((r) => r.id > before)).toEqual(
          [],
        );
        expect(Boolean((await userRow(admin.userId))!.active)).toBe(true);
        const me = await admin.request({ method: 'GET', url: `/api/users/${client.userId}` });
        expect(me.json().roles).toEqual([role]);
      },
    );
  });

  it('lets a user who is admin among other roles manage users', async () => {
    const multi = await userClient(t, ['coordinator', 'admin']);
    expect((await multi.request({ method: 'GET', url: '/api/users' })).statusCode).toBe(200);
  });
});
