import { asc, eq, inArray } from 'drizzle-orm';
import { fromMilli, type Allocation, type PostStatus, type PostSummary } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import {
  centres,
  operators,
  postAllocations,
  postAssignments,
  posts,
  postStatusChanges,
} from '../../db/tables.ts';

export type PostRow = typeof posts.$inferSelect;
export type PostInsert = typeof posts.$inferInsert;

/** Allocations of the given posts, keyed by post id, ordered by centre code. */
export async function allocationsFor(db: Db, postIds: readonly number[]) {
  const out = new Map<number, (Allocation & { shareMilli: number })[]>();
  if (postIds.length === 0) return out;
  const rows = await db
    .select({
      postId: postAllocations.postId,
      centreId: postAllocations.centreId,
      centreCode: centres.code,
      centreName: centres.name,
      shareMilli: postAllocations.shareMilli,
    })
    .from(postAllocations)
    .innerJoin(centres, eq(centres.id, postAllocations.centreId))
    .where(inArray(postAllocations.postId, [...postIds]))
    .orderBy(asc(centres.code));
  for (const r of rows) {
    const list = out.get(r.postId) ?? [];
    list.push({
      centreId: r.centreId,
      centreCode: r.centreCode,
      centreName: r.centreName,
      share: fromMilli(r.shareMilli),
      shareMilli: r.shareMilli,
    });
    out.set(r.postId, list);
  }
  return out;
}

const postColumns = { post: posts, operatorName: operators.name };

function toSummary(
  row: { post: PostRow; operatorName: string | null },
  allocations: Map<number, Allocation[]>,
): PostSummary {
  const { post } = row;
  return {
    id: post.id,
    code: post.code,
    title: post.title,
    roleType: post.roleType,
    fte: fromMilli(post.fteMilli),
    payGroup: post.payGroup,
    employer: post.employer,
    operatorId: post.operatorId,
    operatorName: row.operatorName,
    fundingMode: post.fundingMode,
    budgetYearFrom: post.budgetYearFrom,
    budgetYearTo: post.budgetYearTo,
    fixedTermEnd: post.fixedTermEnd,
    kw: post.kw,
    notes: post.notes,
    status: post.status,
    allocations: (allocations.get(post.id) ?? []).map(
      ({ centreId, centreCode, centreName, share }) => ({
        centreId,
        centreCode,
        centreName,
        share,
      }),
    ),
  };
}

const baseQuery = (db: Db) =>
  db.select(postColumns).from(posts).leftJoin(operators, eq(operators.id, posts.operatorId));

export async function listPosts(db: Db): Promise<PostSummary[]> {
  const rows = await baseQuery(db).orderBy(asc(posts.code));
  const allocs = await allocationsFor(
    db,
    rows.map((r) => r.post.id),
  );
  return rows.map((r) => toSummary(r, allocs));
}

export async function findPostSummary(db: Db, id: number): Promise<PostSummary | undefined> {
  const row = (await baseQuery(db).where(eq(posts.id, id)).limit(1))[0];
  return row ? toSummary(row, await allocationsFor(db, [id])) : undefined;
}

export const findPostRow = async (db: Db, id: number) =>
  (await db.select().from(posts).where(eq(posts.id, id)).limit(1))[0];

export const findPostByCode = async (db: Db, code: string) =>
  (await db.select({ id: posts.id }).from(posts).where(eq(posts.code, code)).limit(1))[0];

export const existingPostIds = async (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? []
    : (
        await db
          .select({ id: posts.id })
          .from(posts)
          .where(inArray(posts.id, [...ids]))
      ).map((r) => r.id);

export const insertPost = async (db: Db, values: PostInsert) =>
  (await db.insert(posts).values(values).returning({ id: posts.id }))[0]!.id;

export async function updatePostRow(db: Db, id: number, patch: Partial<PostInsert>) {
  await db
    .update(posts)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(eq(posts.id, id));
}

export async function statusHistory(db: Db, postId: number) {
  return await db
    .select({
      id: postStatusChanges.id,
      fromStatus: postStatusChanges.fromStatus,
      toStatus: postStatusChanges.toStatus,
      effectiveOn: postStatusChanges.effectiveOn,
      reason: postStatusChanges.reason,
      actorEmail: postStatusChanges.actorEmail,
      at: postStatusChanges.at,
    })
    .from(postStatusChanges)
    .where(eq(postStatusChanges.postId, postId))
    .orderBy(asc(postStatusChanges.id));
}

export async function insertStatusChange(
  db: Db,
  row: {
    postId: number;
    fromStatus: PostStatus | null;
    toStatus: PostStatus;
    effectiveOn: string;
    reason: string;
    actorId: number | null;
    actorEmail: string | null;
  },
) {
  await db.insert(postStatusChanges).values(row);
}

export async function replaceAllocations(
  db: Db,
  postId: number,
  rows: { centreId: number; shareMilli: number }[],
) {
  await db.delete(postAllocations).where(eq(postAllocations.postId, postId));
  if (rows.length) await db.insert(postAllocations).values(rows.map((r) => ({ ...r, postId })));
}

export const listAssignments = async (db: Db, postId: number) =>
  await db
    .select({
      id: postAssignments.id,
      postId: postAssignments.postId,
      personName: postAssignments.personName,
      fromDate: postAssignments.fromDate,
      toDate: postAssignments.toDate,
      percent: postAssignments.percent,
    })
    .from(postAssignments)
    .where(eq(postAssignments.postId, postId))
    .orderBy(asc(postAssignments.fromDate), asc(postAssignments.id));

export const insertAssignment = async (db: Db, row: typeof postAssignments.$inferInsert) =>
  (await db.insert(postAssignments).values(row).returning({ id: postAssignments.id }))[0]!.id;

export const findAssignment = async (db: Db, id: number) =>
  (await db.select().from(postAssignments).where(eq(postAssignments.id, id)).limit(1))[0];

export const deleteAssignmentRow = async (db: Db, id: number) =>
  await db.delete(postAssignments).where(eq(postAssignments.id, id));
