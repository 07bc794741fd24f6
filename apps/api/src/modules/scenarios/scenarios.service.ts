import {
  DomainError,
  changedFields,
  fromMilli,
  fteProblem,
  hasRole,
  notFound,
  toMilli,
  type CopyScenarioBody,
  type CreateScenarioBody,
  type Scenario,
  type ScenarioLinesBody,
  type UpdateScenarioBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { deny, requireRole } from '../access/access.ts';
import { allocationsFor, existingPostIds } from '../posts/posts.service.ts';
import * as repo from './scenarios.repository.ts';

const ENTITY = 'scenario';

/**
 * Access: admins write every scenario. Coordinators read all, create drafts and copy any
 * scenario into a what-if draft, and edit or delete only their own drafts; setting a status
 * other than draft is an admin decision.
 */
const isOwnDraft = (ctx: ServiceContext, s: repo.ScenarioRow) =>
  s.status === 'draft' && !s.seeded && s.createdById === ctx.actor.userId;

const canEdit = (ctx: ServiceContext, s: repo.ScenarioRow) =>
  hasRole(ctx.actor, 'admin') || (hasRole(ctx.actor, 'coordinator') && isOwnDraft(ctx, s));

async function withLines(ctx: ServiceContext, rows: repo.ScenarioRow[]): Promise<Scenario[]> {
  const lines = await repo.linesFor(
    ctx.db,
    rows.map((r) => r.id),
  );
  const allocs = await allocationsFor(ctx.db, [...new Set(lines.map((l) => l.postId))]);
  return rows.map((s) => {
    const own = lines.filter((l) => l.scenarioId === s.id);
    return {
      id: s.id,
      name: s.name,
      sourceRef: s.sourceRef,
      description: s.description,
      status: s.status,
      seeded: s.seeded,
      copiedFromId: s.copiedFromId,
      createdById: s.createdById,
      totalFte: fromMilli(own.reduce((n, l) => n + l.fteMilli, 0)),
      canEdit: canEdit(ctx, s),
      lines: own.map((l) => ({
        postId: l.postId,
        postCode: l.postCode,
        postTitle: l.postTitle,
        roleType: l.roleType,
        payGroup: l.payGroup,
        fte: fromMilli(l.fteMilli),
        allocations: (allocs.get(l.postId) ?? []).map(({ shareMilli: _s, ...a }) => a),
      })),
    };
  });
}

/** Read the reporting module uses for the need split (no role gate). */
export { listNeeds } from './scenarios.repository.ts';

export async function listScenarios(ctx: ServiceContext) {
  requireRole(ctx, ENTITY, 'admin', 'coordinator');
  return await withLines(ctx, await repo.listScenarioRows(ctx.db));
}

async function loadScenario(ctx: ServiceContext, id: number) {
  requireRole(ctx, ENTITY, 'admin', 'coordinator');
  const row = await repo.findScenarioRow(ctx.db, id);
  if (!row) throw notFound('Scenario');
  return row;
}

export const getScenario = async (ctx: ServiceContext, id: number) =>
  (await withLines(ctx, [await loadScenario(ctx, id)]))[0]!;

async function loadEditable(ctx: ServiceContext, id: number) {
  const row = await loadScenario(ctx, id);
  if (!canEdit(ctx, row)) deny(ctx, ENTITY, id, 403);
  return row;
}

async function assertName(ctx: ServiceContext, name: string, selfId?: number) {
  const other = await repo.findScenarioByName(ctx.db, name);
  if (other && other.id !== selfId) {
    throw new DomainError('SCENARIO_NAME_TAKEN', `A scenario named ${name} exists`, 409, [
      { field: 'name', code: 'taken', message: 'Name already used' },
    ]);
  }
}

function assertStatus(
  ctx: ServiceContext,
  status: Scenario['status'] | undefined,
  seeded: boolean,
  id: number | null,
) {
  if (status === undefined) return;
  if (status !== 'draft' && !hasRole(ctx.actor, 'admin')) deny(ctx, ENTITY, id, 403);
  if (status === 'adopted' && seeded) {
    throw new DomainError(
      'SCENARIO_OUTCOME_UNDOCUMENTED',
      'The outcome of the council motion is not documented; a seeded scenario is never marked adopted',
      409,
      [{ field: 'status', code: 'outcome_undocumented', message: 'Outcome not documented' }],
    );
  }
}

export async function createScenario(ctx: ServiceContext, body: CreateScenarioBody) {
  requireRole(ctx, ENTITY, 'admin', 'coordinator');
  assertStatus(ctx, body.status, false, null);
  const name = body.name.trim();
  await assertName(ctx, name);
  const id = await inTransactionAsync(ctx, async (tx) => {
    const newId = await repo.insertScenario(tx.db, {
      name,
      sourceRef: body.sourceRef?.trim() ?? '',
      description: body.description ?? '',
      status: body.status ?? 'draft',
      createdById: ctx.actor.userId,
    });
    await audit(tx, { action: 'create', entityType: ENTITY, entityId: newId });
    return newId;
  });
  return await getScenario(ctx, id);
}

export async function updateScenario(ctx: ServiceContext, id: number, body: UpdateScenarioBody) {
  const row = await loadEditable(ctx, id);
  assertStatus(ctx, body.status, row.seeded, id);
  if (body.name !== undefined) await assertName(ctx, body.name.trim(), id);
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updateScenarioRow(tx.db, id, {
      ...body,
      ...(body.name ? { name: body.name.trim() } : {}),
    });
    const after = (await repo.findScenarioRow(tx.db, id))!;
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: changedFields(row, after),
    });
  });
  return await getScenario(ctx, id);
}

