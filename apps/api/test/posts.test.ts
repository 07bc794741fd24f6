import { describe, expect, it } from 'vitest';
import {
  CentreNeedSchema,
  ComparisonSchema,
  PostSchema,
  ROLES,
  ScenarioSchema,
  type Role,
} from '@begegnung/domain';
import {
  anon,
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
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
const coord = await userClient(t, ['coordinator']);
const OTHERS = ROLES.filter((r): r is Role => r !== 'admin' && r !== 'coordinator');
const centres = [
  await makeCentre(t.db),
  await makeCentre(t.db),
  await makeCentre(t.db),
  await makeCentre(t.db),
];

const postBody = (overrides: Record<string, unknown> = {}) => ({
  code: unique('P-'),
  title: 'Integrationsfachkraft Test',
  roleType: 'centre_integration',
  fte: '0.5',
  payGroup: 'S 11b',
  employer: 'city',
  fundingMode: 'establishment_plan',
  budgetYearFrom: 2019,
  ...overrides,
});

async function createPost(overrides: Record<string, unknown> = {}, client: Client = admin) {
  const res = await client.request({
    method: 'POST',
    url: '/api/posts',
    payload: postBody(overrides),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; fte: string; status: string; payGroup: string };
}

const allocate = (id: number, allocations: { centreId: number; share: string }[], client = admin) =>
  client.request({ method: 'PUT', url: `/api/posts/${id}/allocations`, payload: { allocations } });

const move = (id: number, to: string, client = admin) =>
  client.request({
    method: 'POST',
    url: `/api/posts/${id}/status`,
    payload: { to, reason: 'Haushalt 2019', effectiveOn: '2019-01-01' },
  });

describe('posts', () => {
  it('creates a post in status proposed with history and an audit row', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/posts',
      payload: postBody({ fte: '0.250', kw: true }),
    });
    expect(res.statusCode).toBe(201);
    expectSchema(PostSchema, res.json());
    expect(res.json()).toMatchObject({
      fte: '0.25',
      status: 'proposed',
      kw: true,
      allowedTransitions: ['budgeted', 'abolished'],
    });
    expect(res.json().history).toMatchObject([{ fromStatus: null, toStatus: 'proposed' }]);
    expect(
      await auditRows(t.db, { entity_type: 'post', entity_id: String(res.json().id) }),
    ).toMatchObject([{ action: 'create', actor_id: admin.userId }]);
  });

  it.each([
    ['0', 'fte_zero'],
    ['-0.5', 'fte_negative'],
    ['1.5', 'fte_too_large'],
    ['0.1234', 'fte_too_many_decimals'],
    ['halb', 'fte_format'],
  ])('refuses FTE %s with 400 INVALID_FTE (%s)', async (fte, detail) => {
    const body = expectError(
      await admin.request({ method: 'POST', url: '/api/posts', payload: postBody({ fte }) }),
      400,
      'INVALID_FTE',
    );
    expect(body.details).toMatchObject([{ field: 'fte', code: detail }]);
  });

  it('refuses budget years out of order, a missing or unknown operator, and a taken code', async () => {
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/posts',
        payload: postBody({ budgetYearFrom: 2021, budgetYearTo: 2020 }),
      }),
      400,
      'BUDGET_YEARS_ORDER',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/posts',
        payload: postBody({ employer: 'operator' }),
      }),
      400,
      'OPERATOR_REQUIRED',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/posts',
        payload: postBody({ employer: 'operator', operatorId: 999999 }),
      }),
      400,
      'UNKNOWN_OPERATOR',
    );
    const code = unique('DUP-');
    await createPost({ code });
    expectError(
      await admin.request({ method: 'POST', url: '/api/posts', payload: postBody({ code }) }),
      409,
      'POST_CODE_TAKEN',
    );
  });

  it('updates fields, validates the merged post, and never changes the status via PATCH', async () => {
    const op = await makeOperator(t.db);
    const p = await createPost();
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/posts/${p.id}`,
      payload: { employer: 'operator', operatorId: op.id, fte: '0.75' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ employer: 'operator', operatorName: op.name, fte: '0.75' });
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/posts/${p.id}`,
        payload: { fte: '1.0001' },
      }),
      400,
      'INVALID_FTE',
    );
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/posts/${p.id}`,
        payload: { status: 'filled' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await admin.request({ method: 'PATCH', url: `/api/posts/999999`, payload: { fte: '0.5' } }),
      404,
      'NOT_FOUND',
    );
  });

  it('moves through the lifecycle with date, actor and reason; refuses illegal transitions', async () => {
    const p = await createPost();
    for (const to of ['budgeted', 'approved', 'open', 'filled'])
      expect((await move(p.id, to)).statusCode).toBe(200);
    const res = await admin.request({ method: 'GET', url: `/api/posts/${p.id}` });
    expect(res.json().status).toBe('filled');
    expect(res.json().history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'proposed',
      'budgeted',
      'approved',
      'open',
      'filled',
    ]);
    expect(res.json().history[1]).toMatchObject({
      fromStatus: 'proposed',
      effectiveOn: '2019-01-01',
      reason: 'Haushalt 2019',
      actorEmail: admin.email,
    });
    const bad = expectError(await move(p.id, 'proposed'), 409, 'ILLEGAL_STATUS_TRANSITION');
    expect(bad.details?.[0]?.field).toBe('to');
    expect((await admin.request({ method: 'GET', url: `/api/posts/${p.id}` })).json().status).toBe(
      'filled',
    );
  });

  it('a kw post cannot reopen once filled', async () => {
    const p = await createPost({ kw: true });
    for (const to of ['budgeted', 'approved', 'open', 'filled']) await move(p.id, to);
    expectError(await move(p.id, 'open'), 409, 'ILLEGAL_STATUS_TRANSITION');
    expect((await move(p.id, 'abolished')).statusCode).toBe(200);
    expectError(await move(p.id, 'open'), 409, 'ILLEGAL_STATUS_TRANSITION');
  });
});

describe('allocations', () => {
  it('stores shares that sum to exactly 1, including 0.1 + 0.2 + 0.7', async () => {
    const p = await createPost();
    const res = await allocate(p.id, [
      { centreId: centres[0]!.id, share: '0.1' },
      { centreId: centres[1]!.id, share: '0.2' },
      { centreId: centres[2]!.id, share: '0.7' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .allocations.map((a: { share: string }) => a.share)
        .sort(),
    ).toEqual(['0.1', '0.2', '0.7']);
  });

  it('refuses bad allocations and keeps the previous one intact', async () => {
    const p = await createPost();
    const good = centres.map((c) => ({ centreId: c.id, share: '0.25' }));
    expect((await allocate(p.id, good)).statusCode).toBe(200);
    const notOne = expectError(
      await allocate(p.id, [
        { centreId: centres[0]!.id, share: '0.5' },
        { centreId: centres[1]!.id, share: '0.4' },
      ]),
      400,
      'SHARES_NOT_ONE',
    );
    expect(notOne.details).toMatchObject([{ field: 'allocations', code: 'shares_not_one' }]);
    expectError(
      await allocate(p.id, [{ centreId: centres[0]!.id, share: '1.0001' }]),
      400,
      'INVALID_SHARES',
    );
    expectError(
      await allocate(p.id, [
        { centreId: centres[0]!.id, share: '0' },
        { centreId: centres[1]!.id, share: '1' },
      ]),
      400,
      'INVALID_SHARES',
    );
    expectError(await allocate(p.id, []), 400, 'INVALID_SHARES');
    const unknown = expectError(
      await allocate(p.id, [{ centreId: 999999, share: '1' }]),
      400,
      'UNKNOWN_CENTRE',
    );
    expect(unknown.details).toMatchObject([{ field: 'allocations.0.centreId' }]);
    const after = (await admin.request({ method: 'GET', url: `/api/posts/${p.id}` })).json();
    expect(after.allocations.map((a: { share: string }) => a.share)).toEqual([
      '0.25',
      '0.25',
      '0.25',
      '0.25',
    ]);
  });
});

describe('assignments', () => {
  it('assigns people, warns on over-assignment and gaps, audits reads', async () => {
    const p = await createPost({ fte: '0.5' });
    const add = (payload: Record<string, unknown>) =>
      admin.request({ method: 'POST', url: `/api/posts/${p.id}/assignments`, payload });
    expect(
      (
        await add({
          personName: 'Amira Beispiel',
          fromDate: '2020-01-01',
          toDate: '2020-06-30',
          percent: 50,
        })
      ).statusCode,
    ).toBe(201);
    const res = await add({ personName: 'Jonas Beispiel', fromDate: '2020-09-01', percent: 75 });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([
      { kind: 'over_assigned', from: '2020-09-01', percent: 75 },
      { kind: 'gap', from: '2020-07-01', to: '2020-08-31' },
    ]);
    const list = await coord.request({ method: 'GET', url: `/api/posts/${p.id}/assignments` });
    expect(list.json().items).toHaveLength(2);
    expect(
      await auditRows(t.db, {
        actor_id: coord.userId,
        action: 'read',
        entity_type: 'post_assignment',
      }),
    ).toHaveLength(1);
    expectError(
      await add({ personName: 'X Y', fromDate: '2021-01-01', toDate: '2020-01-01', percent: 50 }),
      400,
      'DATES_ORDER',
    );
    expectError(
      await add({ personName: 'X Y', fromDate: '2021-01-01', percent: 0 }),
      400,
      'VALIDATION_FAILED',
    );
    const id = list.json().items[0].id;
    expectError(
      await coord.request({ method: 'DELETE', url: `/api/posts/${p.id}/assignments/${id}` }),
      403,
      'FORBIDDEN',
    );
    expect(
      (await admin.request({ method: 'DELETE', url: `/api/posts/${p.id}/assignments/${id}` }))
        .statusCode,
    ).toBe(200);
    expectError(
      await admin.request({ method: 'DELETE', url: `/api/posts/${p.id}/assignments/${id}` }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('scenarios, costs and comparison', () => {
  it('rebuilds scenario A: 3.0 FTE, 0.5 + 0.25 per centre, 216,000 € and 259,200 € a year', async () => {
    // Free-text spellings land on the catalogue: "S11b" is stored as "S 11b", so costs find it.
    const costIds: number[] = [];
    for (const [payGroup, stored] of [
      ['S11b', 'S 11b'],
      ['s 12', 'S 12'],
    ] as const) {
      const res = await admin.request({
        method: 'POST',
        url: '/api/cost-assumptions',
        payload: { payGroup, validFrom: '2019-01-01', annualCostEuros: 72000 },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ payGroup: stored, overheadPercent: '20', cityOwn: false });
      costIds.push(res.json().id);
    }
    const lines = [];
    for (const c of centres) {
      const p = await createPost({ payGroup: 'S 11b' });
      expect((await allocate(p.id, [{ centreId: c.id, share: '1' }])).statusCode).toBe(200);
      lines.push({ postId: p.id, fte: '0.5' });
    }
    const k = await createPost({ roleType: 'coordination', fte: '1', payGroup: 'S12' });
    expect(k.payGroup).toBe('S 12');
    await allocate(
      k.id,
      centres.map((c) => ({ centreId: c.id, share: '0.25' })),
    );
    lines.push({ postId: k.id, fte: '1.0' });

    const s = await admin.request({
      method: 'POST',
      url: '/api/scenarios',
      payload: { name: unique('A '), sourceRef: 'SPD/0235/18', status: 'referred' },
    });
    expect(s.statusCode, s.body).toBe(201);
    const put = await admin.request({
      method: 'PUT',
      url: `/api/scenarios/${s.json().id}/lines`,
      payload: { lines },
    });
    expect(put.statusCode, put.body).toBe(200);
    expectSchema(ScenarioSchema, put.json());
    expect(put.json().totalFte).toBe('3');

    const cmp = await coord.request({
      method: 'GET',
      url: `/api/scenario-comparison?ids=${s.json().id}&fromYear=2019&toYear=2020`,
    });
    expect(cmp.statusCode, cmp.body).toBe(200);
    expectSchema(ComparisonSchema, cmp.json());
    const row = cmp.json().scenarios[0];
    expect(row.totalFte).toBe('3');
    const mine = row.perCentre.filter((p: { centreId: number }) =>
      centres.some((c) => c.id === p.centreId),
    );
    expect(mine.map((p: { fte: string }) => p.fte)).toEqual(['0.75', '0.75', '0.75', '0.75']);
    expect(mine.every((p: { newcomersPerFte: null }) => p.newcomersPerFte === null)).toBe(true);
    expect(cmp.json().hasNeedData).toBe(false);
    expect(row.years[0]).toMatchObject({
      year: 2019,
      fte: '3',
      costEuros: 216000,
      costWithOverheadEuros: 259200,
      estimate: true,
    });

    // What-if: the coordinator copies A and changes one centre post to 0.75 FTE; the post is untouched.
    const copy = await coord.request({
      method: 'POST',
      url: `/api/scenarios/${s.json().id}/copy`,
      payload: {},
    });
    expect(copy.statusCode, copy.body).toBe(201);
    expect(copy.json()).toMatchObject({
      status: 'draft',
      copiedFromId: s.json().id,
      canEdit: true,
      totalFte: '3',
    });
    const changed = lines.map((l, i) => (i === 0 ? { ...l, fte: '0.75' } : l));
    const edit = await coord.request({
      method: 'PUT',
      url: `/api/scenarios/${copy.json().id}/lines`,
      payload: { lines: changed },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().totalFte).toBe('3.25');
    const post = await admin.request({ method: 'GET', url: `/api/posts/${lines[0]!.postId}` });
    expect(post.json().fte).toBe('0.5');
    // …but may not edit the admin's scenario or give their draft another status.
    expectError(
      await coord.request({
        method: 'PUT',
        url: `/api/scenarios/${s.json().id}/lines`,
        payload: { lines },
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await coord.request({
        method: 'PATCH',
        url: `/api/scenarios/${copy.json().id}`,
        payload: { status: 'adopted' },
      }),
      403,
      'FORBIDDEN',
    );
    expect(
      (await coord.request({ method: 'DELETE', url: `/api/scenarios/${copy.json().id}` }))
        .statusCode,
    ).toBe(200);

    // The city's own figure removes the estimate label.
    for (const r of costIds.map((id) => ({ id }))) {
      expect(
        (
          await admin.request({
            method: 'PATCH',
            url: `/api/cost-assumptions/${r.id}`,
            payload: { cityOwn: true },
          })
        ).statusCode,
      ).toBe(200);
    }
    const again = await coord.request({
      method: 'GET',
      url: `/api/scenario-comparison?ids=${s.json().id}&fromYear=2019&toYear=2019`,
    });
    expect(again.json().scenarios[0].years[0].estimate).toBe(false);

    const csv = await coord.request({
      method: 'GET',
      url: `/api/scenario-comparison.csv?ids=${s.json().id}&fromYear=2019&toYear=2019`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\uFEFFSzenario;Quelle;Status;VZÄ gesamt;')).toBe(true);
    expect(csv.body).toContain(';0,75;');
    expect(csv.body).toContain(';216.000;259.200;nein');
    expect(csv.body).toContain('keine Daten');
  });

  it('refuses bad scenario lines, names, statuses and comparison years', async () => {
    const s = await admin.request({
      method: 'POST',
      url: '/api/scenarios',
      payload: { name: unique('S ') },
    });
    const id = s.json().id;
    const p = await createPost();
    expectError(
      await admin.request({
        method: 'PUT',
        url: `/api/scenarios/${id}/lines`,
        payload: { lines: [{ postId: p.id, fte: '0' }] },
      }),
      400,
      'INVALID_FTE',
    );
    expectError(
      await admin.request({
        method: 'PUT',
        url: `/api/scenarios/${id}/lines`,
        payload: { lines: [{ postId: 999999, fte: '0.5' }] },
      }),
      400,
      'UNKNOWN_POST',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/scenarios',
        payload: { name: s.json().name },
      }),
      409,
      'SCENARIO_NAME_TAKEN',
    );
    expectError(
      await coord.request({
        method: 'GET',
        url: '/api/scenario-comparison?fromYear=2021&toYear=2020',
      }),
      400,
      'BUDGET_YEARS_ORDER',
    );
    await q(t.db).run('update scenarios set seeded = ? where id = ?', true, id);
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/scenarios/${id}`,
        payload: { status: 'adopted' },
      }),
      409,
      'SCENARIO_OUTCOME_UNDOCUMENTED',
    );
    expectError(
      await admin.request({ method: 'DELETE', url: `/api/scenarios/${id}` }),
      409,
      'CONFLICT',
    );
  });

  it('refuses invalid cost assumptions', async () => {
    const base = {
      payGroup: 'S 4',
      validFrom: '2020-01-01',
      validTo: '2020-12-31',
      annualCostEuros: 70000,
    };
    expect(
      (await admin.request({ method: 'POST', url: '/api/cost-assumptions', payload: base }))
        .statusCode,
    ).toBe(201);
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/cost-assumptions',
        payload: { ...base, validFrom: '2020-06-01' },
      }),
      409,
      'CONFLICT',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/cost-assumptions',
        payload: { ...base, validFrom: '2022-01-01', validTo: '2021-01-01' },
      }),
      400,
      'DATES_ORDER',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/cost-assumptions',
        payload: { ...base, validFrom: '2023-01-01', validTo: null, overheadPercent: '120' },
      }),
      400,
      'INVALID_OVERHEAD',
    );
    expectError(
      await coord.request({
        method: 'POST',
        url: '/api/cost-assumptions',
        payload: { ...base, validFrom: '2030-01-01' },
      }),
      403,
      'FORBIDDEN',
    );
  });

  it('refuses a pay group outside the TVöD SuE catalogue', async () => {
    for (const payGroup of ['S 10', 'E 9', 'S11c', '=1+1']) {
      expectError(
        await admin.request({
          method: 'POST',
          url: '/api/cost-assumptions',
          payload: { payGroup, validFrom: '2030-01-01', annualCostEuros: 1000 },
        }),
        400,
        'UNKNOWN_PAY_GROUP',
      );
      const res = await admin.request({
        method: 'POST',
        url: '/api/posts',
        payload: { ...postBody(), payGroup },
      });
      expectError(res, 400, 'UNKNOWN_PAY_GROUP');
    }
  });

  it('stores need figures with source and date, audited; "keine Daten" is null', async () => {
    const c = centres[0]!.id;
    const put = (needs: unknown[]) =>
      coord.request({ method: 'PUT', url: '/api/staffing/needs', payload: { needs } });
    const res = await put([
      { centreId: c, need: 42, source: 'Melderegister, Auszug Statistik', asOf: '2026-06-30' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    res.json().forEach((n: unknown) => expectSchema(CentreNeedSchema, n));
    expect(res.json().find((n: { centreId: number }) => n.centreId === c)).toMatchObject({
      need: 42,
      source: 'Melderegister, Auszug Statistik',
      asOf: '2026-06-30',
    });
    expect(
      (
        await auditRows(t.db, {
          entity_type: 'centre_need',
          entity_id: String(c),
          action: 'update',
        })
      ).length,
    ).toBeGreaterThan(0);
    // A figure without its source or date, or dated in the future, is refused.
    expectError(
      await put([{ centreId: c, need: 5, source: '', asOf: '2026-01-01' }]),
      400,
      'NEED_SOURCE_REQUIRED',
    );
    expectError(
      await put([{ centreId: c, need: 5, source: 'Statistik', asOf: null }]),
      400,
      'NEED_SOURCE_REQUIRED',
    );
    expectError(
      await put([{ centreId: c, need: 5, source: 'Statistik', asOf: '2999-01-01' }]),
      400,
      'NEED_SOURCE_REQUIRED',
    );
    expectError(await put([{ centreId: c, need: 5 }]), 400, 'VALIDATION_FAILED');
    expectError(
      await put([{ centreId: 999999, need: 1, source: 'x', asOf: null }]),
      400,
      'UNKNOWN_CENTRE',
    );
    // Clearing the figure: the centre shows "keine Daten" (null), audited as a delete.
    const cleared = await put([{ centreId: c, need: null, source: '', asOf: null }]);
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().find((n: { centreId: number }) => n.centreId === c)).toMatchObject({
      need: null,
      source: null,
    });
    expect(
      await auditRows(t.db, { entity_type: 'centre_need', entity_id: String(c), action: 'delete' }),
    ).toHaveLength(1);
    expectError(
      await (
        await roleClient(t, 'centre_staff')
      ).request({
        method: 'PUT',
        url: '/api/staffing/needs',
        payload: { needs: [{ centreId: c, need: 1, source: 'abc', asOf: null }] },
      }),
      403,
      'FORBIDDEN',
    );
  });
});

