import {
  ADVERTISABLE_POST_STATUSES,
  DomainError,
  INVITED_STATUSES,
  PROTECTED_CRITERION_ROUTE,
  canTransitionVacancy,
  checkAdvertText,
  criteriaProblems,
  criteriaSetEditable,
  hasRole,
  notFound,
  procedureEmployer,
  protectedCriteria,
  vacancyTransitions,
  type CreateParticipationBody,
  type CreateVacancyBody,
  type CriterionInput,
  type CriteriaSet,
  type MembersBody,
  type NewCriteriaVersionBody,
  type UpdateVacancyBody,
  type Vacancy,
  type VacancyStatusBody,
  type VacancySummary,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { deny, requireRole } from '../access/access.ts';
import { requireHiringRole, requirePart, vacancyAccess } from './access.ts';
import { nowIso, today } from '../../lib/clock.ts';
import * as repo from './hiring.repository.ts';

const ENTITY = 'vacancy';

function assertCriteria(list: readonly CriterionInput[]) {
  const problem = criteriaProblems(list);
  if (problem)
    throw new DomainError('INVALID_CRITERIA', 'The criteria are not consistent', 400, [
      {
        field: 'criteria',
        code: problem,
        message: 'OR-groups need unique ranks on required criteria',
      },
    ]);
  assertLawfulCriteria(list);
}

/**
 * A criterion naming a protected characteristic (§ 1 AGG) or a proxy cannot be scored: the
 * refusal names each one and points to the lawful route.
 */
function assertLawfulCriteria(list: readonly { label: string; scale?: string | null }[]) {
  const found = protectedCriteria(list);
  if (found.length)
    throw new DomainError(
      'PROTECTED_CRITERION',
      `A criterion names a protected characteristic. ${PROTECTED_CRITERION_ROUTE}`,
      422,
      found.map((f) => ({
        field: `criteria.${f.index}.label`,
        code: `protected_${f.ground}`,
        message: `"${f.match}" (${f.ground.replace('_', ' ')}) cannot be a scored criterion`,
      })),
    );
}

/**
 * The posts exist, are in the budget or approved (not merely proposed) and share one
 * employer: the employer decides which bodies take part (§ 165 SGB IX, NPersVG).
 */
async function assertPosts(ctx: ServiceContext, postIds: number[]) {
  const found = new Map((await repo.postsByIds(ctx.db, postIds)).map((p) => [p.id, p]));
  if (postIds.some((id) => !found.has(id)))
    throw new DomainError('UNKNOWN_POST', 'Unknown post', 400, [
      { field: 'postIds', code: 'unknown', message: 'Choose existing posts' },
    ]);
  assertAdvertisable([...found.values()]);
}

function assertAdvertisable(
  list: { code: string; status: string; employer: 'city' | 'operator' }[],
) {
  const notApproved = list.filter(
    (p) => !(ADVERTISABLE_POST_STATUSES as readonly string[]).includes(p.status),
  );
  if (notApproved.length)
    throw new DomainError(
      'POST_NOT_APPROVED',
      'Only posts that are budgeted or approved can be advertised',
      409,
      notApproved.map((p) => ({
        field: 'postIds',
        code: `post_${p.status}`,
        message: `Post ${p.code} is ${p.status}`,
      })),
    );
  if (procedureEmployer(list.map((p) => p.employer)) === 'mixed')
    throw new DomainError(
      'MIXED_EMPLOYERS',
      'One procedure advertises posts of one employer (city or association)',
      409,
      [{ field: 'postIds', code: 'mixed_employers', message: 'Split the procedure by employer' }],
    );
}

export const vacancyEmployer = async (ctx: ServiceContext, vacancyId: number) =>
  procedureEmployer((await repo.vacancyPostsOf(ctx.db, vacancyId)).map((p) => p.employer));

export async function criteriaSetOf(ctx: ServiceContext, setId: number) {
  return (await repo.criteriaOf(ctx.db, setId)).map((c) => ({
    id: c.id,
    kind: c.kind,
    label: c.label,
    evidenceType: c.evidenceType,
    weight: c.weight,
    scale: c.scale,
    groupKey: c.groupKey,
    rank: c.rank,
    notes: c.notes,
  }));
}

export async function currentCriteriaSet(
  ctx: ServiceContext,
  vacancyId: number,
): Promise<CriteriaSet> {
  const set = (await repo.currentSet(ctx.db, vacancyId))!;
  return {
    id: set.id,
    version: set.version,
    reason: set.reason,
    frozenAt: set.frozenAt,
    createdAt: set.createdAt,
    criteria: await criteriaSetOf(ctx, set.id),
  };
}

async function summary(ctx: ServiceContext, v: repo.VacancyRow): Promise<VacancySummary> {
  return {
    id: v.id,
    title: v.title,
    status: v.status,
    channel: v.channel,
    internalOnly: v.internalOnly,
    publishedOn: v.publishedOn,
    deadline: v.deadline,
    criteriaVersion: (await repo.currentSet(ctx.db, v.id))?.version ?? 1,
    applicationCount: await repo.applicationCount(ctx.db, v.id),
    postCodes: (await repo.vacancyPostsOf(ctx.db, v.id)).map((p) => p.code),
  };
}

export async function listVacancies(ctx: ServiceContext): Promise<VacancySummary[]> {
  requireHiringRole(ctx, ENTITY);
  let ids: number[] | null = null;
  if (!hasRole(ctx.actor, 'admin')) {
    const mine = (await repo.membershipsOf(ctx.db, ctx.actor.userId)).filter(
      (m) =>
        (m.kind === 'panel' && hasRole(ctx.actor, 'panel_member')) ||
        (m.kind === 'oversight' && hasRole(ctx.actor, 'oversight')),
    );
    const email = ctx.actor.email.toLowerCase();
    ids = [];
    for (const id of new Set(mine.map((m) => m.vacancyId))) {
      if (!(await repo.applicantEmails(ctx.db, id)).has(email)) ids.push(id);
    }
  }
  const out = [];
  for (const v of await repo.listVacancies(ctx.db, ids)) out.push(await summary(ctx, v));
  return out;
}

/** Panel completion: per member, invited candidates × stage 1 expected vs cards submitted. */
async function completion(ctx: ServiceContext, vacancyId: number) {
  const invited = (await repo.applicationsOf(ctx.db, vacancyId)).filter(
    (a) => INVITED_STATUSES.includes(a.status) || a.status === 'rejected',
  );
  const cards = await repo.scorecardsOfVacancy(ctx.db, vacancyId);
  const scoredIds = new Set(cards.map((c) => c.card.applicationId));
  // Rejected candidates count only if someone started scoring them (they were interviewed).
  const expected = invited.filter((a) => a.status !== 'rejected' || scoredIds.has(a.id));
  return (await repo.membersOf(ctx.db, vacancyId))
    .filter((m) => m.kind === 'panel')
    .map((m) => ({
      userId: m.userId,
      displayName: m.displayName,
      expected: expected.length,
      submitted: new Set(
        cards
          .filter(
            (c) =>
              c.card.memberId === m.userId &&
              c.card.submittedAt !== null &&
              c.card.stage === 'first_interview' &&
              expected.some((a) => a.id === c.card.applicationId),
          )
          .map((c) => c.card.applicationId),
      ).size,
    }));
}

export async function getVacancy(ctx: ServiceContext, id: number): Promise<Vacancy> {
  const { vacancy: v } = await vacancyAccess(ctx, id);
  return await vacancyView(ctx, v);
}

async function vacancyView(ctx: ServiceContext, v: repo.VacancyRow): Promise<Vacancy> {
  const sets = await repo.setsOf(ctx.db, v.id);
  return {
    ...(await summary(ctx, v)),
    advertText: v.advertText,
    encouragementLine: v.encouragementLine,
    abortReason: v.abortReason,
    postIds: (await repo.vacancyPostsOf(ctx.db, v.id)).map((p) => p.id),
    criteriaSet: await currentCriteriaSet(ctx, v.id),
    versions: sets.map((s) => ({
      id: s.id,
      version: s.version,
      reason: s.reason,
      frozenAt: s.frozenAt,
    })),
    advertWarnings: checkAdvertText(v.advertText),
    members: (await repo.membersOf(ctx.db, v.id)).map(({ email: _email, ...m }) => m),
    participations: await repo.participationsOf(ctx.db, v.id),
    completion: await completion(ctx, v.id),
    allowedTransitions: hasRole(ctx.actor, 'admin') ? vacancyTransitions(v.status) : [],
    employer: await vacancyEmployer(ctx, v.id),
    protectedCriteria: protectedOf(
      await criteriaSetOf(ctx, (await repo.currentSet(ctx.db, v.id))!.id),
    ),
  };
}

const protectedOf = (list: { id: number; label: string; scale: string }[]) =>
  protectedCriteria(list).map(({ index, ground, match }) => ({
    criterionId: list[index]!.id,
    ground,
    match,
  }));

const reload = async (ctx: ServiceContext, id: number) =>
  await vacancyView(ctx, (await repo.findVacancy(ctx.db, id))!);

export async function createVacancy(
  ctx: ServiceContext,
  body: CreateVacancyBody,
): Promise<Vacancy> {
  requireRole(ctx, ENTITY, 'admin');
  assertCriteria(body.criteria);
  await assertPosts(ctx, body.postIds);
  const id = await inTransactionAsync(ctx, async (tx) => {
    const newId = await repo.insertVacancy(tx.db, {
      title: body.title.trim(),
      advertText: body.advertText,
      channel: body.channel,
      internalOnly: body.internalOnly ?? false,
      encouragementLine: body.encouragementLine ?? true,
      deadline: body.deadline,
      createdById: ctx.actor.userId,
    });
    await repo.setVacancyPosts(tx.db, newId, body.postIds);
    await repo.insertCriteriaSet(
      tx.db,
      { vacancyId: newId, version: 1, reason: 'Erstfassung', createdById: ctx.actor.userId },
      body.criteria,
    );
    await audit(tx, { action: 'create', entityType: ENTITY, entityId: newId });
    return newId;
  });
  return await reload(ctx, id);
}

export async function updateVacancy(
  ctx: ServiceContext,
  id: number,
  body: UpdateVacancyBody,
): Promise<Vacancy> {
  requireRole(ctx, ENTITY, 'admin');
  const { vacancy } = await vacancyAccess(ctx, id);
  if (vacancy.status !== 'draft')
    throw new DomainError('VACANCY_NOT_DRAFT', 'Only a draft advert can be edited', 409);
  if (body.postIds) await assertPosts(ctx, body.postIds);
  await inTransactionAsync(ctx, async (tx) => {
    const { postIds, ...fields } = body;
    if (Object.keys(fields).length) await repo.updateVacancy(tx.db, id, fields);
    if (postIds) await repo.setVacancyPosts(tx.db, id, postIds);
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: Object.keys(body),
    });
  });
  return await reload(ctx, id);
}

