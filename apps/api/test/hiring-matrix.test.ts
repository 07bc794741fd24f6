import { describe, expect, it } from 'vitest';
import { ScoreMatrixSchema } from '@begegnung/domain';
import {
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  lastAuditId,
  userClient,
  type Client,
} from './helper.ts';
import { makeApplication, makeVacancy } from './hiring-fixtures.ts';
import * as repo from '../src/modules/hiring/hiring.repository.ts';

// The candidate × criterion matrix through real HTTP on a migrated SQLite file.
const t = await createTestApp();
const admin = await userClient(t, ['admin']);

type Matrix = {
  criteria: { id: number; weight: number }[];
  maxTotal: number;
  rows: {
    applicationId: number;
    visible: boolean;
    cardCount: number;
    ownSubmitted: boolean;
    cells: { criterionId: number; mean: number | null; count: number }[];
    weightedTotal: number | null;
    lateCards: number;
  }[];
};

async function setup() {
  const members: Client[] = [];
  for (let i = 0; i < 3; i++) members.push(await userClient(t, ['panel_member']));
  const overseer = await userClient(t, ['oversight']);
  const v = await makeVacancy(t.db, {
    panel: members.map((m) => m.userId),
    oversight: [{ userId: overseer.userId, body: 'staff_council' }],
  });
  const erika = await makeApplication(t.db, v.vacancyId, { status: 'invited' });
  const max = await makeApplication(t.db, v.vacancyId, { status: 'interviewed' });
  const unscreened = await makeApplication(t.db, v.vacancyId, { status: 'received' });
  const submit = (m: Client, applicationId: number, score: number, submit = true) =>
    m.request({
      method: 'POST',
      url: `/api/vacancies/${v.vacancyId}/scorecards`,
      payload: {
        applicationId,
        stage: 'first_interview',
        ratings: v.criterionIds.map((criterionId) => ({ criterionId, score })),
        recommendation: 'yes',
        notes: '',
        submit,
      },
    });
  const matrix = async (c: Client, query = '') => {
    const res = await c.request({
      method: 'GET',
      url: `/api/vacancies/${v.vacancyId}/score-matrix${query}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expectSchema(ScoreMatrixSchema, res.json());
    return res.json() as Matrix;
  };
  return { v, members, overseer, erika, max, unscreened, submit, matrix };
}

describe('GET /vacancies/:id/score-matrix', () => {
  it('is in the OpenAPI document with its query and response schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const op = doc.paths['/api/vacancies/{id}/score-matrix']?.get;
    expect(op).toBeDefined();
    expect(op!.parameters?.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      'path:id',
      'query:stage',
    ]);
  });

  it('gives HR means per criterion, a weighted total and only invited or scored candidates', async () => {
    const { v, members, erika, max, unscreened, submit, matrix } = await setup();
    const [m1, m2, m3] = members as [Client, Client, Client];
    expect((await submit(m1, erika, 4)).statusCode).toBe(200);
    expect((await submit(m2, erika, 3)).statusCode).toBe(200);
    expect((await submit(m3, erika, 5, false)).statusCode).toBe(200); // a draft never counts
    const m = await matrix(admin);
    expect(m.rows.map((r) => r.applicationId)).toEqual([erika, max]);
    expect(m.rows.some((r) => r.applicationId === unscreened)).toBe(false);
    const row = m.rows.find((r) => r.applicationId === erika)!;
    expect(row.visible).toBe(true);
    expect(row.cardCount).toBe(2);
    expect(row.cells).toHaveLength(v.criterionIds.length);
    expect(row.cells.every((c) => c.mean === 3.5 && c.count === 2)).toBe(true);
    const weights = m.criteria.reduce((s, c) => s + c.weight, 0);
    expect(row.weightedTotal).toBe(weights * 3.5);
    expect(m.maxTotal).toBe(weights * 5);
    const unscored = m.rows.find((r) => r.applicationId === max)!;
    expect(unscored.cardCount).toBe(0);
    expect(unscored.weightedTotal).toBeNull();
    // Second-stage cards are a separate matrix.
    const second = await matrix(admin, '?stage=second_interview');
    expect(second.rows.find((r) => r.applicationId === erika)!.cardCount).toBe(0);
  });

  it('hides colleagues’ scores from a panel member until their own card is in, then flags a late revision', async () => {
    const { v, members, erika, submit, matrix } = await setup();
    const [m1, m2] = members as [Client, Client];
    const first = (await submit(m1, erika, 2)).json();
    await submit(m2, erika, 4);
    // m3 has not scored Erika: nothing but the count of cards.
    const hidden = (await matrix(members[2]!)).rows.find((r) => r.applicationId === erika)!;
    expect(hidden).toMatchObject({
      visible: false,
      cells: [],
      weightedTotal: null,
      cardCount: 2,
      lateCards: 0,
    });
    expect(await repo.findPeek(t.db, members[2]!.userId, erika, 'first_interview')).toBeUndefined();
    // m1 has: sees the means, and that counts as having seen the others' cards.
    const seen = (await matrix(m1)).rows.find((r) => r.applicationId === erika)!;
    expect(seen.visible).toBe(true);
    expect(seen.ownSubmitted).toBe(true);
    expect(seen.cells.every((c) => c.mean === 3)).toBe(true);
    expect(await repo.findPeek(t.db, m1.userId, erika, 'first_interview')).toBeDefined();
    const revised = await m1.request({
      method: 'POST',
      url: `/api/scorecards/${first.id}/revisions`,
      payload: {
        reason: 'Nach Blick in die Matrix angepasst',
        ratings: v.criterionIds.map((criterionId) => ({ criterionId, score: 4 })),
        recommendation: 'yes',
        notes: '',
      },
    });
    expect(revised.statusCode, revised.body).toBe(201);
    expect(revised.json().seenOthersAt).not.toBeNull();
    const after = (await matrix(admin)).rows.find((r) => r.applicationId === erika)!;
    expect(after.lateCards).toBe(1);
    expect(after.cells.every((c) => c.mean === 4)).toBe(true); // the superseded card is gone
    const list = await admin.request({
      method: 'GET',
      url: `/api/vacancies/${v.vacancyId}/applications`,
    });
    expect(
      list.json().find((a: { id: number }) => a.id === erika).lateScorecards,
      'late flag in the overview',
    ).toBe(1);
  });

  it('refuses oversight (403), other panels and other roles (404), and audits each denial', async () => {
    const { v, overseer } = await setup();
    const outsider = await userClient(t, ['panel_member']);
    const coordinator = await userClient(t, ['coordinator']);
    const url = `/api/vacancies/${v.vacancyId}/score-matrix`;
    for (const [c, status, code] of [
      [overseer, 403, 'FORBIDDEN'],
      [outsider, 404, 'NOT_FOUND'],
      [coordinator, 403, 'FORBIDDEN'],
    ] as const) {
      const before = await lastAuditId(t.db);
      expectError(await c.request({ method: 'GET', url }), status, code);
      const denied = (await auditRows(t.db, { actor_id: c.userId, action: 'denied' })).filter(
        (r) => r.id > before,
      );
      expect(denied, `${c.email} denial audited`).toHaveLength(1);
      expect(denied[0]!.entity_type).toBe('scorecard');
    }
    expectError(
      await admin.request({ method: 'GET', url: `${url}?stage=final` }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await admin.request({ method: 'GET', url: '/api/vacancies/999999/score-matrix' }),
      404,
      'NOT_FOUND',
    );
  });

  it('audits every read with the vacancy', async () => {
    const { v, matrix } = await setup();
    const before = await lastAuditId(t.db);
    await matrix(admin);
    const reads = (await auditRows(t.db, { actor_id: admin.userId, action: 'read' })).filter(
      (r) => r.id > before,
    );
    expect(reads.map((r) => r.reason)).toEqual([
      expect.stringContaining(`score matrix of vacancy ${v.vacancyId}`),
    ]);
  });
});
