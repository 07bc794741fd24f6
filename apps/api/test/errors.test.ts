import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@begegnung/domain';
import {
  anon,
  createTestApp,
  expectError,
  makeOperator,
  unique,
  userClient,
  type Client,
  q,
} from './helper.ts';

const t = await createTestApp();
const admin = await userClient(t, ['admin']);

const raw = (
  client: Client,
  method: 'POST' | 'PATCH',
  url: string,
  body: string,
  contentType = 'application/json',
) =>
  t.app.inject({
    method,
    url,
    payload: body,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': contentType },
  });

const operatorCount = async () =>
  ((await q(t.db).get('select count(*) as n from operators')) as { n: number }).n;

describe('request bodies', () => {
  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await raw(admin, 'POST', '/api/operators', '{"name": "Träger", ');
    expectError(res, 400, 'MALFORMED_JSON');
  });

  it('answers an empty JSON body with 400 MALFORMED_JSON', async () => {
    expectError(await raw(admin, 'POST', '/api/operators', ''), 400, 'MALFORMED_JSON');
  });

  it('answers malformed JSON on the public login route too', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{email',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'MALFORMED_JSON');
  });

  it('answers a wrong type with 400 VALIDATION_FAILED naming the field', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/operators',
      payload: { name: unique('Träger '), legalForm: 5 },
    });
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(body.details).toEqual([expect.objectContaining({ field: 'legalForm' })]);
  });

  it('does not coerce body types (a number as a string is refused)', async () => {
    const op = await makeOperator(t.db);
    const res = await admin.request({
      method: 'POST',
      url: '/api/centres',
      payload: {
        name: unique('Zentrum '),
        code: 'QCOERC',
        operatorId: String(op.id),
        address: 'Teststraße 1',
        district: 'Grone',
      },
    });
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(body.details).toEqual([expect.objectContaining({ field: 'operatorId' })]);
  });

  it('names each missing required field', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/operators', payload: {} });
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(body.details!.map((d) => d.field).sort()).toEqual(['legalForm', 'name']);
    expect(body.details!.every((d) => d.code === 'required')).toBe(true);
  });

  it('calls an empty required text "required", not "too short"', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/operators',
      payload: { name: '', legalForm: 'e_v' },
    });
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(body.details).toEqual([expect.objectContaining({ field: 'name', code: 'required' })]);
  });

  it('refuses unknown fields with 400 VALIDATION_FAILED naming them', async () => {
    const before = await operatorCount();
    const res = await admin.request({
      method: 'POST',
      url: '/api/operators',
      payload: { name: unique('Träger '), legalForm: 'e_v', isAdmin: true },
    });
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(body.details).toEqual([
      expect.objectContaining({ field: 'isAdmin', code: 'additionalProperties' }),
    ]);
    expect(await operatorCount()).toBe(before);
  });

  it('refuses a body over 1 MiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024), legalForm: 'e_v' });
    expectError(await raw(admin, 'POST', '/api/operators', big), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a body over 1 MiB on the public login route', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: JSON.stringify({ email: 'a@b.de', password: 'x'.repeat(1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('accepts a body just under the limit as far as size goes', async () => {
    // 1 MiB minus the JSON wrapper: parsed, then refused by the schema's maxLength.
    const name = 'x'.repeat(1024 * 1024 - 100);
    const res = await raw(
      admin,
      'POST',
      '/api/operators',
      JSON.stringify({ name, legalForm: 'e_v' }),
    );
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('refuses text/plain on a JSON route with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const before = await operatorCount();
    const res = await raw(
      admin,
      'POST',
      '/api/operators',
      JSON.stringify({ name: unique('Träger '), legalForm: 'e_v' }),
      'text/plain',
    );
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await operatorCount()).toBe(before);
  });

  it('refuses form-encoded bodies with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: 'email=a%40b.de&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses prototype-pollution payloads with a 4xx, never a 500', async () => {
    for (const body of [
      '{"name": "Träger Proto", "legalForm": "e_v", "__proto__": {"isAdmin": true}}',
      '{"__proto__": {"polluted": "yes"}}',
      '{"name": "Träger Ctor", "legalForm": "e_v", "constructor": {"prototype": {"polluted": "yes"}}}',
    ]) {
      const res = await raw(admin, 'POST', '/api/operators', body);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(ERROR_CODES).toContain(res.json().code);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('routes and parameters', () => {
  it('answers an unknown /api route with a JSON 404 NOT_FOUND', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/does-not-exist' });
    expectError(res, 404, 'NOT_FOUND');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers an unknown /api route with 404 for anonymous callers as well', async () => {
    expectError(await anon(t, { method: 'POST', url: '/api/nothing/here' }), 404, 'NOT_FOUND');
  });

  it('answers an unsupported method on a known path with 404 NOT_FOUND', async () => {
    expectError(await admin.request({ method: 'PUT', url: '/api/centres' }), 404, 'NOT_FOUND');
  });

  it('refuses a non-integer id in the path with 400 VALIDATION_FAILED', async () => {
    for (const id of ['abc', '1.5', '0', '-3', '1e3', '0x10', 'true', '%207']) {
      const res = await admin.request({ method: 'GET', url: `/api/centres/${id}` });
      const body = expectError(res, 400, 'VALIDATION_FAILED');
      expect(body.details?.[0]?.field).toBe('id');
    }
  });

  it('refuses an id beyond the integer range with 400 VALIDATION_FAILED on both engines', async () => {
    for (const url of [
      '/api/participants/9999999999',
      '/api/encounters/9999999999',
      '/api/posts/9999999999',
      '/api/centres/2147483648',
      '/api/participants/99999999999999999999',
    ]) {
      const res = await admin.request({ method: 'GET', url });
      expect(expectError(res, 400, 'VALIDATION_FAILED').details?.[0]?.field, url).toBe('id');
    }
    for (const url of ['/api/encounters?centreId=9999999999', '/api/audit?actorId=9999999999']) {
      const res = await admin.request({ method: 'GET', url });
      expectError(res, 400, 'VALIDATION_FAILED');
    }
    // The largest id is still an id: not found, not refused.
    expectError(
      await admin.request({ method: 'GET', url: '/api/centres/2147483647' }),
      404,
      'NOT_FOUND',
    );
  });

  it('refuses a bad query parameter with 400 VALIDATION_FAILED', async () => {
    for (const limit of ['lots', '2.5', '1e2']) {
      const res = await admin.request({ method: 'GET', url: `/api/users?limit=${limit}` });
      expect(expectError(res, 400, 'VALIDATION_FAILED').details?.[0]?.field).toBe('limit');
    }
    expect((await admin.request({ method: 'GET', url: '/api/users?limit=10' })).statusCode).toBe(
      200,
    );
  });
});

describe('error shape', () => {
  it('is exactly { code, message, details? } for every kind of error', async () => {
    const coordinator = await userClient(t, ['coordinator']);
    const responses = [
      await raw(admin, 'POST', '/api/operators', '{'),
      await admin.request({ method: 'POST', url: '/api/operators', payload: { legalForm: 1 } }),
      await raw(admin, 'POST', '/api/operators', 'x'.repeat(1024 * 1024 + 1)),
      await raw(admin, 'POST', '/api/operators', 'hello', 'text/plain'),
      await anon(t, { method: 'GET', url: '/api/centres' }),
      await coordinator.request({ method: 'GET', url: '/api/users' }),
      await admin.request({ method: 'GET', url: '/api/centres/999999' }),
      await admin.request({ method: 'GET', url: '/api/nowhere' }),
      await admin.request({ method: 'GET', url: '/api/centres/abc' }),
      await t.app.inject({
        method: 'POST',
        url: '/api/operators',
        headers: { cookie: admin.cookie },
      }),
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'nobody@test.begegnung.de', password: 'wrong-password' },
      }),
    ];
    const statuses = new Set<number>();
    for (const res of responses) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      statuses.add(res.statusCode);
      const body = res.json() as Record<string, unknown>;
      const keys = Object.keys(body).sort();
      expect([
        ['code', 'message'],
        ['code', 'details', 'message'],
      ]).toContainEqual(keys);
      expect(ERROR_CODES).toContain(body.code);
      expect(typeof body.message).toBe('string');
      if (body.details) {
        for (const d of body.details as Record<string, unknown>[]) {
          expect(Object.keys(d).sort()).toEqual(['code', 'field', 'message']);
        }
      }
      // No stack traces or internals leak.
      expect(res.body).not.toMatch(/at .+\.ts:\d+|node_modules|SQLITE_/);
    }
    expect([...statuses].sort()).toEqual([400, 401, 403, 404, 413, 415]);
  });
});