/** Edit the criteria of the current version: only while it is not frozen. */
export async function replaceCriteria(
  ctx: ServiceContext,
  id: number,
  list: CriterionInput[],
): Promise<Vacancy> {
  requireRole(ctx, 'criteria_set', 'admin');
  await vacancyAccess(ctx, id, 'criteria_set');
  const set = (await repo.currentSet(ctx.db, id))!;
  if (!criteriaSetEditable(set))
    throw new DomainError(
      'CRITERIA_FROZEN',
      'The criteria were frozen at publication; create a new version with a reason',
      409,
    );
  assertCriteria(list);
  await inTransactionAsync(ctx, async (tx) => {
    await repo.replaceCriteria(tx.db, set.id, list);
    await audit(tx, { action: 'update', entityType: 'criteria_set', entityId: set.id });
  });
  return await reload(ctx, id);
}

/**
 * A new criteria version with a reason. A published advert goes back to draft: it has to
 * be re-advertised under the new version (or aborted with a reason).
 */
export async function newCriteriaVersion(
  ctx: ServiceContext,
  id: number,
  body: NewCriteriaVersionBody,
): Promise<Vacancy> {
  requireRole(ctx, 'criteria_set', 'admin');
  const { vacancy } = await vacancyAccess(ctx, id, 'criteria_set');
  if (vacancy.status !== 'draft' && vacancy.status !== 'published')
    throw new DomainError(
      'ILLEGAL_STATUS_TRANSITION',
      `The criteria of a ${vacancy.status} procedure cannot change`,
      409,
    );
  assertCriteria(body.criteria);
  const current = (await repo.currentSet(ctx.db, id))!;
  await inTransactionAsync(ctx, async (tx) => {
    const setId = await repo.insertCriteriaSet(
      tx.db,
      {
        vacancyId: id,
        version: current.version + 1,
        reason: body.reason.trim(),
        createdById: ctx.actor.userId,
      },
      body.criteria,
    );
    if (vacancy.status === 'published') {
      await repo.updateVacancy(tx.db, id, { status: 'draft', publishedOn: null });
      await audit(tx, {
        action: 'update',
        entityType: ENTITY,
        entityId: id,
        changedFields: ['status', 'publishedOn'],
        reason: `Neue Kriterienfassung v${current.version + 1}: erneut ausschreiben`,
      });
    }
    await audit(tx, {
      action: 'create',
      entityType: 'criteria_set',
      entityId: setId,
      reason: body.reason,
    });
  });
  return await reload(ctx, id);
}

