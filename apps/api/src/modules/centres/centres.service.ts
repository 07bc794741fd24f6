import {
  DomainError,
  changedFields,
  notFound,
  type CreateCentreBody,
  type UpdateCentreBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { driverError } from '../../db/errors.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import { findOperator } from '../operators/operators.service.ts';
import * as repo from './centres.repository.ts';

const ENTITY = 'centre';

/** Reads other modules use inside their own checks (no role gate). */
export { existingCentreIds, findCentre } from './centres.repository.ts';

export const listCentres = async (ctx: ServiceContext) => await repo.listCentres(ctx.db);

export async function getCentre(ctx: ServiceContext, id: number) {
  const centre = await repo.findCentre(ctx.db, id);
  if (!centre) throw notFound('Centre');
  return centre;
}

async function assertRefs(ctx: ServiceContext, body: Partial<CreateCentreBody>, selfId?: number) {
  if (body.operatorId !== undefined && !(await findOperator(ctx.db, body.operatorId))) {
    throw new DomainError('UNKNOWN_OPERATOR', 'Unknown operator', 400, [
      { field: 'operatorId', code: 'unknown', message: 'Choose an existing operator' },
    ]);
  }
  if (body.code !== undefined) {
    const other = await repo.findCentreByCode(ctx.db, body.code);
    if (other && other.id !== selfId) {
      throw new DomainError('CENTRE_CODE_TAKEN', `Code ${body.code} is already used`, 409, [
        { field: 'code', code: 'taken', message: 'Code already used by another centre' },
      ]);
    }
  }
}

export async function createCentre(ctx: ServiceContext, body: CreateCentreBody) {
  requireRole(ctx, ENTITY, 'admin');
  await assertRefs(ctx, body);
  const id = await inTransactionAsync(ctx, async (tx) => {
    const newId = await repo.insertCentre(tx.db, { ...body, name: body.name.trim() });
    await audit(tx, { action: 'create', entityType: ENTITY, entityId: newId });
    return newId;
  });
  return (await repo.findCentre(ctx.db, id))!;
}

export async function updateCentre(ctx: ServiceContext, id: number, body: UpdateCentreBody) {
  requireRole(ctx, ENTITY, 'admin');
  const before = await getCentre(ctx, id);
  await assertRefs(ctx, body, id);
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateCentreRow(tx.db, id, body);
    const after = (await repo.findCentre(tx.db, id))!;
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: changedFields(before, after),
    });
  });
  return (await repo.findCentre(ctx.db, id))!;
}

export async function deleteCentre(ctx: ServiceContext, id: number) {
  requireRole(ctx, ENTITY, 'admin');
  await getCentre(ctx, id);
  const staff = await repo.countStaffLinks(ctx.db, id);
  if (staff > 0) {
    throw new DomainError(
      'CENTRE_IN_USE',
      `${staff} user(s) are linked to this centre; unlink them or deactivate the centre instead`,
      409,
    );
  }
  try {
    await inTransactionAsync(ctx, async (tx) => {
      await repo.deleteCentreRow(tx.db, id);
      await audit(tx, { action: 'delete', entityType: ENTITY, entityId: id });
    });
  } catch (err) {
    // Participants, encounters, posts or figures still refer to it: keep it, offer deactivation.
    if (isForeignKeyViolation(err))
      throw new DomainError(
        'CENTRE_IN_USE',
        'Records refer to this centre; deactivate it instead',
        409,
      );
    throw err;
  }
  return { ok: true as const };
}

/**
 * SQLite's SQLITE_CONSTRAINT_FOREIGNKEY (or _TRIGGER when a cascade runs into a child table's
 * trigger, with the same message), PostgreSQL's 23503 (inside drizzle's DrizzleQueryError).
 */
const isForeignKeyViolation = (err: unknown) => {
  const { code, message } = driverError(err) as { code?: unknown; message?: unknown };
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') return true;
  return (
    typeof code === 'string' &&
    code.startsWith('SQLITE_CONSTRAINT') &&
    typeof message === 'string' &&
    message.includes('FOREIGN KEY')
  );
};
