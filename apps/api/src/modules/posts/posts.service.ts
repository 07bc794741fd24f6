import {
  normalisePayGroup,
  DomainError,
  allocationProblems,
  allowedTransitions,
  assignmentWarnings,
  budgetYearsInOrder,
  canTransition,
  changedFields,
  fteProblem,
  notFound,
  toMilli,
  type AllocationsBody,
  type CreateAssignmentBody,
  type CreatePostBody,
  type Post,
  type StatusChangeBody,
  type UpdatePostBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { today } from '../../lib/clock.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import { findOperator } from '../operators/operators.service.ts';
import { existingCentreIds } from '../centres/centres.service.ts';
import * as repo from './posts.repository.ts';
import { payGroupOrThrow } from '../../lib/pay-group.ts';

const ENTITY = 'post';
const ASSIGNMENT = 'post_assignment';

/** Admins configure posts; coordinators read them for staffing decisions. */
const requireReader = (ctx: ServiceContext, entity = ENTITY) =>
  requireRole(ctx, entity, 'admin', 'coordinator');

/** Reads the scenarios module uses inside its own checks (no role gate). */
export { allocationsFor, existingPostIds } from './posts.repository.ts';

export async function listPosts(ctx: ServiceContext) {
  requireReader(ctx);
  return await repo.listPosts(ctx.db);
}

export async function getPost(ctx: ServiceContext, id: number): Promise<Post> {
  requireReader(ctx);
  const post = await repo.findPostSummary(ctx.db, id);
  if (!post) throw notFound('Post');
  return {
    ...post,
    history: await repo.statusHistory(ctx.db, id),
    allowedTransitions: allowedTransitions(post.status, { kw: post.kw }),
  };
}

type PostFields = Omit<CreatePostBody, 'fte'> & { fte: string };

/** Checks the whole (merged) post; throws the first rule it breaks with a field detail. */
async function assertValidPost(ctx: ServiceContext, p: PostFields, selfId?: number) {
  // A value the migration could not map must be chosen from the catalogue on the next edit.
  payGroupOrThrow(p.payGroup);
  const fte = fteProblem(p.fte);
  if (fte) {
    throw new DomainError(
      'INVALID_FTE',
      'FTE must be greater than 0 and at most 1 with up to 3 decimal places',
      400,
      [{ field: 'fte', code: fte, message: 'Enter an FTE share between 0.001 and 1' }],
    );
  }
  if (!budgetYearsInOrder(p.budgetYearFrom, p.budgetYearTo)) {
    throw new DomainError('BUDGET_YEARS_ORDER', 'The last budget year is before the first', 400, [
      {
        field: 'budgetYearTo',
        code: 'budget_years_order',
        message: 'Must not be before the first budget year',
      },
    ]);
  }
  if (p.fixedTermEnd && p.fixedTermEnd < `${p.budgetYearFrom}-01-01`) {
    throw new DomainError(
      'BUDGET_YEARS_ORDER',
      'The fixed term ends before the first budget year',
      400,
      [
        {
          field: 'fixedTermEnd',
          code: 'fixed_term_before_budget',
          message: 'Ends before the first budget year',
        },
      ],
    );
  }
  if (p.employer === 'operator' && !p.operatorId) {
    throw new DomainError(
      'OPERATOR_REQUIRED',
      'Posts employed by an operator name the operator',
      400,
      [{ field: 'operatorId', code: 'required', message: 'Choose the operator' }],
    );
  }
  if (p.operatorId && !(await findOperator(ctx.db, p.operatorId))) {
    throw new DomainError('UNKNOWN_OPERATOR', 'Unknown operator', 400, [
      { field: 'operatorId', code: 'unknown', message: 'Choose an existing operator' },
    ]);
  }
  const other = await repo.findPostByCode(ctx.db, p.code);
  if (other && other.id !== selfId) {
    throw new DomainError('POST_CODE_TAKEN', `Post code ${p.code} is already used`, 409, [
      { field: 'code', code: 'taken', message: 'Code already used by another post' },
    ]);
  }
}

function toRow(p: PostFields) {
  return {
    code: p.code.trim(),
    title: p.title.trim(),
    roleType: p.roleType,
    fteMilli: toMilli(p.fte),
    payGroup: normalisePayGroup(p.payGroup) ?? p.payGroup.trim(),
    employer: p.employer,
    // A city post has no operator.
    operatorId: p.employer === 'city' ? null : (p.operatorId ?? null),
    fundingMode: p.fundingMode,
    budgetYearFrom: p.budgetYearFrom,
    budgetYearTo: p.budgetYearTo ?? null,
    fixedTermEnd: p.fixedTermEnd ?? null,
    kw: p.kw ?? false,
    notes: p.notes ?? '',
  };
}

export async function createPost(ctx: ServiceContext, body: CreatePostBody) {
  requireRole(ctx, ENTITY, 'admin');
  await assertValidPost(ctx, body);
  const id = await inTransactionAsync(ctx, async (tx) => {
    const newId = await repo.insertPost(tx.db, { ...toRow(body), status: 'proposed' });
    await repo.insertStatusChange(tx.db, {
      postId: newId,
      fromStatus: null,
      toStatus: 'proposed',
      effectiveOn: today(),
      reason: 'Post created',
      actorId: ctx.actor.userId,
      actorEmail: ctx.actor.email,
    });
    await audit(tx, { action: 'create', entityType: ENTITY, entityId: newId });
    return newId;
  });
  return await getPost(ctx, id);
}

export async function updatePost(ctx: ServiceContext, id: number, body: UpdatePostBody) {
  requireRole(ctx, ENTITY, 'admin');
  const before = await getPost(ctx, id);
  const merged: PostFields = { ...before, ...body };
  await assertValidPost(ctx, merged, id);
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updatePostRow(tx.db, id, toRow(merged));
    const after = (await repo.findPostSummary(tx.db, id))!;
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: changedFields(before, after),
    });
  });
  return await getPost(ctx, id);
}

