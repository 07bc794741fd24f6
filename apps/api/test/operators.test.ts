import { beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { OperatorSchema, ROLES, type Role } from '@begegnung/domain';
import {
  anon,
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  lastAuditId,
  makeCentre,
  makeOperator,
  roleClient,
  unique,
  userClient,
  type Client,
  q,
} from './helper.ts';

const t = await createTestApp();
const admin = await userClient(t, ['admin']);
const NON_ADMIN = ROLES.filter((r): r is Exclude<Role, 'admin'> => r !== 'admin');

const create = (client: Client, payload: Record<string, unknown>) =>
  client.request({ method: 'POST', url: '/api/operators', payload });

const operatorRow = async (id: number) =>
  (await q(t.db).get('select * from operators where id = ?', id)) as
    { name: string; legal_form: string } | undefined;

describe('POST /api/operators', () => {
  it('creates an operator, trims the name and audits it', async () => {
    const name = unique('Nachbarschaftsverein ');
    const res = await create(admin, { name: `  ${name}  `, legalForm: 'e_v' });
    expect(res.statusCode).toBe(201);
    expectSchema(OperatorSchema, res.json());
    expect(res.json()).toMatchObject({ name, legalForm: 'e_v', centreCount: 0 });
    expect(
      await auditRows(t.db, { entity_type: 'operator', entity_id: String(res.json().id) }),
    ).toMatchObject([{ action: 'create', actor_id: admin.userId }]);
  });

  it.each(['e_v', 'kaoer', 'ggmbh', 'city', 'other'])(
    'accepts legal form %s',
    async (legalForm) => {
      const res = await create(admin, { name: unique('Träger '), legalForm });
      expect(res.statusCode).toBe(201);
      expect(res.json().legalForm).toBe(legalForm);
    },
  );

  it('refuses a name in use with 409 CONFLICT, also after trimming', async () => {
    const existing = await makeOperator(t.db);
    for (const name of [existing.name, ` ${existing.name} `]) {
      const body = expectError(await create(admin, { name, legalForm: 'ggmbh' }), 409, 'CONFLICT');
      expect(body.details).toEqual([expect.objectContaining({ field: 'name' })]);
    }
  });

  it.each([
    ['an unknown legal form', { name: 'Träger Form', legalForm: 'gmbh_co_kg' }, 'legalForm'],
    ['a numeric legal form', { name: 'Träger Zahl', legalForm: 5 }, 'legalForm'],
    ['a one-letter name', { name: 'X', legalForm: 'e_v' }, 'name'],
    ['a 161-character name', { name: 'x'.repeat(161), legalForm: 'e_v' }, 'name'],
    ['a missing legal form', { name: 'Träger Ohne' }, 'legalForm'],
    ['an unknown field', { name: 'Träger Extra', legalForm: 'e_v', centreCount: 3 }, 'centreCount'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_label, payload, field) => {
    const body = expectError(await create(admin, payload), 400, 'VALIDATION_FAILED');
    expect(body.details?.map((d) => d.field)).toContain(field);
  });
});

describe('reading operators', () => {
  it('lists operators by name with the number of centres each runs', async () => {
    const op = await makeOperator(t.db, unique('AAA Träger '));
    await makeCentre(t.db, { operatorId: op.id });
    await makeCentre(t.db, { operatorId: op.id });
    const res = await admin.request({ method: 'GET', url: '/api/operators' });
    expect(res.statusCode).toBe(200);
    expectSchema(Type.Array(OperatorSchema), res.json());
    expect(res.json().find((o: { id: number }) => o.id === op.id)).toMatchObject({
      name: op.name,
      centreCount: 2,
    });
    const names = res.json().map((o: { name: string }) => o.name);
    expect(names).toEqual([...names].sort((x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)));
  });

  it.each(ROLES)('lets a %s list and read operators', async (role) => {
    const client = await roleClient(t, role);
    const op = await makeOperator(t.db);
    const list = await client.request({ method: 'GET', url: '/api/operators' });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((o: { id: number }) => o.id)).toContain(op.id);
    const one = await client.request({ method: 'GET', url: `/api/operators/${op.id}` });
    expect(one.statusCode).toBe(200);
    expectSchema(OperatorSchema, one.json());
    expect(one.json()).toEqual({ id: op.id, name: op.name, legalForm: 'e_v', centreCount: 0 });
  });

  it('answers 404 NOT_FOUND for a missing id', async () => {
    expectError(
      await admin.request({ method: 'GET', url: '/api/operators/999999' }),
      404,
      'NOT_FOUND',
    );
  });

  it('answers anonymous callers with 401 UNAUTHENTICATED', async () => {
    const op = await makeOperator(t.db);
    expectError(await anon(t, { method: 'GET', url: '/api/operators' }), 401, 'UNAUTHENTICATED');
    expectError(
      await anon(t, { method: 'GET', url: `/api/operators/${op.id}` }),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('PATCH /api/operators/:id', () => {
  it('changes the legal form and audits only that field', async () => {
    const op = await makeOperator(t.db);
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/operators/${op.id}`,
      payload: { legalForm: 'kaoer', name: op.name },
    });
    expect(res.statusCode).toBe(200);
    expectSchema(OperatorSchema, res.json());
    expect(res.json()).toMatchObject({ name: op.name, legalForm: 'kaoer' });
    const rows = await auditRows(t.db, {
      entity_type: 'operator',
      entity_id: String(op.id),
      action: 'update',
    });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.changed_fields!)).toEqual(['legalForm']);
  });

  it('renames, trimming the new name, and the centres show the new name', async () => {
    const op = await makeOperator(t.db);
    const centre = await makeCentre(t.db, { operatorId: op.id });
    const name = unique('Umbenannt ');
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/operators/${op.id}`,
      payload: { name: ` ${name} ` },
    });
    expect(res.json()).toMatchObject({ name, centreCount: 1 });
    const c = await admin.request({ method: 'GET', url: `/api/centres/${centre.id}` });
    expect(c.json().operatorName).toBe(name);
    const rows = await auditRows(t.db, { entity_type: 'operator', entity_id: String(op.id) });
    expect(JSON.parse(rows.at(-1)!.changed_fields!)).toEqual(['name']);
  });

  it("refuses another operator's name with 409 CONFLICT and changes nothing", async () => {
    const a = await makeOperator(t.db);
    const b = await makeOperator(t.db);
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/operators/${b.id}`,
        payload: { name: a.name, legalForm: 'city' },
      }),
      409,
      'CONFLICT',
    );
    expect(await operatorRow(b.id)).toMatchObject({ name: b.name, legal_form: 'e_v' });
  });

  it('refuses an empty patch and unknown fields with 400 VALIDATION_FAILED', async () => {
    const op = await makeOperator(t.db);
    for (const payload of [{}, { centreCount: 0 }, { legalForm: 'verein' }]) {
      expectError(
        await admin.request({ method: 'PATCH', url: `/api/operators/${op.id}`, payload }),
        400,
        'VALIDATION_FAILED',
      );
    }
  });

  it('answers 404 NOT_FOUND for a missing id', async () => {
    expectError(
      await admin.request({
        method: 'PATCH',
        url: '/api/operators/999999',
        payload: { legalForm: 'city' },
      }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('DELETE /api/operators/:id', () => {
  it('deletes an operator that runs no centre, and audits it', async () => {
    const op = await makeOperator(t.db);
    const res = await admin.request({ method: 'DELETE', url: `/api/operators/${op.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await operatorRow(op.id)).toBeUndefined();
    expect(
      await auditRows(t.db, {
        entity_type: 'operator',
        entity_id: String(op.id),
        action: 'delete',
      }),
    ).toHaveLength(1);
    expectError(
      await admin.request({ method: 'GET', url: `/api/operators/${op.id}` }),
      404,
      'NOT_FOUND',
    );
  });

  it('refuses while it runs centres with 409 OPERATOR_IN_USE', async () => {
    const op = await makeOperator(t.db);
    const centre = await makeCentre(t.db, { operatorId: op.id });
    const body = expectError(
      await admin.request({ method: 'DELETE', url: `/api/operators/${op.id}` }),
      409,
      'OPERATOR_IN_USE',
    );
    expect(body.message).toContain('1 centre');
    expect(await operatorRow(op.id)).toBeDefined();
    // Once its centre is gone, the operator can go too.
    expect(
      (await admin.request({ method: 'DELETE', url: `/api/centres/${centre.id}` })).statusCode,
    ).toBe(200);
    expect(
      (await admin.request({ method: 'DELETE', url: `/api/operators/${op.id}` })).statusCode,
    ).toBe(200);
  });

  it('answers 404 NOT_FOUND for a missing id', async () => {
    expectError(
      await admin.request({ method: 'DELETE', url: '/api/operators/999999' }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('writes by other roles', () => {
  it('answers anonymous writes with 401 UNAUTHENTICATED', async () => {
    const op = await makeOperator(t.db);
    const name = unique('Anonym ');
    expectError(
      await anon(t, { method: 'POST', url: '/api/operators', payload: { name, legalForm: 'e_v' } }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await anon(t, { method: 'PATCH', url: `/api/operators/${op.id}`, payload: { name } }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await anon(t, { method: 'DELETE', url: `/api/operators/${op.id}` }),
      401,
      'UNAUTHENTICATED',
    );
    expect(await operatorRow(op.id)).toMatchObject({ name: op.name });
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

    it('cannot create an operator (403 FORBIDDEN, audited)', async () => {
      const before = await lastAuditId(t.db);
      const name = unique('Verboten ');
      expectError(await create(client, { name, legalForm: 'e_v' }), 403, 'FORBIDDEN');
      expect(await denied(before)).toMatchObject([{ entity_type: 'operator' }]);
      expect(await q(t.db).get('select count(*) as n from operators where name = ?', name)).toEqual(
        { n: 0 },
      );
    });

    it('cannot change an operator (403 FORBIDDEN, audited)', async () => {
      const op = await makeOperator(t.db);
      const before = await lastAuditId(t.db);
      expectError(
        await client.request({
          method: 'PATCH',
          url: `/api/operators/${op.id}`,
          payload: { legalForm: 'city' },
        }),
        403,
        'FORBIDDEN',
      );
      expect(await denied(before)).toHaveLength(1);
      expect((await operatorRow(op.id))!.legal_form).toBe('e_v');
    });

    it('cannot delete an operator (403 FORBIDDEN, audited)', async () => {
      const op = await makeOperator(t.db);
      const before = await lastAuditId(t.db);
      expectError(
        await client.request({ method: 'DELETE', url: `/api/operators/${op.id}` }),
        403,
        'FORBIDDEN',
      );
      expect(await denied(before)).toHaveLength(1);
      expect(await operatorRow(op.id)).toBeDefined();
    });
  });
});