export async function changeStatus(
  ctx: ServiceContext,
  id: number,
  body: VacancyStatusBody,
): Promise<Vacancy> {
  requireRole(ctx, ENTITY, 'admin');
  const { vacancy } = await vacancyAccess(ctx, id);
  if (body.to === 'decided' || !canTransitionVacancy(vacancy.status, body.to))
    throw new DomainError(
      'ILLEGAL_STATUS_TRANSITION',
      body.to === 'decided'
        ? 'A procedure is decided by recording the selection with reasons'
        : `Cannot move a vacancy from ${vacancy.status} to ${body.to}`,
      409,
    );
  const reason = body.reason?.trim() ?? '';
  if (body.to === 'aborted' && reason.length < 3)
    throw new DomainError('ABORT_REASON_REQUIRED', 'Aborting a procedure needs a reason', 400, [
      { field: 'reason', code: 'required', message: 'State why the procedure is aborted' },
    ]);
  if (body.to === 'published') {
    // Checked again at publication: criteria or posts may predate these rules or have changed.
    assertLawfulCriteria(await criteriaSetOf(ctx, (await repo.currentSet(ctx.db, id))!.id));
    assertAdvertisable(await repo.vacancyPostsOf(ctx.db, id));
  }
  await inTransactionAsync(ctx, async (tx) => {
    if (body.to === 'published') {
      const set = (await repo.currentSet(tx.db, id))!;
      await repo.freezeSet(tx.db, set.id, nowIso());
      await repo.updateVacancy(tx.db, id, { status: 'published', publishedOn: today() });
      await audit(tx, {
        action: 'update',
        entityType: 'criteria_set',
        entityId: set.id,
        changedFields: ['frozenAt'],
      });
    } else if (body.to === 'aborted') {
      await repo.updateVacancy(tx.db, id, { status: 'aborted', abortReason: reason });
    } else {
      await repo.updateVacancy(tx.db, id, { status: body.to });
    }
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: ['status'],
      reason: reason || `→ ${body.to}`,
    });
  });
  return await reload(ctx, id);
}

