// The DPO's chain check through the API, on either engine (SQLite's writer and triggers are
// attacked in audit-chain.test.ts, PostgreSQL's in pg-behaviour.test.ts and pg-roles.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditChainReportSchema } from '@begegnung/domain';
import {
  auditRows,
  createTestApp,
  expectError,
  expectSchema,
  makeAuditTraffic,
  userClient,
} from './helper.ts';

const t = await createTestApp();

beforeAll(() => makeAuditTraffic(t));

describe('GET /api/audit/verify (the DPO screen)', () => {
  it('reports the intact chain and its head to data_protection, audited; refuses others', async () => {
    const rows = await auditRows(t.db);
    for (let i = 1; i < rows.length; i++)
      expect((rows[i] as unknown as { prev_hash: string }).prev_hash).toBe(
        (rows[i - 1] as unknown as { hash: string }).hash,
      );
    const dpo = await userClient(t, ['data_protection']);
    const res = await dpo.request({ method: 'GET', url: '/api/audit/verify' });
    expect(res.statusCode, res.body).toBe(200);
    expectSchema(AuditChainReportSchema, res.json());
    expect(res.json()).toMatchObject({ ok: true, problem: null });
    expect(res.json().head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await auditRows(t.db, { entity_type: 'audit_chain', actor_id: dpo.userId }),
    ).toHaveLength(1);
    const admin = await userClient(t, ['admin']);
    expectError(await admin.request({ method: 'GET', url: '/api/audit/verify' }), 403, 'FORBIDDEN');
  });
});
