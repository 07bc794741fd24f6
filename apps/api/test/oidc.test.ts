import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcConfigSchema, SsoStatusSchema, type UpdateOidcConfigBody } from '@begegnung/domain';
import { OidcFlows } from '../src/modules/auth/oidc.service.ts';
import {
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  makeCentre,
  makeUser,
  signIn,
  TEST_PASSWORD,
  userClient,
  createSecondApp,
  type Client,
  type TestApp,
  q,
} from './helper.ts';

/**
 * Single sign-on against a real OpenID provider (the certified `oidc-provider` package) started
 * here on a free loopback port. Its login page is replaced by a handler that signs in the
 * account the test names; consent is granted up front. Everything else (discovery, PKCE, state,
 * nonce, ID token signatures, userinfo) is the provider's own.
 */
const SECRET = 'provider-client-secret-3f9c1e7a';
const PUBLIC_URL = 'http://localhost:39999';
const CLIENT_ID = 'begegnung';

interface Account {
  email: string;
  name: string;
  groups: string[];
}
const accounts = new Map<string, Account>();
let loginAs = '';
let server: Server;
let issuer = '';

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: SECRET,
        redirect_uris: [`${PUBLIC_URL}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'groups'],
    },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => {
        const a = accounts.get(id)!;
        return { sub: id, email: a.email, email_verified: true, name: a.name, groups: a.groups };
      },
    }),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['oidc-test-cookie-key'] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      provider
        .interactionFinished(
          req,
          res,
          { login: { accountId: loginAs } },
          {
            mergeWithLastSubmission: false,
          },
        )
        .catch((e: unknown) => {
          res.statusCode = 500;
          res.end(String(e));
        });
      return;
    }
    void callback(req, res);
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let t: TestApp;
let admin: Client;
/** Signed in before SSO becomes required (a data-protection officer is no break-glass admin). */
let dpo: Client;
const bodies: string[] = [];
let grone: number;
let weststadt: number;

/** Every response body of the API seen in this file, checked for the secret at the end. */
const seen = <R extends { body: string }>(res: R) => {
  bodies.push(res.body);
  return res;
};

function config(over: Partial<UpdateOidcConfigBody> = {}): UpdateOidcConfigBody {
  return {
    enabled: true,
    issuer,
    clientId: CLIENT_ID,
    groupsClaim: 'groups',
    requireSso: false,
    mappings: [
      { group: 'koordination', roles: ['coordinator'], centreIds: [] },
      { group: 'nbz-grone', roles: ['centre_staff'], centreIds: [grone] },
      { group: 'weststadt', roles: ['centre_staff'], centreIds: [weststadt] },
    ],
    ...over,
  };
}

interface SignInOptions {
  returnTo?: string;
  /** Change the authorisation request before the browser sends it to the provider. */
  tamperRequest?: (url: URL) => void;
  /** Change the provider's answer before the browser brings it back. */
  tamperCallback?: (url: URL) => void | Promise<void>;
  /** The instance the callback reaches (default: the one that started the sign-in). */
  callbackApp?: TestApp;
  /** Another instance the same callback is sent to at the same time (two racing deliveries). */
  raceAt?: TestApp;
}

/** A fresh browser: our start route, the provider's redirects and login, our callback. */
async function ssoSignIn(subject: string, opts: SignInOptions = {}) {
  loginAs = subject;
  const start = seen(
    await t.app.inject({
      method: 'GET',
      url: `/api/auth/oidc/start${opts.returnTo ? `?returnTo=${encodeURIComponent(opts.returnTo)}` : ''}`,
    }),
  );
  expect(start.statusCode, start.body).toBe(302);
  const flow = start.cookies.find((c) => c.name === 'begegnung_oidc')!;
  expect(flow.httpOnly).toBe(true);
  let url = new URL(start.headers.location as string);
  expect(url.origin).toBe(issuer);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('state')).toBeTruthy();
  expect(url.searchParams.get('nonce')).toBeTruthy();
  opts.tamperRequest?.(url);
  const jar = new Map<string, string>();
  for (let hops = 0; url.origin === issuer; hops++) {
    if (hops > 10) throw new Error('too many redirects at the provider');
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`provider answered ${res.status}: ${await res.text()}`);
    url = new URL(location, url);
  }
  expect(url.origin + url.pathname).toBe(`${PUBLIC_URL}/api/auth/oidc/callback`);
  await opts.tamperCallback?.(url);
  const callbackPath = url.pathname + url.search;
  const callback = (cookie = `begegnung_oidc=${flow.value}`, at = opts.callbackApp ?? t) =>
    at.app.inject({ method: 'GET', url: callbackPath, headers: { cookie } }).then(seen);
  const responses = await Promise.all([
    callback(),
    ...(opts.raceAt ? [callback(undefined, opts.raceAt)] : []),
  ]);
  const res =
    responses.find((r) => r.cookies.some((c) => c.name === 'begegnung_session')) ?? responses[0]!;
  const session = res.cookies.find((c) => c.name === 'begegnung_session');
  return {
    res,
    responses,
    session,
    callback,
    location: res.headers.location as string,
  };
}

async function sessionOf(cookieValue: string) {
  return seen(
    await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: `begegnung_session=${cookieValue}` },
    }),
  );
}

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL });
  admin = await userClient(t, ['admin']);
  dpo = await userClient(t, ['data_protection']);
  grone = (await makeCentre(t.db)).id;
  weststadt = (await makeCentre(t.db)).id;
  accounts.set('alice-sub', { email: 'alice@stadt.example', name: 'Alice A.', groups: [] });
  accounts.set('bob-sub', { email: 'bob@stadt.example', name: 'Bob B.', groups: ['koordination'] });
});

describe('single sign-on settings', () => {
  it('are off until configured; the sign-in page is told so', async () => {
    const status = seen(await t.app.inject({ method: 'GET', url: '/api/auth/sso' }));
    expect(status.json()).toEqual({ enabled: false, required: false });
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toBe('/login?sso=SSO_NOT_CONFIGURED');
  });

  it('refuse invalid input with stable codes and non-admins', async () => {
    expectError(
      seen(await admin.request({ method: 'PUT', url: '/api/settings/sso', payload: config() })),
      400,
      'SSO_SECRET_REQUIRED',
    );
    expectError(
      seen(
        await admin.request({
          method: 'PUT',
          url: '/api/settings/sso',
          payload: config({ issuer: 'http://idp.example.org', clientSecret: SECRET }),
        }),
      ),
      400,
      'SSO_ISSUER_INVALID',
    );
    const noCentre = await admin.request({
      method: 'PUT',
      url: '/api/settings/sso',
      payload: config({
        clientSecret: SECRET,
        mappings: [{ group: 'x', roles: ['centre_staff'], centreIds: [] }],
      }),
    });
    const body = expectError(seen(noCentre), 400, 'VALIDATION_FAILED');
    expect(body.details?.[0]?.field).toBe('mappings/0/centreIds');
    expectError(
      seen(
        await admin.request({
          method: 'PUT',
          url: '/api/settings/sso',
          payload: { ...config({ clientSecret: SECRET }), extra: 1 },
        }),
      ),
      400,
      'VALIDATION_FAILED',
    );
    const coordinator = await userClient(t, ['coordinator']);
    expectError(
      seen(await coordinator.request({ method: 'GET', url: '/api/settings/sso' })),
      403,
      'FORBIDDEN',
    );
  });

  it('store the secret write-only and audit the changed fields', async () => {
    const res = seen(
      await admin.request({
        method: 'PUT',
        url: '/api/settings/sso',
        payload: config({ clientSecret: SECRET }),
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expectSchema(OidcConfigSchema, res.json());
    expect(res.json()).toMatchObject({
      enabled: true,
      clientSecretSet: true,
      redirectUri: `${PUBLIC_URL}/api/auth/oidc/callback`,
    });
    // Saving again without a secret keeps it.
    const again = seen(
      await admin.request({ method: 'PUT', url: '/api/settings/sso', payload: config() }),
    );
    expect(again.json().clientSecretSet).toBe(true);
    const row = (await auditRows(t.db, { entity_type: 'sso_settings', action: 'update' })).at(-1)!;
    expect(JSON.parse(row.changed_fields!)).toEqual(
      expect.arrayContaining(['enabled', 'issuer', 'clientId', 'clientSecret', 'mappings']),
    );
    const status = seen(await t.app.inject({ method: 'GET', url: '/api/auth/sso' }));
    expectSchema(SsoStatusSchema, status.json());
    expect(status.json()).toEqual({ enabled: true, required: false });
  });
});

describe('single sign-on with a real provider', () => {
  let aliceSession = '';
  let aliceId = 0;

  it('signs in, creates the account from the subject and maps groups to roles and centres', async () => {
    accounts.get('alice-sub')!.groups = ['nbz-grone', 'unrelated-group'];
    const { res, session, location } = await ssoSignIn('alice-sub', { returnTo: '/today' });
    expect(res.statusCode, res.body).toBe(302);
    expect(location).toBe('/today');
    expect(session?.httpOnly).toBe(true);
    aliceSession = session!.value;
    const me = await sessionOf(aliceSession);
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({
      email: 'alice@stadt.example',
      displayName: 'Alice A.',
      roles: ['centre_staff'],
      centreIds: [grone],
    });
    aliceId = me.json().user.id;
    expect(
      await auditRows(t.db, { action: 'create', entity_type: 'user', actor_id: aliceId }),
    ).toHaveLength(1);
    const login = await auditRows(t.db, { action: 'login', actor_id: aliceId });
    expect(login.at(-1)!.reason).toBe('single sign-on');

    // The session works like a password session: CSRF on writes, logout.
    const csrf = me.json().csrfToken as string;
    const noCsrf = seen(
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout-all',
        headers: { cookie: `begegnung_session=${aliceSession}` },
      }),
    );
    expectError(noCsrf, 403, 'CSRF_INVALID');
    expect(csrf).toBeTruthy();
  });

  it('sets roles and centres from the groups at every sign-in, for the same account', async () => {
    accounts.get('alice-sub')!.groups = ['weststadt', 'koordination'];
    const { session } = await ssoSignIn('alice-sub');
    const me = await sessionOf(session!.value);
    expect(me.json().user).toMatchObject({
      id: aliceId,
      roles: ['centre_staff', 'coordinator'].sort(),
      centreIds: [weststadt],
    });
    const update = await auditRows(t.db, {
      action: 'update',
      entity_type: 'user',
      actor_id: aliceId,
    });
    expect(JSON.parse(update.at(-1)!.changed_fields!)).toEqual(
      expect.arrayContaining(['roles', 'centreIds']),
    );
    aliceSession = session!.value;
  });

  it('a person removed from every mapped group is refused and their sessions end', async () => {
    expect((await sessionOf(aliceSession)).statusCode).toBe(200);
    accounts.get('alice-sub')!.groups = ['unrelated-group'];
    const { res, session, location } = await ssoSignIn('alice-sub');
    expect(res.statusCode).toBe(302);
    expect(location).toBe('/login?sso=SSO_NO_ACCESS');
    expect(session).toBeUndefined();
    expectError(await sessionOf(aliceSession), 401, 'UNAUTHENTICATED');
    const failed = await auditRows(t.db, { action: 'login_failed', actor_id: aliceId });
    expect(failed.at(-1)!.reason).toContain('SSO_NO_ACCESS');
    // Back in a group: access again, same account.
    accounts.get('alice-sub')!.groups = ['nbz-grone'];
    const back = await ssoSignIn('alice-sub');
    expect((await sessionOf(back.session!.value)).json().user).toMatchObject({
      id: aliceId,
      roles: ['centre_staff'],
      centreIds: [grone],
    });
  });

  it('refuses a tampered state', async () => {
    const before = (await auditRows(t.db, { action: 'login_failed' })).length;
    const { res, session, location } = await ssoSignIn('bob-sub', {
      tamperCallback: (url) => url.searchParams.set('state', 'forged-state-value'),
    });
    expect(res.statusCode).toBe(302);
    expect(location).toBe('/login?sso=SSO_FAILED');
    expect(session).toBeUndefined();
    const rows = await auditRows(t.db, { action: 'login_failed' });
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)!.reason).toMatch(/^single sign-on: .*"state"/);
  });

  it('refuses a tampered nonce (the ID token carries another nonce)', async () => {
    const { location, session } = await ssoSignIn('bob-sub', {
      tamperRequest: (url) => url.searchParams.set('nonce', 'attacker-chosen-nonce'),
    });
    expect(location).toBe('/login?sso=SSO_FAILED');
    expect(session).toBeUndefined();
    expect((await auditRows(t.db, { action: 'login_failed' })).at(-1)!.reason).toMatch(/nonce/i);
  });

  it('refuses a replayed callback and a callback without the browser that started it', async () => {
    const first = await ssoSignIn('bob-sub', { returnTo: '/' });
    expect(first.location).toBe('/');
    expect(first.session).toBeDefined();
    const replay = await first.callback();
    expect(replay.headers.location).toBe('/login?sso=SSO_FAILED');
    expect(replay.cookies.find((c) => c.name === 'begegnung_session')).toBeUndefined();

    const other = await ssoSignIn('bob-sub', {
      tamperCallback: () => undefined,
    });
    expect(other.session).toBeDefined();
    const noCookie = await other.callback('');
    expect(noCookie.headers.location).toBe('/login?sso=SSO_FAILED');
  });

  it('finishes on a second instance a sign-in started on the first (the flow is in the database)', async () => {
    const other = await createSecondApp(t);
    const flows = () => q(t.db).all('select id from oidc_flows');
    let stored: unknown[] = [];
    const moved = await ssoSignIn('bob-sub', {
      returnTo: '/today',
      callbackApp: other,
      tamperCallback: async () => {
        stored = await flows();
      },
    });
    expect(stored).toHaveLength(1);
    expect(moved.res.statusCode, moved.res.body).toBe(302);
    expect(moved.location).toBe('/today');
    expect(moved.session).toBeDefined();
    expect(await flows()).toEqual([]);
    // The session opened by the second instance works on the first.
    expect((await sessionOf(moved.session!.value)).json().user.email).toBe('bob@stadt.example');
    // Replayed at either instance: the flow was taken once, by the second.
    for (const at of [t, other]) {
      const replay = await moved.callback(undefined, at);
      expect(replay.headers.location).toBe('/login?sso=SSO_FAILED');
      expect(replay.cookies.find((c) => c.name === 'begegnung_session')).toBeUndefined();
    }
    expect((await auditRows(t.db, { action: 'login_failed' })).at(-1)!.reason).toBe(
      'single sign-on: no sign-in under way (expired, replayed or another browser)',
    );
  });

  it('lets two instances racing for one callback open exactly one session', async () => {
    const other = await createSecondApp(t);
    for (let round = 0; round < 3; round++) {
      const { responses } = await ssoSignIn('bob-sub', { raceAt: other });
      const sessions = responses.filter((r) =>
        r.cookies.some((c) => c.name === 'begegnung_session'),
      );
      expect(sessions).toHaveLength(1);
      expect(responses.map((r) => r.headers.location)).toContain('/login?sso=SSO_FAILED');
    }
  });

  it('refuses a flow older than ten minutes and forgets it', async () => {
    const { res, session, location } = await ssoSignIn('bob-sub', {
      tamperCallback: async () => {
        await q(t.db).run(
          'update oidc_flows set created_at = ?',
          new Date(Date.now() - 10 * 60_000 - 1000).toISOString(),
        );
      },
    });
    expect(res.statusCode).toBe(302);
    expect(location).toBe('/login?sso=SSO_FAILED');
    expect(session).toBeUndefined();
    expect(await q(t.db).all('select id from oidc_flows')).toEqual([]);
    expect((await auditRows(t.db, { action: 'login_failed' })).at(-1)!.reason).toBe(
      'single sign-on: no sign-in under way (expired, replayed or another browser)',
    );
  });

  it('keeps at most the cap of flows, the oldest giving way', async () => {
    const flows = new OidcFlows({ maxPending: 3 });
    const base = Date.now() - 60_000;
    const flow = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/', issuer };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await flows.put(t.db, flow, base + i * 1000));
    const stored = await q(t.db).all<{ id: string }>('select id from oidc_flows');
    expect(stored.map((r) => r.id).sort()).toEqual(ids.slice(2).sort());
    expect(await flows.take(t.db, ids[0])).toBeUndefined();
    expect(await flows.take(t.db, ids[4])).toMatchObject({ codeVerifier: 'v', returnTo: '/' });
    expect(await flows.take(t.db, ids[4])).toBeUndefined();
    expect(await flows.take(t.db, 'x'.repeat(5000))).toBeUndefined();
    await q(t.db).run('delete from oidc_flows');
  });

  it('answers bad callback input with a 400 and a stable code, never a 500', async () => {
    const res = seen(
      await t.app.inject({
        method: 'GET',
        url: `/api/auth/oidc/callback?code=${'x'.repeat(3000)}`,
      }),
    );
    expectError(res, 400, 'VALIDATION_FAILED');
    const bad = seen(
      await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start?returnTo=//evil.example' }),
    );
    expectError(bad, 400, 'VALIDATION_FAILED');
    const header = seen(
      await t.app.inject({
        method: 'GET',
        url: '/api/auth/oidc/start?returnTo=%2F%0DSet-Cookie:x',
      }),
    );
    expectError(header, 400, 'VALIDATION_FAILED');
    const providerError = seen(
      await t.app.inject({
        method: 'GET',
        url: '/api/auth/oidc/callback?error=access_denied&state=x',
      }),
    );
    expect(providerError.headers.location).toBe('/login?sso=SSO_FAILED');
  });
});

describe('required single sign-on', () => {
  it('refuses password sign-in except for local administrators (break-glass)', async () => {
    const staff = await makeUser(t.db, ['centre_staff'], [grone]);
    const localAdmin = await makeUser(t.db, ['admin']);
    expect((await signIn(t.app, staff)).userId).toBe(staff.id);
    const res = seen(
      await admin.request({
        method: 'PUT',
        url: '/api/settings/sso',
        payload: config({ requireSso: true }),
      }),
    );
    expect(res.json().requireSso).toBe(true);
    expect(seen(await t.app.inject({ method: 'GET', url: '/api/auth/sso' })).json()).toEqual({
      enabled: true,
      required: true,
    });
    const refused = seen(
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: staff.email, password: TEST_PASSWORD },
      }),
    );
    expectError(refused, 403, 'SSO_REQUIRED');
    expect(
      (await auditRows(t.db, { action: 'denied', actor_id: staff.id })).at(-1)!.reason,
    ).toContain('single sign-on is required');
    // A wrong password is still just a wrong password (no account probing).
    expectError(
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: staff.email, password: 'wrong-password-123' },
      }),
      401,
      'INVALID_CREDENTIALS',
    );
    expect((await signIn(t.app, localAdmin)).userId).toBe(localAdmin.id);
    // SSO itself keeps working.
    expect((await ssoSignIn('bob-sub')).session).toBeDefined();
    // requireSso without SSO switched on is refused.
    expectError(
      seen(
        await admin.request({
          method: 'PUT',
          url: '/api/settings/sso',
          payload: config({ enabled: false, requireSso: true }),
        }),
      ),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('cannot be required while no active local administrator is left to get in (break-glass)', async () => {
    // Every administrator is linked to the provider (the signed-in admin keeps its session).
    const admins = (await q(t.db).all(
      "select u.id from users u join user_roles r on r.user_id = u.id where r.role = 'admin' and u.oidc_subject is null",
    )) as { id: number }[];
    for (const a of admins)
      await q(t.db).run(
        'update users set oidc_issuer = ?, oidc_subject = ? where id = ?',
        'https://other.example',
        `admin-${a.id}`,
        a.id,
      );
    try {
      const res = seen(
        await admin.request({
          method: 'PUT',
          url: '/api/settings/sso',
          payload: config({ requireSso: true }),
        }),
      );
      const body = expectError(res, 409, 'SSO_NO_BREAK_GLASS');
      expect(body.details?.[0]).toMatchObject({ field: 'requireSso' });
      // A deactivated local administrator is no way in either.
      const inactive = await makeUser(t.db, ['admin']);
      await q(t.db).run('update users set active = ? where id = ?', false, inactive.id);
      expectError(
        seen(
          await admin.request({
            method: 'PUT',
            url: '/api/settings/sso',
            payload: config({ requireSso: true }),
          }),
        ),
        409,
        'SSO_NO_BREAK_GLASS',
      );
    } finally {
      for (const a of admins)
        await q(t.db).run(
          'update users set oidc_issuer = null, oidc_subject = null where id = ?',
          a.id,
        );
    }
    // With a local administrator back, requiring SSO is allowed.
    const ok = seen(
      await admin.request({
        method: 'PUT',
        url: '/api/settings/sso',
        payload: config({ requireSso: true }),
      }),
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json().requireSso).toBe(true);
  });

  it('lists the routes in the OpenAPI document', async () => {
    const doc = seen(await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/auth/sso', '/api/auth/oidc/start', '/api/auth/oidc/callback'])
      expect(doc.paths[path]?.get, path).toBeDefined();
    expect(doc.paths['/api/settings/sso']?.put).toBeDefined();
  });

  it('never shows the client secret in any response, the audit log or its export', async () => {
    seen(await admin.request({ method: 'GET', url: '/api/settings/sso' }));
    seen(await dpo.request({ method: 'GET', url: '/api/audit?pageSize=200' }));
    seen(await dpo.request({ method: 'GET', url: '/api/audit/export.csv' }));
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) expect(body).not.toContain(SECRET);
    const audit = await q(t.db).all('select * from audit_log');
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });
});