export async function changeStatus(ctx: ServiceContext, id: number, body: StatusChangeBody) {
  requireRole(ctx, ENTITY, 'admin');
  const post = await getPost(ctx, id);
  if (!canTransition(post.status, body.to, { kw: post.kw })) {
    throw new DomainError(
      'ILLEGAL_STATUS_TRANSITION',
      `A post cannot go from ${post.status} to ${body.to}`,
      409,
      [
        {
          field: 'to',
          code: 'illegal_transition',
          message: `Allowed from ${post.status}: ${post.allowedTransitions.join(', ') || 'none'}`,
        },
      ],
    );
  }
  await inTransactionAsync(ctx, async (tx) => {
    await repo.updatePostRow(tx.db, id, { status: body.to });
    await repo.insertStatusChange(tx.db, {
      postId: id,
      fromStatus: post.status,
      toStatus: body.to,
      effectiveOn: body.effectiveOn ?? today(),
      reason: body.reason.trim(),
      actorId: ctx.actor.userId,
      actorEmail: ctx.actor.email,
    });
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: ['status'],
      reason: body.reason.trim(),
    });
  });
  return await getPost(ctx, id);
}

/** Replaces the allocation as a whole; an invalid one leaves the previous one intact. */
export async function setAllocations(ctx: ServiceContext, id: number, body: AllocationsBody) {
  requireRole(ctx, ENTITY, 'admin');
  await getPost(ctx, id);
  const problems = allocationProblems(body.allocations);
  if (problems.length) {
    const notOne = problems.every((p) => p.code === 'shares_not_one');
    throw new DomainError(
      notOne ? 'SHARES_NOT_ONE' : 'INVALID_SHARES',
      notOne ? problems[0]!.message : 'Some shares are invalid',
      400,
      problems,
    );
  }
  const known = new Set(
    await existingCentreIds(
      ctx.db,
      body.allocations.map((a) => a.centreId),
    ),
  );
  const unknown = body.allocations.findIndex((a) => !known.has(a.centreId));
  if (unknown >= 0) {
    throw new DomainError('UNKNOWN_CENTRE', 'Unknown centre', 400, [
      {
        field: `allocations.${unknown}.centreId`,
        code: 'unknown',
        message: 'Choose an existing centre',
      },
    ]);
  }
  await inTransactionAsync(ctx, async (tx) => {
    await repo.replaceAllocations(
      tx.db,
      id,
      body.allocations.map((a) => ({ centreId: a.centreId, shareMilli: toMilli(a.share) })),
    );
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: ['allocations'],
    });
  });
  return await getPost(ctx, id);
}

// Assignments name a person: every read is audited.

export async function listAssignments(ctx: ServiceContext, postId: number) {
  requireReader(ctx, ASSIGNMENT);
  const post = await repo.findPostRow(ctx.db, postId);
  if (!post) throw notFound('Post');
  const items = await repo.listAssignments(ctx.db, postId);
  await audit(ctx, {
    action: 'read',
    entityType: ASSIGNMENT,
    entityId: postId,
    reason: 'assignments of post',
  });
  const warnings = assignmentWarnings(post.fteMilli, items).map((w) =>
    w.kind === 'gap' ? w : { kind: w.kind, from: w.from, percent: w.percent },
  );
  return { items, warnings };
}

export async function createAssignment(
  ctx: ServiceContext,
  postId: number,
  body: CreateAssignmentBody,
) {
  requireRole(ctx, ASSIGNMENT, 'admin');
  if (!(await repo.findPostRow(ctx.db, postId))) throw notFound('Post');
  if (body.toDate && body.toDate < body.fromDate) {
    throw new DomainError('DATES_ORDER', 'The end date is before the start date', 400, [
      { field: 'toDate', code: 'dates_order', message: 'Must not be before the start date' },
    ]);
  }
  await inTransactionAsync(ctx, async (tx) => {
    const id = await repo.insertAssignment(tx.db, {
      postId,
      personName: body.personName.trim(),
      fromDate: body.fromDate,
      toDate: body.toDate ?? null,
      percent: body.percent,
    });
    await audit(tx, { action: 'create', entityType: ASSIGNMENT, entityId: id });
  });
  return await listAssignments(ctx, postId);
}

export async function deleteAssignment(ctx: ServiceContext, postId: number, assignmentId: number) {
  requireRole(ctx, ASSIGNMENT, 'admin');
  const a = await repo.findAssignment(ctx.db, assignmentId);
  if (!a || a.postId !== postId) throw notFound('Assignment');
  await inTransactionAsync(ctx, async (tx) => {
    await repo.deleteAssignmentRow(tx.db, assignmentId);
    await audit(tx, { action: 'delete', entityType: ASSIGNMENT, entityId: assignmentId });
  });
  return { ok: true as const };
}
