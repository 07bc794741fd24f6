import {
  DomainError,
  changedFields,
  normalisePayGroup,
  formatFixed,
  notFound,
  overheadToBp,
  type CostAssumption,
  type CreateCostAssumptionBody,
  type UpdateCostAssumptionBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import * as repo from './scenarios.repository.ts';
import { payGroupOrThrow } from '../../lib/pay-group.ts';

const ENTITY = 'cost_assumption';

const toApi = (r: repo.CostAssumptionRow): CostAssumption => ({
  id: r.id,
  payGroup: r.payGroup,
  validFrom: r.validFrom,
  validTo: r.validTo,
  annualCostEuros: r.annualCostEuros,
  overheadPercent: formatFixed(r.overheadBp, 2),
  cityOwn: r.cityOwn,
  note: r.note,
});

export async function listCostAssumptions(ctx: ServiceContext) {
  requireRole(ctx, ENTITY, 'admin', 'coordinator');
  return (await repo.listCostAssumptions(ctx.db)).map(toApi);
}

interface Merged {
  payGroup: string;
  validFrom: string;
  validTo: string | null;
  annualCostEuros: number;
  overheadBp: number;
  cityOwn: boolean;
  note: string;
}

function parseOverhead(percent: string | undefined, fallback: number) {
  if (percent === undefined) return fallback;
  const bp = overheadToBp(percent);
  if (bp === null) {
    throw new DomainError(
      'INVALID_OVERHEAD',
      'Overhead is a percentage from 0 to 100 with up to 2 decimals',
      400,
      [{ field: 'overheadPercent', code: 'overhead_range', message: '0 to 100, up to 2 decimals' }],
    );
  }
  return bp;
}

/** Periods must be in order and must not overlap another assumption for the same pay group. */
async function assertPeriod(ctx: ServiceContext, m: Merged, selfId?: number) {
  if (m.validTo !== null && m.validTo < m.validFrom) {
    throw new DomainError('DATES_ORDER', 'Valid-to is before valid-from', 400, [
      { field: 'validTo', code: 'dates_order', message: 'Must not be before the start' },
    ]);
  }
  const clash = (await repo.listCostAssumptions(ctx.db)).find(
    (o) =>
      o.id !== selfId &&
      o.payGroup === m.payGroup &&
      (o.validTo === null || o.validTo >= m.validFrom) &&
      (m.validTo === null || m.validTo >= o.validFrom),
  );
  if (clash) {
    throw new DomainError(
      'CONFLICT',
      `Overlaps the ${m.payGroup} assumption from ${clash.validFrom}`,
      409,
      [
        {
          field: 'validFrom',
          code: 'period_overlap',
          message: 'Overlaps another period of this pay group',
        },
      ],
    );
  }
}

export async function createCostAssumption(ctx: ServiceContext, body: CreateCostAssumptionBody) {
  requireRole(ctx, ENTITY, 'admin');
  const m: Merged = {
    payGroup: payGroupOrThrow(body.payGroup),
    validFrom: body.validFrom,
    validTo: body.validTo ?? null,
    annualCostEuros: body.annualCostEuros,
    overheadBp: parseOverhead(body.overheadPercent, 2000),
    cityOwn: body.cityOwn ?? false,
    note: body.note ?? '',
  };
  await assertPeriod(ctx, m);
  const id = await inTransactionAsync(ctx, async (tx) => {
    const newId = await repo.insertCostAssumption(tx.db, m);
    await audit(tx, { action: 'create', entityType: ENTITY, entityId: newId });
    return newId;
  });
  return toApi((await repo.findCostAssumption(ctx.db, id))!);
}

export async function updateCostAssumption(
  ctx: ServiceContext,
  id: number,
  body: UpdateCostAssumptionBody,
) {
  requireRole(ctx, ENTITY, 'admin');
  const before = await repo.findCostAssumption(ctx.db, id);
  if (!before) throw notFound('Cost assumption');
  const { overheadPercent, ...rest } = body;
  const m: Merged = {
    ...before,
    ...rest,
    payGroup:
      rest.payGroup !== undefined
        ? payGroupOrThrow(rest.payGroup)
        : (normalisePayGroup(before.payGroup) ?? before.payGroup),
    overheadBp: parseOverhead(overheadPercent, before.overheadBp),
  };
  await assertPeriod(ctx, m, id);
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateCostAssumptionRow(tx.db, id, m);
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: changedFields(
        toApi(before),
        toApi((await repo.findCostAssumption(tx.db, id))!),
      ),
    });
  });
  return toApi((await repo.findCostAssumption(ctx.db, id))!);
}
