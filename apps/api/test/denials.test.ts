import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  anon,
  auditRows,
  createTestApp,
  expectError,
  lastAuditId,
  makeCentre,
  userClient,
} from './helper.ts';
import { makeApplication, makeScorecard, makeVacancy } from './hiring-fixtures.ts';
import { makeParticipant } from './encounter-fixtures.ts';

const t = await createTestApp();
const admin = await userClient(t, ['admin']);

const newRows = async (since: number) => (await auditRows(t.db)).filter((r) => r.id > since);

describe('every denial is audited, in one place', () => {
  it('a failed CSRF check', async () => {
    const since = await lastAuditId(t.db);
    const res = await admin.request({
      method: 'POST',
      url: '/api/operators',
      payload: { name: 'CSRF-Test', legalForm: 'e_v' },
      headers: { 'x-csrf-token': 'forged' },
    });
    expectError(res, 403, 'CSRF_INVALID');
    expect(await newRows(since)).toEqual([
      expect.objectContaining({
        action: 'denied',
        actor_id: admin.userId,
        entity_type: 'route',
        entity_id: 'POST /api/operators',
        reason: 'CSRF_INVALID',
      }),
    ]);
  });

  it('a request without a session to a protected route (but not the session probe)', async () => {
    const since = await lastAuditId(t.db);
    expectError(await anon(t, { method: 'GET', url: '/api/audit' }), 401, 'UNAUTHENTICATED');
    expect(await newRows(since)).toEqual([
      expect.objectContaining({ action: 'denied', actor_id: null, reason: 'UNAUTHENTICATED' }),
    ]);
    const probe = await lastAuditId(t.db);
    expect((await anon(t, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    expect(await lastAuditId(t.db)).toBe(probe);
  });

  it('a refused scorecard revision (someone else’s card)', async () => {
    const m1 = await userClient(t, ['panel_member']);
    const m2 = await userClient(t, ['panel_member']);
    const v = await makeVacancy(t.db, { panel: [m1.userId, m2.userId] });
    const app = await makeApplication(t.db, v.vacancyId, { status: 'invited' });
    const card = await makeScorecard(t.db, v, app, m1.userId, true);
    const since = await lastAuditId(t.db);
    const res = await m2.request({
      method: 'POST',
      url: `/api/scorecards/${card}/revisions`,
      payload: {
        reason: 'angleichen',
        ratings: [{ criterionId: v.criterionIds[0], score: 1 }],
        recommendation: 'no',
        notes: '',
      },
    });
    expectError(res, 403, 'FORBIDDEN');
    expect(await newRows(since)).toEqual([
      expect.objectContaining({
        action: 'denied',
        actor_id: m2.userId,
        entity_id: 'POST /api/scorecards/:id/revisions',
      }),
    ]);
  });

  it('a hidden object once, with its type and id, even when refused inside a transaction', async () => {
    const staff = await userClient(t, ['centre_staff'], [(await makeCentre(t.db)).id]);
    const foreign = await makeParticipant(t.db, (await makeCentre(t.db)).id);
    const since = await lastAuditId(t.db);
    expectError(
      await staff.request({ method: 'GET', url: `/api/participants/${foreign.id}` }),
      404,
      'NOT_FOUND',
    );
    expect(await newRows(since)).toEqual([
      expect.objectContaining({
        action: 'denied',
        entity_type: 'participant',
        entity_id: String(foreign.id),
        reason: 'not visible',
      }),
    ]);
  });
});

describe('one not-found answer', () => {
  it('is the same body for another centre’s participant and a missing one', async () => {
    const staff = await userClient(t, ['centre_staff'], [(await makeCentre(t.db)).id]);
    const foreign = await makeParticipant(t.db, (await makeCentre(t.db)).id);
    const hidden = await staff.request({ method: 'GET', url: `/api/participants/${foreign.id}` });
    const missing = await staff.request({ method: 'GET', url: '/api/participants/99999999' });
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    const route = await staff.request({ method: 'GET', url: '/api/nothing-here' });
    expect(route.body).toBe(missing.body);
  });
});

describe('Cache-Control: no-store', () => {
  it('is on every API response: each operation, signed in and anonymous, errors included', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      ['get', 'post', 'put', 'patch', 'delete']
        .filter((m) => item[m])
        .map((m) => ({
          method: m.toUpperCase() as 'GET',
          url: path.replace(/\{[^}]+\}/g, '1'),
        })),
    );
    expect(ops.length).toBeGreaterThan(80);
    const missing: string[] = [];
    for (const op of ops) {
      for (const res of [
        await admin.request({ ...op, payload: op.method === 'GET' ? undefined : {} }),
        await anon(t, op),
      ]) {
        if (res.headers['cache-control'] !== 'no-store')
          missing.push(`${op.method} ${op.url} ${res.statusCode}`);
      }
    }
    for (const url of ['/api/nothing-here', '/api/health']) {
      const res = await anon(t, { method: 'GET', url });
      if (res.headers['cache-control'] !== 'no-store') missing.push(url);
    }
    expect(missing).toEqual([]);
  }, 60_000);
});

describe('personal data stays out of the request logs and out of spreadsheet formulas', () => {
  it('redacts query values such as email and q, keeps paging', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { app } = await createTestApp(
      { LOG_LEVEL: 'info' },
      { logger: { level: 'info', stream } },
    );
    await app.inject({ method: 'GET', url: '/api/users?q=Fatima%20Haddad&limit=5' });
    await app.inject({
      method: 'GET',
      url: '/api/audit?actorEmail=leila%40example.org&email=x%40y.de',
    });
    const log = lines.join('');
    expect(log).toContain('limit=5');
    expect(log).toContain('q=[redacted]');
    for (const secret of ['Fatima', 'Haddad', 'leila', 'x%40y.de', 'example.org'])
      expect(log).not.toContain(secret);
  });

  it('a failed sign-in as =1+1@evil.example is text in the audit CSV, not a formula', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: '=1+1@evil.example', password: 'whatever-it-is' },
    });
    expectError(res, 401, 'INVALID_CREDENTIALS');
    const dpo = await userClient(t, ['data_protection']);
    const csv = await dpo.request({
      method: 'GET',
      url: '/api/audit/export.csv?action=login_failed',
    });
    expect(csv.statusCode).toBe(200);
    const cells = csv.body.split('\r\n').flatMap((l) => l.split(';'));
    expect(cells).toContain("'=1+1@evil.example");
    expect(cells.some((c) => /^["]?[=+\-@]/.test(c))).toBe(false);
  });
});