/**
 * The oversight bodies in this app are the city's (Personalrat under NPersVG, the city's
 * Gleichstellungsbeauftragte and Schwerbehindertenvertretung). For an association's post they
 * are not responsible: participation is the employer's own duty (BetrVG or church law).
 */
async function assertCityBodies(ctx: ServiceContext, vacancyId: number) {
  if ((await vacancyEmployer(ctx, vacancyId)) === 'operator')
    throw new DomainError(
      'BODY_NOT_RESPONSIBLE',
      "The city's staff council, equality officer and disability representative take part only when the city employs; for an association's post participation is the employer's own duty",
      409,
    );
}

/** Who sits on the panel and who follows as oversight; applicants are excluded. */
export async function setMembers(
  ctx: ServiceContext,
  id: number,
  body: MembersBody,
): Promise<Vacancy> {
  requireRole(ctx, ENTITY, 'admin');
  await vacancyAccess(ctx, id);
  const ids = [...body.panel, ...body.oversight.map((o) => o.userId)];
  const found = new Map((await repo.usersWithRoles(ctx.db, ids)).map((u) => [u.id, u]));
  const bad = (userId: number, role: string) => {
    const u = found.get(userId);
    return !u || !u.active || !u.roles.includes(role);
  };
  const unknown = [
    ...body.panel.filter((u) => bad(u, 'panel_member')),
    ...body.oversight.filter((o) => bad(o.userId, 'oversight')).map((o) => o.userId),
  ];
  if (unknown.length)
    throw new DomainError('UNKNOWN_MEMBER', 'Members need the panel or oversight role', 400, [
      { field: 'panel', code: 'unknown', message: `Not eligible: ${unknown.join(', ')}` },
    ]);
  if (body.oversight.length) await assertCityBodies(ctx, id);
  const applicants = await repo.applicantEmails(ctx.db, id);
  const conflicted = ids.filter((u) => applicants.has(found.get(u)!.email.toLowerCase()));
  if (conflicted.length)
    throw new DomainError(
      'MEMBER_IS_APPLICANT',
      'A person who applied in this procedure cannot sit on its panel or oversight',
      409,
    );
  await inTransactionAsync(ctx, async (tx) => {
    await repo.replaceMembers(tx.db, id, [
      ...[...new Set(body.panel)].map((userId) => ({ userId, kind: 'panel' as const, body: null })),
      ...body.oversight.map((o) => ({
        userId: o.userId,
        kind: 'oversight' as const,
        body: o.body,
      })),
    ]);
    await audit(tx, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      changedFields: ['members'],
    });
  });
  return await reload(ctx, id);
}