export async function deleteScenario(ctx: ServiceContext, id: number) {
  const row = await loadEditable(ctx, id);
  if (row.seeded) {
    throw new DomainError(
      'CONFLICT',
      'Seeded scenarios from the council record are kept; copy them instead',
      409,
    );
  }
  await inTransactionAsync(ctx, async (tx) => {
    await repo.deleteScenarioRow(tx.db, id);
    await audit(tx, { action: 'delete', entityType: ENTITY, entityId: id });
  });
  return { ok: true as const };
}

/** Copies a scenario with its lines into a new draft owned by the caller: a what-if. */
export async function copyScenario(ctx: ServiceContext, id: number, body: CopyScenarioBody) {
  const source = await getScenario(ctx, id);
  let name = body.name?.trim();
  if (name) await assertName(ctx, name);
  else {
    name = `${source.name} (Kopie)`;
    for (let n = 2; await repo.findScenarioByName(ctx.db, name); n++)
      name = `${source.name} (Kopie ${n})`;
  }
  const newId = await inTransactionAsync(ctx, async (tx) => {
    const created = await repo.insertScenario(tx.db, {
      name: name!,
      sourceRef: source.sourceRef,
      description: source.description,
      status: 'draft',
      copiedFromId: source.id,
      createdById: ctx.actor.userId,
    });
    await repo.replaceLines(
      tx.db,
      created,
      source.lines.map((l) => ({ postId: l.postId, fteMilli: toMilli(l.fte) })),
    );
    await audit(tx, {
      action: 'create',
      entityType: ENTITY,
      entityId: created,
      reason: `copy of scenario ${source.id}`,
    });
    return created;
  });
  return await getScenario(ctx, newId);
}

/** Replaces the scenario's lines (post + FTE in this scenario); all or nothing. */
export async function setLines(ctx: ServiceContext, id: number, body: ScenarioLinesBody) {
  await loadEditable(ctx, id);
  const problems: { field: string; code: string; message: string }[] = [];
  const seen = new Set<number>();
  body.lines.forEach((l, i) => {
    const p = fteProblem(l.fte);
    if (p)
      problems.push({
        field: `lines.${i}.fte`,
        code: p,
        message: 'FTE between 0.001 and 1, up to 3 places',
      });
    if (seen.has(l.postId))
      problems.push({
        field: `lines.${i}.postId`,
        code: 'duplicate',
        message: 'Post listed twice',
      });
    seen.add(l.postId);
  });
  if (problems.some((p) => p.code.startsWith('fte_'))) {
    throw new DomainError('INVALID_FTE', 'Some FTE values are invalid', 400, problems);
  }
  if (problems.length)
    throw new DomainError('VALIDATION_FAILED', 'A post is listed twice', 400, problems);
  const known = new Set(
    await existingPostIds(
      ctx.db,
      body.lines.map((l) => l.postId),
    ),
  );
  const unknown = body.lines.findIndex((l) => !known.has(l.postId));
  if (unknown >= 0) {
    throw new DomainError('UNKNOWN_POST', 'Unknown post', 400, [
      { field: `lines.${unknown}.postId`, code: 'unknown', message: 'Choose an existing post' },
    ]);
  }
  await inTransactionAsync(ctx, async (tx) => {
    await repo.replaceLines(
      tx.db,
      id,
      body.lines.map((l) => ({ postId: l.postId, fteMilli: toMilli(l.fte) })),
    );
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: ['lines'],
    });
  });
  return await getScenario(ctx, id);
}
