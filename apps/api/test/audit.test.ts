import { describe, expect, it, vi } from 'vitest';
import { AuditEntrySchema, Page, ROLES } from '@begegnung/domain';
import {
  anon,
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  lastAuditId,
  roleClient,
  unique,
  userClient,
  type Client,
  q,
} from './helper.ts';
import { insertAudit } from '../src/modules/audit/audit.repository.ts';

const t = await createTestApp();
const dpo = await userClient(t, ['data_protection']);
// A second database whose first audit rows are dated in 2020: the chain only appends in time
// order, so old rows cannot be slipped in behind today's.
const early = await createTestApp();

interface Entry {
  id: number;
  at: string;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changedFields: string[] | null;
}

async function search(query: string) {
  const res = await dpo.request({ method: 'GET', url: `/api/audit?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  expectSchema(Page(AuditEntrySchema), res.json());
  return res.json() as { items: Entry[]; total: number; limit: number; offset: number };
}

/** A fresh admin who creates and then renames one operator: a small, known trail. */
async function trail() {
  const admin = await userClient(t, ['admin']);
  const created = await admin.request({
    method: 'POST',
    url: '/api/operators',
    payload: { name: unique('Audit-Träger '), legalForm: 'e_v' },
  });
  const id = created.json().id as number;
  await admin.request({
    method: 'PATCH',
    url: `/api/operators/${id}`,
    payload: { legalForm: 'ggmbh' },
  });
  return { admin, operatorId: id };
}

const shiftDay = (day: string, by: number) => {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
};

/** Writes a row through the real writer while the clock shows `at`. */
async function insertAt(at: string, entityType: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  try {
    await insertAudit(early.db, { actorId: null, actorEmail: null, action: 'read', entityType });
  } finally {
    vi.useRealTimers();
  }
}

describe('GET /api/audit access', () => {
  it('lets data_protection search the log', async () => {
    const page = await search('');
    expect(page.total).toBeGreaterThan(0);
    expect(page).toMatchObject({ limit: 50, offset: 0 });
  });

  it.each(ROLES.filter((r) => r !== 'data_protection'))(
    'refuses %s with 403 FORBIDDEN and audits the denial',
    async (role) => {
      const client = await roleClient(t, role);
      const before = await lastAuditId(t.db);
      expectError(await client.request({ method: 'GET', url: '/api/audit' }), 403, 'FORBIDDEN');
      const rows = (await auditRows(t.db, { actor_id: client.userId, action: 'denied' })).filter(
        (r) => r.id > before,
      );
      expect(rows).toMatchObject([{ entity_type: 'audit_log', reason: 'forbidden' }]);
    },
  );

  it('lets a user holding data_protection among other roles search', async () => {
    const multi = await userClient(t, ['coordinator', 'data_protection']);
    expect((await multi.request({ method: 'GET', url: '/api/audit' })).statusCode).toBe(200);
  });

  it('answers anonymous callers with 401 UNAUTHENTICATED', async () => {
    expectError(await anon(t, { method: 'GET', url: '/api/audit' }), 401, 'UNAUTHENTICATED');
  });

  it('offers no route to change or remove entries', async () => {
    const id = await lastAuditId(t.db);
    for (const method of ['PATCH', 'DELETE', 'PUT', 'POST'] as const) {
      for (const url of ['/api/audit', `/api/audit/${id}`]) {
        expectError(await dpo.request({ method, url, payload: {} }), 404, 'NOT_FOUND');
      }
    }
  });
});

describe('GET /api/audit filters', () => {
  it('filters by actorId, newest first', async () => {
    const { admin } = await trail();
    const page = await search(`actorId=${admin.userId}`);
    expect(page.items.map((e) => e.action)).toEqual(['update', 'create', 'login']);
    expect(page.items.every((e) => e.actorId === admin.userId)).toBe(true);
    const ids = page.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(page.total).toBe(3);
  });

  it('filters by action', async () => {
    const { admin, operatorId } = await trail();
    const page = await search(`actorId=${admin.userId}&action=update`);
    expect(page.items).toMatchObject([
      { action: 'update', entityType: 'operator', entityId: String(operatorId) },
    ]);
    expect(page.items[0]!.changedFields).toEqual(['legalForm']);
    const all = await search('action=login_failed');
    expect(all.items.every((e) => e.action === 'login_failed')).toBe(true);
  });

  it('filters by entityType and entityId', async () => {
    const { admin, operatorId } = await trail();
    const byType = await search(`actorId=${admin.userId}&entityType=operator`);
    expect(byType.items.map((e) => e.action)).toEqual(['update', 'create']);
    const byId = await search(`entityType=operator&entityId=${operatorId}`);
    expect(byId.items.map((e) => e.action)).toEqual(['update', 'create']);
    expect((await search(`actorId=${admin.userId}&entityType=centre`)).total).toBe(0);
  });

  it('filters by date range, both ends inclusive', async () => {
    const { admin } = await trail();
    const day = (await search(`actorId=${admin.userId}`)).items[0]!.at.slice(0, 10);
    const q = `actorId=${admin.userId}`;
    expect((await search(`${q}&from=${day}&to=${day}`)).total).toBe(3);
    expect((await search(`${q}&from=${day}`)).total).toBe(3);
    expect((await search(`${q}&to=${day}`)).total).toBe(3);
    expect((await search(`${q}&to=${shiftDay(day, -1)}`)).total).toBe(0);
    expect((await search(`${q}&from=${shiftDay(day, 1)}`)).total).toBe(0);
  });

  it('puts the day boundaries at midnight UTC', async () => {
    const type = unique('grenze');
    await insertAt('2020-03-01T23:59:59.999Z', type);
    await insertAt('2020-03-02T00:00:00.000Z', type);
    await insertAt('2020-03-02T23:59:59.999Z', type);
    await insertAt('2020-03-03T00:00:00.000Z', type);
    const reader = await userClient(early, ['data_protection']);
    const at = async (range: string) => {
      const res = await reader.request({
        method: 'GET',
        url: `/api/audit?entityType=${type}&${range}`,
      });
      return (res.json() as { items: Entry[] }).items.map((e) => e.at).sort();
    };
    expect(await at('from=2020-03-02&to=2020-03-02')).toEqual([
      '2020-03-02T00:00:00.000Z',
      '2020-03-02T23:59:59.999Z',
    ]);
    expect(await at('to=2020-03-01')).toEqual(['2020-03-01T23:59:59.999Z']);
    expect(await at('from=2020-03-03')).toEqual(['2020-03-03T00:00:00.000Z']);
  });

  it('pages with limit and offset', async () => {
    const { admin } = await trail();
    const first = await search(`actorId=${admin.userId}&limit=2`);
    expect(first).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(first.items.map((e) => e.action)).toEqual(['update', 'create']);
    const second = await search(`actorId=${admin.userId}&limit=2&offset=2`);
    expect(second.items.map((e) => e.action)).toEqual(['login']);
  });

  it.each([
    ['an unknown action', 'action=erase', 'action'],
    ['an invalid date', 'from=2020-13-01', 'from'],
    ['a date-time instead of a date', 'to=2020-01-01T00:00:00Z', 'to'],
    ['actorId 0', 'actorId=0', 'actorId'],
    ['a non-integer actorId', 'actorId=1.5', 'actorId'],
    ['limit above 200', 'limit=201', 'limit'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_label, query, field) => {
    const res = await dpo.request({ method: 'GET', url: `/api/audit?${query}` });
    expect(expectError(res, 400, 'VALIDATION_FAILED').details?.map((d) => d.field)).toContain(
      field,
    );
  });
});

describe('append-only audit log', () => {
  const count = async () =>
    ((await q(t.db).get('select count(*) as n from audit_log')) as { n: number }).n;

  it('refuses UPDATE at the database level', async () => {
    const before = await count();
    const first = (await auditRows(t.db))[0]!;
    await expect(q(t.db).run('update audit_log set action = ?', 'x')).rejects.toThrow(
      /append-only/,
    );
    await expect(
      q(t.db).run('update audit_log set reason = ? where id = ?', 'edited', first.id),
    ).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
    expect((await auditRows(t.db))[0]).toEqual(first);
  });

  it('refuses DELETE at the database level', async () => {
    const before = await count();
    const last = await lastAuditId(t.db);
    await expect(q(t.db).run('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(q(t.db).run('delete from audit_log where id = ?', last)).rejects.toThrow(
      /append-only/,
    );
    expect(await count()).toBe(before);
  });

  it('still accepts new entries', async () => {
    const before = await count();
    const client: Client = await userClient(t, ['coordinator']);
    expect(await count()).toBeGreaterThan(before);
    expect(await auditRows(t.db, { actor_id: client.userId, action: 'login' })).toHaveLength(1);
  });
});
