import {
  DomainError,
  MIXED_BUCKETS,
  MIXED_WINDOW_DAYS,
  OUTREACH_OUTCOMES,
  addDays,
  addMonths,
  canReadCentreData,
  canWriteCentreData,
  daysBetween,
  defaultPeriod,
  hasRole,
  hasValidConsent,
  mixedBucket,
  monthsOf,
  parseFixed,
  periodProblem,
  shownShare,
  fromMilli,
  EMPTY_CELL,
  KEY_SPACE,
  addCells,
  publishColumn,
  publishCount,
  publishTable,
  type CountCell,
  type Dashboard,
  type OutOfView,
  type OutOfViewQuery,
  type Outreach,
  type ReportQuery,
  type Staffing,
  type StaffingQuery,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { audit } from '../audit/audit.service.ts';
import { deny, requireRole } from '../access/access.ts';
import { readSettings } from '../settings/settings.service.ts';
import { consentsFor } from '../participants/participants.service.ts';
import { today } from '../../lib/clock.ts';
import { compareScenarios } from '../scenarios/comparison.service.ts';
import * as repo from './reporting.repository.ts';
import { closeLapsedFollowUps } from '../follow-ups/consent-lapse.ts';
import { needFigures, splitByNeed } from './need.ts';

const ENTITY = 'report';
type Centre = { id: number; code: string; name: string };

/** Role gate plus centre scope: coordinators all centres (or one), centre staff only their own. */
export async function resolveScope(
  ctx: ServiceContext,
  centreId: number | undefined,
): Promise<Centre[]> {
  requireRole(ctx, ENTITY, 'coordinator', 'centre_staff', 'admin');
  const all = await repo.activeCentres(ctx.db);
  const seesAll = hasRole(ctx.actor, 'coordinator', 'admin');
  if (centreId !== undefined) {
    const centre = all.find((c) => c.id === centreId);
    if (!centre) {
      throw new DomainError('UNKNOWN_CENTRE', 'Unknown centre', 400, [
        { field: 'centreId', code: 'unknown', message: 'Choose an existing centre' },
      ]);
    }
    if (!seesAll && !canReadCentreData(ctx.actor, centreId)) deny(ctx, ENTITY, centreId, 403);
    return [centre];
  }
  const scope = seesAll ? all : all.filter((c) => ctx.actor.centreIds.includes(c.id));
  if (scope.length === 0) deny(ctx, ENTITY, null, 403);
  return scope;
}

/** Admins see staffing aggregates only; the people figures are for coordinators and staff. */
function requirePeopleFigures(ctx: ServiceContext) {
  requireRole(ctx, ENTITY, 'coordinator', 'centre_staff');
}

export function resolvePeriod(q: { from?: string; to?: string }): repo.Period {
  const to = q.to ?? (q.from ? addDays(addMonths(q.from, 12), -1) : today());
  const from = q.from ?? defaultPeriod(to).from;
  const problem = periodProblem(from, to);
  if (problem === 'PERIOD_INVALID') {
    throw new DomainError('PERIOD_INVALID', 'The end of the period lies before its start', 400, [
      { field: 'to', code: 'before_start', message: 'Must not be before the start' },
    ]);
  }
  if (problem === 'PERIOD_TOO_LONG') {
    throw new DomainError('PERIOD_TOO_LONG', 'Choose a period of at most five years', 400, [
      { field: 'to', code: 'too_long', message: 'At most five years' },
    ]);
  }
  return { from, to };
}

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
/** A cell of people: count and key sum from a repository row. */
const cell = (n: number, key: number): CountCell => ({ n, key });
/** New and returning (reached minus new: the key sums subtract as the sets do). */
const newAndReturning = (p?: {
  reached: number;
  newcomers: number;
  reachedKey: number;
  newKey: number;
}): CountCell[] =>
  p
    ? [
        cell(p.newcomers, p.newKey),
        cell(p.reached - p.newcomers, (p.reachedKey - p.newKey + KEY_SPACE) % KEY_SPACE),
      ]
    : [EMPTY_CELL, EMPTY_CELL];
/** A list of people (e.g. out of view) as one cell. */
const cellOfPeople = (rows: readonly { recordKey: number }[]) =>
  addCells(...rows.map((r) => cell(1, r.recordKey)));

export async function getDashboard(ctx: ServiceContext, q: ReportQuery): Promise<Dashboard> {
  const centres = await resolveScope(ctx, q.centreId);
  requirePeopleFigures(ctx);
  const period = resolvePeriod(q);
  const cids = centres.map((c) => c.id);

  const totals = await repo.encounterTotals(ctx.db, cids, period);
  const sum = (k: keyof repo.EncounterTotals) => totals.reduce((s, t) => s + t[k], 0);
  const encounters = sum('encounters');
  const mixedEncounters = sum('mixed');

  const { byCentre: people, byMonth: monthly } = await repo.peopleByCentreAndMonth(
    ctx.db,
    cids,
    period,
  );
  const peopleTable = publishTable(
    centres.map((c) => newAndReturning(people.find((x) => x.centreId === c.id))),
  );

  const months = monthsOf(period.from, period.to);
  const byMonthRows = await repo.encountersByMonth(ctx.db, cids, period);
  // Summed over months, "returning" counts person-months (each a unit of its own key).
  const monthlyPeople = publishTable(
    months.map((m) => newAndReturning(monthly.find((x) => x.month === m))),
    2,
  );

  const windowTo = period.to;
  const windowFrom = addDays(windowTo, -(MIXED_WINDOW_DAYS - 1));
  const mixedRows = await repo.mixedPerPerson(ctx.db, cids, { from: windowFrom, to: windowTo });
  const mixedTable = publishTable(
    centres.map((c) =>
      MIXED_BUCKETS.map((b) =>
        addCells(
          ...mixedRows
            .filter((r) => r.centreId === c.id && mixedBucket(r.mixed) === b)
            .map((r) => cell(r.people, r.key)),
        ),
      ),
    ),
    MIXED_BUCKETS.length,
  );

  return {
    from: period.from,
    to: period.to,
    centreId: q.centreId ?? null,
    centres,
    hasData: encounters > 0,
    encounters,
    hours: hours(sum('minutes')),
    // Anonymous headcounts are people too: perturbed from their units' keys.
    anonymousNewcomers: publishCount(
      addCells(...totals.map((t) => cell(t.anonymousNewcomers, t.anonymousKey))),
    ),
    mixedEncounters,
    hostShare: share(mixedEncounters, encounters),
    people: peopleTable,
    byActivity: (await repo.encountersByActivity(ctx.db, cids, period)).map((a) => ({
      key: a.key,
      name: a.name,
      encounters: a.encounters,
      hours: hours(a.minutes),
      mixed: a.mixed,
    })),
    months,
    byMonth: months.map((m) => {
      const r = byMonthRows.find((x) => x.month === m);
      return {
        month: m,
        encounters: r?.encounters ?? 0,
        hours: hours(r?.minutes ?? 0),
        mixed: r?.mixed ?? 0,
      };
    }),
    monthlyPeople,
    perCentre: centres.map((c) => {
      const t = totals.find((x) => x.centreId === c.id);
      return {
        centreId: c.id,
        encounters: t?.encounters ?? 0,
        hours: hours(t?.minutes ?? 0),
        mixedEncounters: t?.mixed ?? 0,
        hostShare: share(t?.mixed ?? 0, t?.encounters ?? 0),
      };
    }),
    mixed: { windowFrom, windowTo, buckets: [...MIXED_BUCKETS], table: mixedTable },
  };
}

/** Out-of-view rows for the scope under the current settings (no audit, no consent check). */
async function outOfViewRows(ctx: ServiceContext, centreIds: number[]) {
  const s = await readSettings(ctx.db);
  const d = today();
  return {
    settings: s,
    today: d,
    rows: await repo.outOfView(
      ctx.db,
      centreIds,
      addMonths(d, -s.outOfViewMovedWithinMonths),
      addDays(d, -7 * s.outOfViewNotSeenWeeks),
    ),
  };
}

/**
 * The named list: codes and aliases, days since last contact. Only people with valid
 * follow-up consent today are named; the others are only counted per centre (small counts
 * hidden). Lapsed outreach in scope is closed first. The read is audited with every person shown.
 */
export async function getOutOfView(ctx: ServiceContext, q: OutOfViewQuery): Promise<OutOfView> {
  const centres = await resolveScope(ctx, q.centreId);
  requirePeopleFigures(ctx);
  const cids = centres.map((c) => c.id);
  await closeLapsedFollowUps(ctx.db, today(), { centreIds: cids });
  const { settings, today: d, rows } = await outOfViewRows(ctx, cids);
  const consents = await consentsFor(
    ctx.db,
    rows.map((r) => r.participantId),
    d,
  );
  // Grouped once: filtering the consent list per row was quadratic (2 s at 7,000 people).
  const consentsOf = new Map<number, typeof consents>();
  for (const c of consents)
    consentsOf.set(c.participantId, [...(consentsOf.get(c.participantId) ?? []), c]);
  const consenting = rows.filter((r) =>
    hasValidConsent(consentsOf.get(r.participantId) ?? [], 'follow_up_contact', d),
  );
  // Out of view but not named (no valid follow-up consent): a published count per centre.
  const named = new Set(consenting.map((r) => r.participantId));
  const unnamed = centres.map((c) =>
    cellOfPeople(rows.filter((r) => r.centreId === c.id && !named.has(r.participantId))),
  );
  const tasks = new Map(
    (
      await repo.openTasks(
        ctx.db,
        consenting.flatMap((r) => (r.openTaskId ? [r.openTaskId] : [])),
      )
    ).map((t) => [t.id, t]),
  );
  const mayWrite = (centreId: number) =>
    hasRole(ctx.actor, 'coordinator') || canWriteCentreData(ctx.actor, centreId);
  const items = consenting.map((r) => {
    const openTask = r.openTaskId ? (tasks.get(r.openTaskId) ?? null) : null;
    const blockedReason = openTask
      ? ('open_task' as const)
      : !mayWrite(r.centreId)
        ? ('not_allowed' as const)
        : null;
    return {
      participantId: r.participantId,
      code: r.code,
      alias: r.alias,
      centreId: r.centreId,
      centreCode: r.centreCode,
      movedInAt: r.movedInAt,
      lastContactOn: r.lastContactOn,
      daysSinceContact: daysBetween(r.lastContactOn ?? r.movedInAt, d),
      canCreateTask: blockedReason === null,
      blockedReason,
      openTask,
    };
  });
  await audit(ctx, {
    action: 'read',
    entityType: 'participant',
    entityId: null,
    reason: `out-of-view list (${items.length})`,
    subjects: items.map((i) => i.participantId),
  });
  return {
    today: d,
    movedWithinMonths: settings.outOfViewMovedWithinMonths,
    notSeenWeeks: settings.outOfViewNotSeenWeeks,
    items,
    centres,
    withoutConsent: publishColumn(unnamed),
  };
}

export async function getOutreach(ctx: ServiceContext, q: ReportQuery): Promise<Outreach> {
  const centres = await resolveScope(ctx, q.centreId);
  requirePeopleFigures(ctx);
  const period = resolvePeriod(q);
  const cids = centres.map((c) => c.id);
  const { rows, settings } = await outOfViewRows(ctx, cids);
  const weeks = settings.reEngagedWithinWeeks;
  const contacted = await repo.contactedByCentre(ctx.db, cids, period);
  const closedRows = await repo.closedByCentre(ctx.db, cids, period, weeks * 7);
  const closed = publishTable(
    centres.map((c) =>
      OUTREACH_OUTCOMES.map((o) => {
        const r = closedRows.find((x) => x.centreId === c.id && x.outcome === o);
        return r ? cell(r.tasks, r.key) : EMPTY_CELL;
      }),
    ),
    OUTREACH_OUTCOMES.length,
  );
  const reIdx = OUTREACH_OUTCOMES.indexOf('re_engaged');
  // Verified re-engaged tasks: a subset of the re_engaged cell, published as its own cells
  // (count and key sum of exactly those tasks).
  const verified = publishColumn(
    centres.map((c) => {
      const r = closedRows.find((x) => x.centreId === c.id && x.outcome === 're_engaged');
      return r && r.verified > 0 ? cell(r.verified, r.verifiedKey) : EMPTY_CELL;
    }),
  );
  // Both rates are shares of published counts (the closed row totals as published).
  return {
    from: period.from,
    to: period.to,
    centres,
    flagged: publishColumn(
      centres.map((c) => cellOfPeople(rows.filter((r) => r.centreId === c.id))),
    ),
    contacted: publishColumn(
      centres.map((c) => {
        const r = contacted.find((x) => x.centreId === c.id);
        return r ? cell(r.tasks, r.key) : EMPTY_CELL;
      }),
    ),
    closed,
    outcomes: [...OUTREACH_OUTCOMES],
    verified,
    reEngagedWithinWeeks: weeks,
    rate: centres.map((_, i) => shownShare(verified.cells[i]![0]!, closed.rowTotals[i]!)),
    totalRate: shownShare(verified.total, closed.total),
    selfReportedRate: centres.map((_, i) =>
      shownShare(closed.cells[i]![reIdx]!, closed.rowTotals[i]!),
    ),
    totalSelfReportedRate: shownShare(closed.colTotals[reIdx]!, closed.total),
    hasData: closedRows.length > 0 || contacted.length > 0 || rows.length > 0,
  };
}

// Staffing against need -----------------------------------------------------------------------

const STEP_MILLI = 250;

export async function getStaffing(ctx: ServiceContext, q: StaffingQuery): Promise<Staffing> {
  requireRole(ctx, 'staffing', 'admin', 'coordinator');
  const centres = await resolveScope(ctx, undefined);
  const period = resolvePeriod(q);
  const cids = centres.map((c) => c.id);
  const needs = (await needFigures(ctx.db)).filter((n) => cids.includes(n.centreId));
  const people = await repo.peopleByCentre(ctx.db, cids, period);
  const active = publishColumn(
    centres.map((c) => {
      const p = people.find((x) => x.centreId === c.id);
      return p ? cell(p.reached, p.reachedKey) : EMPTY_CELL;
    }),
  );
  const { rows: oov } = await outOfViewRows(ctx, cids);
  const outOfView = publishColumn(
    centres.map((c) => cellOfPeople(oov.filter((r) => r.centreId === c.id))),
  );
  const totals = await repo.encounterTotals(ctx.db, cids, period);
  const comparison = await compareScenarios(ctx, {});

  const total = parseFixed(q.totalFte ?? '2', 3);
  const totalMilli = total.ok ? total.value : null;
  if (totalMilli === null || totalMilli % STEP_MILLI !== 0 || totalMilli > 50_000) {
    throw new DomainError('INVALID_FTE', 'Total FTE must be a multiple of 0.25 up to 50', 400, [
      { field: 'totalFte', code: 'step', message: 'A multiple of 0.25' },
    ]);
  }
  const split = splitByNeed(needs, totalMilli, STEP_MILLI);
  return {
    from: period.from,
    to: period.to,
    centres,
    scenarios: comparison.scenarios.map((s) => ({ id: s.id, name: s.name, totalFte: s.totalFte })),
    needs,
    active,
    outOfView,
    rows: centres.map((c) => {
      const enc = totals.find((t) => t.centreId === c.id)?.encounters ?? 0;
      const need = needs.find((n) => n.centreId === c.id)?.need ?? null;
      return {
        centreId: c.id,
        encounters: enc,
        fte: comparison.scenarios.map((s) => {
          const p = s.perCentre.find((x) => x.centreId === c.id);
          const fte = Number(p?.fte ?? '0');
          return {
            scenarioId: s.id,
            fte: p?.fte ?? '0',
            encountersPerFte: fte > 0 ? (enc / fte).toFixed(1) : null,
            newcomersPerFte: fte > 0 && need !== null ? (need / fte).toFixed(1) : null,
          };
        }),
      };
    }),
    split: {
      totalFte: fromMilli(totalMilli),
      stepFte: fromMilli(STEP_MILLI),
      byNeed: split?.byNeed ?? null,
      equal: split?.equal ?? null,
    },
  };
}