/** Users an admin can put on a panel or oversight. */
export async function eligibleMembers(ctx: ServiceContext) {
  requireRole(ctx, ENTITY, 'admin');
  const rows = await repo.usersWithAnyRole(ctx.db, ['panel_member', 'oversight']);
  const out = new Map<number, { id: number; displayName: string; roles: string[] }>();
  for (const r of rows) {
    const u = out.get(r.id) ?? { id: r.id, displayName: r.displayName, roles: [] };
    u.roles.push(r.role);
    out.set(r.id, u);
  }
  return [...out.values()];
}

/** Participation of the bodies: HR records requests, oversight users record responses. */
export async function addParticipation(
  ctx: ServiceContext,
  id: number,
  body: CreateParticipationBody,
): Promise<Vacancy> {
  const access = await requirePart(ctx, id, 'participation', 'admin', 'oversight');
  if (access.role === 'oversight') {
    const mine = (await repo.membersOf(ctx.db, id)).find(
      (m) => m.userId === ctx.actor.userId && m.kind === 'oversight',
    );
    if (mine?.body !== body.body) deny(ctx, 'participation', id, 403);
  }
  await assertCityBodies(ctx, id);
  if (body.respondedOn && body.respondedOn < body.requestedOn)
    throw new DomainError('DATES_ORDER', 'The response cannot predate the request', 400, [
      { field: 'respondedOn', code: 'dates_order', message: 'Must not be before the request' },
    ]);
  await inTransactionAsync(ctx, async (tx) => {
    const pid = await repo.insertParticipation(tx.db, {
      vacancyId: id,
      body: body.body,
      requestedOn: body.requestedOn,
      response: body.response,
      respondedOn: body.respondedOn ?? null,
      notes: body.notes ?? '',
      recordedById: ctx.actor.userId,
    });
    await audit(tx, { action: 'create', entityType: 'participation', entityId: pid });
  });
  return await reload(ctx, id);
}

export const assertVacancyExists = async (ctx: ServiceContext, id: number) => {
  if (!(await repo.findVacancy(ctx.db, id))) throw notFound('Vacancy');
};
