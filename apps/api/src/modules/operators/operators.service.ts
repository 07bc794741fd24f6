import {
  DomainError,
  changedFields,
  notFound,
  type CreateOperatorBody,
  type UpdateOperatorBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import * as repo from './operators.repository.ts';

const ENTITY = 'operator';

/** Read other modules use inside their own checks (no role gate). */
export { findOperator } from './operators.repository.ts';

export const listOperators = async (ctx: ServiceContext) => await repo.listOperators(ctx.db);

export async function getOperator(ctx: ServiceContext, id: number) {
  const op = await repo.findOperator(ctx.db, id);
  if (!op) throw notFound('Operator');
  return op;
}

async function assertNameFree(ctx: ServiceContext, name: string, selfId?: number) {
  const other = await repo.findOperatorByName(ctx.db, name);
  if (other && other.id !== selfId) {
    throw new DomainError('CONFLICT', 'An operator with this name exists', 409, [
      { field: 'name', code: 'taken', message: 'Name already used' },
    ]);
  }
}

export async function createOperator(ctx: ServiceContext, body: CreateOperatorBody) {
  requireRole(ctx, ENTITY, 'admin');
  const name = body.name.trim();
  await assertNameFree(ctx, name);
  const id = await inTransactionAsync(ctx, async (tx) => {
    const newId = await repo.insertOperator(tx.db, { ...body, name });
    await audit(tx, { action: 'create', entityType: ENTITY, entityId: newId });
    return newId;
  });
  return (await repo.findOperator(ctx.db, id))!;
}

export async function updateOperator(ctx: ServiceContext, id: number, body: UpdateOperatorBody) {
  requireRole(ctx, ENTITY, 'admin');
  const before = await getOperator(ctx, id);
  if (body.name !== undefined) await assertNameFree(ctx, body.name.trim(), id);
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateOperatorRow(tx.db, id, {
      ...body,
      ...(body.name && { name: body.name.trim() }),
    });
    const after = (await repo.findOperator(tx.db, id))!;
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: changedFields(before, after),
    });
  });
  return (await repo.findOperator(ctx.db, id))!;
}

export async function deleteOperator(ctx: ServiceContext, id: number) {
  requireRole(ctx, ENTITY, 'admin');
  const op = await getOperator(ctx, id);
  if (op.centreCount > 0) {
    throw new DomainError('OPERATOR_IN_USE', `This operator runs ${op.centreCount} centre(s)`, 409);
  }
  await inTransactionAsync(ctx, async (tx) => {
    await repo.deleteOperatorRow(tx.db, id);
    await audit(tx, { action: 'delete', entityType: ENTITY, entityId: id });
  });
  return { ok: true as const };
}