describe('security headers', () => {
  it('sends a strict CSP and nosniff on API responses', async () => {
    const res = await anon(t, { method: 'GET', url: '/api/health' });
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sends the headers on error responses too', async () => {
    const res = await anon(t, { method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('does not allow cross-origin reads by default', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('GET /api/health', () => {
  it('answers { status: "ok" } without signing in', async () => {
    const res = await anon(t, { method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /api/openapi.json', () => {
  interface Operation {
    tags?: string[];
    summary?: string;
    responses?: Record<
      string,
      { description?: string; content?: Record<string, { schema?: unknown }> }
    >;
  }
  const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

  it('is an OpenAPI 3 document where every operation has tags and a success schema', async () => {
    const res = await anon(t, { method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      openapi: string;
      tags: { name: string }[];
      paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    const declaredTags = new Set(doc.tags.map((tag) => tag.name));
    const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({
        key: `${m.toUpperCase()} ${path}`,
        op: item[m]!,
      })),
    );
    expect(ops.length).toBeGreaterThanOrEqual(17);
    const problems: string[] = [];
    for (const { key, op } of ops) {
      if (!op.tags?.length) problems.push(`${key}: no tags`);
      for (const tag of op.tags ?? []) {
        if (!declaredTags.has(tag)) problems.push(`${key}: undeclared tag ${tag}`);
      }
      if (!op.summary) problems.push(`${key}: no summary`);
      // A browser redirect (single sign-on) documents its 302 and where it leads instead.
      const redirect = op.responses?.['302'];
      if (redirect && !op.responses?.['200']) {
        if (!redirect.description?.includes('Location')) problems.push(`${key}: undocumented 302`);
        continue;
      }
      const ok = op.responses?.['200'] ?? op.responses?.['201'];
      // JSON, or a declared file type such as the CSV, PDF, Markdown or Excel exports.
      const content = ok?.content ?? {};
      const file = [
        'text/csv',
        'application/pdf',
        'text/markdown',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ].find((t) => content[t]);
      if (!(content['application/json'] ?? (file ? content[file] : undefined))?.schema) {
        problems.push(`${key}: no 200/201 response schema`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents only /api paths and hides the document itself', async () => {
    const doc = (await anon(t, { method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\/api\//);
    expect(doc.paths['/api/openapi.json']).toBeUndefined();
  });
});