describe('access', () => {
  it.each(OTHERS)(
    '%s cannot read posts, scenarios, costs or the comparison (403, audited)',
    async (role) => {
      const client = await roleClient(t, role);
      for (const url of [
        '/api/posts',
        '/api/scenarios',
        '/api/cost-assumptions',
        '/api/scenario-comparison',
        '/api/staffing/needs',
      ]) {
        expectError(await client.request({ method: 'GET', url }), 403, 'FORBIDDEN');
      }
      expect(await auditRows(t.db, { actor_id: client.userId, action: 'denied' })).toHaveLength(5);
    },
  );

  it('coordinators read but cannot write posts', async () => {
    const p = await createPost();
    expect((await coord.request({ method: 'GET', url: `/api/posts/${p.id}` })).statusCode).toBe(
      200,
    );
    expectError(
      await coord.request({ method: 'POST', url: '/api/posts', payload: postBody() }),
      403,
      'FORBIDDEN',
    );
    expectError(await move(p.id, 'budgeted', coord), 403, 'FORBIDDEN');
    expectError(
      await allocate(p.id, [{ centreId: centres[0]!.id, share: '1' }], coord),
      403,
      'FORBIDDEN',
    );
  });

  it('anonymous callers get 401', async () => {
    expect((await anon(t, { method: 'GET', url: '/api/posts' })).statusCode).toBe(401);
  });
});
