import { beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { CentreSchema, ROLES, type Role } from '@begegnung/domain';
import {
  anon,
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  lastAuditId,
  makeCentre,
  makeOperator,
  makeUser,
  roleClient,
  unique,
  uniqueCode,
  userClient,
  type Client,
  q,
} from './helper.ts';
import { makeParticipant } from './encounter-fixtures.ts';

const t = await createTestApp();
const admin = await userClient(t, ['admin']);
const NON_ADMIN = ROLES.filter((r): r is Exclude<Role, 'admin'> => r !== 'admin');

async function centreBody(overrides: Record<string, unknown> = {}) {
  return {
    name: unique('Nachbarschaftszentrum '),
    code: uniqueCode(),
    operatorId: (await makeOperator(t.db)).id,
    address: 'Deisterstraße 10',
    district: 'Grone',
    ...overrides,
  };
}

const create = (client: Client, body: Record<string, unknown>) =>
  client.request({ method: 'POST', url: '/api/centres', payload: body });

const centreRow = async (id: number) =>
  (await q(t.db).get('select * from centres where id = ?', id)) as
    { name: string; district: string; code: string } | undefined;

describe('POST /api/centres', () => {
  it('creates a centre with its operator name, defaults and an audit row', async () => {
    const op = await makeOperator(t.db);
    const body = await centreBody({ operatorId: op.id, name: '  Weststadtzentrum Test  ' });
    const res = await create(admin, body);
    expect(res.statusCode).toBe(201);
    expectSchema(CentreSchema, res.json());
    expect(res.json()).toMatchObject({
      name: 'Weststadtzentrum Test',
      code: body.code,
      operatorId: op.id,
      operatorName: op.name,
      address: body.address,
      district: body.district,
      openingHours: '',
      openedOn: null,
      active: true,
    });
    expect(
      await auditRows(t.db, { entity_type: 'centre', entity_id: String(res.json().id) }),
    ).toMatchObject([{ action: 'create', actor_id: admin.userId }]);
  });

  it('accepts optional opening hours, opening date and active flag', async () => {
    const res = await create(
      admin,
      await centreBody({ openingHours: 'Mo–Fr 9–17 Uhr', openedOn: '2019-04-01', active: false }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      openingHours: 'Mo–Fr 9–17 Uhr',
      openedOn: '2019-04-01',
      active: false,
    });
  });

  it('refuses an unknown operator with 400 UNKNOWN_OPERATOR', async () => {
    const body = expectError(
      await create(admin, await centreBody({ operatorId: 999_999 })),
      400,
      'UNKNOWN_OPERATOR',
    );
    expect(body.details).toEqual([expect.objectContaining({ field: 'operatorId' })]);
  });

  it('refuses a code already in use with 409 CENTRE_CODE_TAKEN', async () => {
    const existing = await makeCentre(t.db);
    const body = expectError(
      await create(admin, await centreBody({ code: existing.code })),
      409,
      'CENTRE_CODE_TAKEN',
    );
    expect(body.details).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it.each(['gro', 'Gro', 'G', 'ABCDEFG', 'GR1', 'GR O', ''])(
    'refuses the code %j with 400 VALIDATION_FAILED',
    async (code) => {
      const body = expectError(
        await create(admin, await centreBody({ code })),
        400,
        'VALIDATION_FAILED',
      );
      expect(body.details?.map((d) => d.field)).toContain('code');
    },
  );

  it.each([
    ['a missing name', { name: undefined }, 'name'],
    ['a one-letter name', { name: 'X' }, 'name'],
    ['a short address', { address: 'ab' }, 'address'],
    ['an impossible date', { openedOn: '2019-02-30' }, 'openedOn'],
    ['a date-time as date', { openedOn: '2019-02-01T10:00:00Z' }, 'openedOn'],
    ['an operator id as string', { operatorId: '1' }, 'operatorId'],
    ['an unknown field', { capacity: 40 }, 'capacity'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_label, override, field) => {
    const body = await centreBody(override);
    const payload = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const err = expectError(await create(admin, payload), 400, 'VALIDATION_FAILED');
    expect(err.details?.map((d) => d.field)).toContain(field);
  });
});

describe('reading centres', () => {
  it('lists centres sorted by name, each matching the schema', async () => {
    const prefix = unique('Sortiert ');
    const b = await makeCentre(t.db, { name: `${prefix} B` });
    const a = await makeCentre(t.db, { name: `${prefix} A` });
    const res = await admin.request({ method: 'GET', url: '/api/centres' });
    expect(res.statusCode).toBe(200);
    expectSchema(Type.Array(CentreSchema), res.json());
    const ids = res.json().map((c: { id: number }) => c.id);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    const names = res.json().map((c: { name: string }) => c.name);
    expect(names).toEqual([...names].sort((x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)));
  });

  it.each(ROLES)('lets a %s list and read centres', async (role) => {
    const client = await roleClient(t, role);
    const centre = await makeCentre(t.db);
    const list = await client.request({ method: 'GET', url: '/api/centres' });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((c: { id: number }) => c.id)).toContain(centre.id);
    const one = await client.request({ method: 'GET', url: `/api/centres/${centre.id}` });
    expect(one.statusCode).toBe(200);
    expectSchema(CentreSchema, one.json());
    expect(one.json()).toMatchObject({ id: centre.id, code: centre.code });
  });

  it('refuses a centre that records refer to with 409 CENTRE_IN_USE, and it can be deactivated', async () => {
    const centre = await makeCentre(t.db);
    await makeParticipant(t.db, centre.id);
    const before = await lastAuditId(t.db);
    const refused = expectError(
      await admin.request({ method: 'DELETE', url: `/api/centres/${centre.id}` }),
      409,
      'CENTRE_IN_USE',
    );
    expect(refused.message).toMatch(/deactivate/);
    expect(await centreRow(centre.id)).toBeDefined();
    expect(
      await auditRows(t.db, {
        entity_type: 'centre',
        entity_id: String(centre.id),
        action: 'delete',
      }),
    ).toHaveLength(0);
    expect(await lastAuditId(t.db)).toBeGreaterThanOrEqual(before);
    const off = await admin.request({
      method: 'PATCH',
      url: `/api/centres/${centre.id}`,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false });
  });

  it('answers 404 NOT_FOUND for a missing id', async () => {
    expectError(
      await admin.request({ method: 'GET', url: '/api/centres/999999' }),
      404,
      'NOT_FOUND',
    );
  });

  it('answers anonymous callers with 401 UNAUTHENTICATED', async () => {
    const centre = await makeCentre(t.db);
    expectError(await anon(t, { method: 'GET', url: '/api/centres' }), 401, 'UNAUTHENTICATED');
    expectError(
      await anon(t, { method: 'GET', url: `/api/centres/${centre.id}` }),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('PATCH /api/centres/:id', () => {
  it('changes fields and audits exactly the changed ones', async () => {
    const centre = await makeCentre(t.db);
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/centres/${centre.id}`,
      payload: {
        district: 'Holtenser Berg',
        openingHours: 'Di 10–12 Uhr',
        address: centre.address,
      },
    });
    expect(res.statusCode).toBe(200);
    expectSchema(CentreSchema, res.json());
    expect(res.json()).toMatchObject({ district: 'Holtenser Berg', openingHours: 'Di 10–12 Uhr' });
    const rows = await auditRows(t.db, {
      entity_type: 'centre',
      entity_id: String(centre.id),
      action: 'update',
    });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.changed_fields!)).toEqual(['district', 'openingHours']);
  });

  it('moves a centre to another operator', async () => {
    const centre = await makeCentre(t.db);
    const op = await makeOperator(t.db);
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/centres/${centre.id}`,
      payload: { operatorId: op.id },
    });
    expect(res.json()).toMatchObject({ operatorId: op.id, operatorName: op.name });
    const rows = await auditRows(t.db, { entity_type: 'centre', entity_id: String(centre.id) });
    expect(JSON.parse(rows.at(-1)!.changed_fields!)).toContain('operatorId');
  });

  it('deactivates a centre, which stays readable', async () => {
    const centre = await makeCentre(t.db);
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/centres/${centre.id}`,
      payload: { active: false },
    });
    expect(res.json().active).toBe(false);
    const again = await admin.request({ method: 'GET', url: `/api/centres/${centre.id}` });
    expect(again.json().active).toBe(false);
  });

  it('keeps its own code without a conflict', async () => {
    const centre = await makeCentre(t.db);
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/centres/${centre.id}`,
      payload: { code: centre.code, name: 'Stadtteilbüro Leineberg Test' },
    });
    expect(res.statusCode).toBe(200);
  });

  it("refuses another centre's code with 409 CENTRE_CODE_TAKEN and changes nothing", async () => {
    const a = await makeCentre(t.db);
    const b = await makeCentre(t.db);
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/centres/${b.id}`,
        payload: { code: a.code, district: 'Anders' },
      }),
      409,
      'CENTRE_CODE_TAKEN',
    );
    expect(await centreRow(b.id)).toMatchObject({ code: b.code, district: b.district });
  });

  it('refuses an unknown operator with 400 UNKNOWN_OPERATOR', async () => {
    const centre = await makeCentre(t.db);
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/centres/${centre.id}`,
        payload: { operatorId: 999_999 },
      }),
      400,
      'UNKNOWN_OPERATOR',
    );
  });

  it('refuses an empty patch, a lower-case code and unknown fields with 400', async () => {
    const centre = await makeCentre(t.db);
    for (const payload of [{}, { code: 'lei' }, { id: 5 }, { name: null }]) {
      expectError(
        await admin.request({ method: 'PATCH', url: `/api/centres/${centre.id}`, payload }),
        400,
        'VALIDATION_FAILED',
      );
    }
  });

  it('answers 404 NOT_FOUND for a missing id', async () => {
    expectError(
      await admin.request({
        method: 'PATCH',
        url: '/api/centres/999999',
        payload: { district: 'Nirgendwo' },
      }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('DELETE /api/centres/:id', () => {
  it('deletes a centre nobody is linked to, and audits it', async () => {
    const centre = await makeCentre(t.db);
    const res = await admin.request({ method: 'DELETE', url: `/api/centres/${centre.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expectError(
      await admin.request({ method: 'GET', url: `/api/centres/${centre.id}` }),
      404,
      'NOT_FOUND',
    );
    expect(
      await auditRows(t.db, {
        entity_type: 'centre',
        entity_id: String(centre.id),
        action: 'delete',
      }),
    ).toHaveLength(1);
  });

  it('refuses while users are linked with 409 CENTRE_IN_USE, and allows it once unlinked', async () => {
    const centre = await makeCentre(t.db);
    const staff = await makeUser(t.db, ['centre_staff'], [centre.id]);
    const refused = expectError(
      await admin.request({ method: 'DELETE', url: `/api/centres/${centre.id}` }),
      409,
      'CENTRE_IN_USE',
    );
    expect(refused.message).toMatch(/1 user/);
    expect(await centreRow(centre.id)).toBeDefined();
    // The link survives too; the foreign key alone would have cascaded it away.
    expect(
      await q(t.db).get('select count(*) as n from user_centres where centre_id = ?', centre.id),
    ).toEqual({ n: 1 });
    const other = await makeCentre(t.db);
    await admin.request({
      method: 'PATCH',
      url: `/api/users/${staff.id}`,
      payload: { centreIds: [other.id] },
    });
    const res = await admin.request({ method: 'DELETE', url: `/api/centres/${centre.id}` });
    expect(res.statusCode).toBe(200);
  });

  it('answers 404 NOT_FOUND for a missing id', async () => {
    expectError(
      await admin.request({ method: 'DELETE', url: '/api/centres/999999' }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('writes by other roles', () => {
  it('answers anonymous writes with 401 UNAUTHENTICATED', async () => {
    const centre = await makeCentre(t.db);
    expectError(
      await anon(t, { method: 'POST', url: '/api/centres', payload: await centreBody() }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await anon(t, {
        method: 'PATCH',
        url: `/api/centres/${centre.id}`,
        payload: { district: 'X' },
      }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await anon(t, { method: 'DELETE', url: `/api/centres/${centre.id}` }),
      401,
      'UNAUTHENTICATED',
    );
    expect(await centreRow(centre.id)).toMatchObject({ district: centre.district });
  });

  describe.each(NON_ADMIN)('role %s', (role) => {
    let client: Client;
    beforeAll(async () => {
      client = await roleClient(t, role);
    });

    const denied = async (before: number) =>
      (await auditRows(t.db, { actor_id: client.userId, action: 'denied' })).filter(
        (r) => r.id > before,
      );

    it('cannot create a centre (403 FORBIDDEN, audited)', async () => {
      const before = await lastAuditId(t.db);
      const body = await centreBody();
      expectError(await create(client, body), 403, 'FORBIDDEN');
      expect(await denied(before)).toMatchObject([{ entity_type: 'centre' }]);
      expect(
        await q(t.db).get('select count(*) as n from centres where code = ?', body.code),
      ).toEqual({ n: 0 });
    });

    it('cannot change a centre (403 FORBIDDEN, audited)', async () => {
      const centre = await makeCentre(t.db);
      const before = await lastAuditId(t.db);
      expectError(
        await client.request({
          method: 'PATCH',
          url: `/api/centres/${centre.id}`,
          payload: { district: 'Übernommen' },
        }),
        403,
        'FORBIDDEN',
      );
      expect(await denied(before)).toHaveLength(1);
      expect((await centreRow(centre.id))!.district).toBe(centre.district);
    });

    it('cannot delete a centre (403 FORBIDDEN, audited)', async () => {
      const centre = await makeCentre(t.db);
      const before = await lastAuditId(t.db);
      expectError(
        await client.request({ method: 'DELETE', url: `/api/centres/${centre.id}` }),
        403,
        'FORBIDDEN',
      );
      expect(await denied(before)).toHaveLength(1);
      expect(await centreRow(centre.id)).toBeDefined();
    });
  });
});
