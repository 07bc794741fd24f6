import { and, asc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import {
  DomainError,
  type CorrectionCount,
  type Corrections,
  type CorrectionsQuery,
  type PublishedPeriods,
  type ReportCorrection,
} from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import type { ServiceContext } from '../../types.ts';
import { centres, publishedReports, reportCorrections } from '../../db/tables.ts';
import { audit } from '../audit/audit.service.ts';
import { assertCanRead, requireCentreDataRole, requireRole } from '../access/access.ts';
import { findCentre } from '../centres/centres.service.ts';

/** Reports that cover a centre: published for all centres or for that one. */
const covers = (centreId: number) =>
  or(eq(publishedReports.scopeKey, 'all'), eq(publishedReports.scopeKey, String(centreId)));

/** The published report whose period contains `date` for this centre, if any. */
export async function publishedReportOn(db: Db, centreId: number, date: string) {
  return (
    await db
      .select({ id: publishedReports.id })
      .from(publishedReports)
      .where(
        and(
          covers(centreId),
          sql`${publishedReports.periodFrom} <= ${date} and ${publishedReports.periodTo} >= ${date}`,
        ),
      )
      .orderBy(asc(publishedReports.id))
      .limit(1)
  )[0]?.id;
}

/**
 * An entry dated inside a published period needs a reason: refused with 422
 * CORRECTION_REASON_REQUIRED without one. Returns the report it corrects (or undefined).
 */
export async function requireCorrectionReason(
  db: Db,
  centreId: number,
  date: string,
  reason: string | undefined,
  field = 'correctionReason',
) {
  const reportId = await publishedReportOn(db, centreId, date);
  if (reportId !== undefined && (reason ?? '').trim().length < 3) {
    throw new DomainError(
      'CORRECTION_REASON_REQUIRED',
      'This date lies in a quarter whose report is published; give a reason for the correction',
      422,
      [
        {
          field,
          code: 'correction_reason_required',
          message: 'Give a reason (3 characters or more)',
        },
      ],
    );
  }
  return reportId;
}

/** Writes one row of "Korrekturen seit Veröffentlichung" (inside the caller's transaction). */
export async function recordCorrection(
  ctx: ServiceContext,
  row: {
    reportId: number;
    entityType: string;
    entityId: number;
    centreId: number;
    datedOn: string;
    action: 'create' | 'update' | 'void';
    reason: string;
  },
) {
  await ctx.db.insert(reportCorrections).values({
    ...row,
    reason: row.reason.trim(),
    actorId: ctx.actor.userId,
    actorEmail: ctx.actor.email,
  });
}

/** Published periods covering a centre, so the logging form can ask for a reason up front. */
export async function publishedPeriods(
  ctx: ServiceContext,
  centreId: number,
): Promise<PublishedPeriods> {
  requireCentreDataRole(ctx, 'published_report');
  assertCanRead(ctx, 'centre', centreId, centreId);
  const periods = await ctx.db
    .selectDistinct({ from: publishedReports.periodFrom, to: publishedReports.periodTo })
    .from(publishedReports)
    .where(covers(centreId))
    .orderBy(asc(publishedReports.periodFrom));
  return {
    centreId,
    periods,
    publishedUntil: periods.reduce<string | null>((m, p) => (m && m > p.to ? m : p.to), null),
  };
}

const rowsOf = async (db: Db, where: ReturnType<typeof and>) =>
  (await db
    .select({
      id: reportCorrections.id,
      reportId: reportCorrections.reportId,
      periodFrom: publishedReports.periodFrom,
      periodTo: publishedReports.periodTo,
      centreId: reportCorrections.centreId,
      centreName: centres.name,
      entityType: reportCorrections.entityType,
      entityId: reportCorrections.entityId,
      datedOn: reportCorrections.datedOn,
      action: reportCorrections.action,
      reason: reportCorrections.reason,
      at: reportCorrections.at,
      by: reportCorrections.actorEmail,
    })
    .from(reportCorrections)
    .innerJoin(publishedReports, eq(publishedReports.id, reportCorrections.reportId))
    .innerJoin(centres, eq(centres.id, reportCorrections.centreId))
    .where(where)
    .orderBy(asc(reportCorrections.at), asc(reportCorrections.id))) as ReportCorrection[];

/** Counts per published period and centre (no reasons, no ids): what a report prints. */
export function countCorrections(items: ReportCorrection[]): CorrectionCount[] {
  const m = new Map<string, CorrectionCount>();
  for (const c of items) {
    const k = `${c.periodFrom}|${c.centreId}`;
    const e = m.get(k);
    if (e) e.count += 1;
    else {
      m.set(k, {
        periodFrom: c.periodFrom,
        periodTo: c.periodTo,
        centreId: c.centreId,
        centreName: c.centreName,
        count: 1,
      });
    }
  }
  return [...m.values()].sort(
    (a, b) => a.periodFrom.localeCompare(b.periodFrom) || a.centreName.localeCompare(b.centreName),
  );
}

/**
 * "Korrekturen seit Veröffentlichung": every entry dated inside a published period, oldest
 * first (coordinator, admin; one centre or all). Audited as a read.
 */
export async function listCorrections(
  ctx: ServiceContext,
  q: CorrectionsQuery,
): Promise<Corrections> {
  requireRole(ctx, 'report_correction', 'coordinator', 'admin');
  if (q.centreId !== undefined && !(await findCentre(ctx.db, q.centreId))) {
    throw new DomainError('UNKNOWN_CENTRE', 'Unknown centre', 400, [
      { field: 'centreId', code: 'unknown', message: 'Choose an existing centre' },
    ]);
  }
  const items = await rowsOf(
    ctx.db,
    and(q.centreId === undefined ? undefined : eq(reportCorrections.centreId, q.centreId)),
  );
  await audit(ctx, {
    action: 'read',
    entityType: 'report_correction',
    entityId: q.centreId ?? null,
    reason: `corrections list (${items.length})`,
  });
  return { items, counts: countCorrections(items) };
}

/**
 * What a report for [from, …] prints: corrections to periods published before `from`, recorded
 * from `from` until now (the report is made now), for the given centres.
 */
export async function correctionsForReport(db: Db, from: string, centreIds: number[]) {
  if (!centreIds.length) return [];
  return countCorrections(
    await rowsOf(
      db,
      and(
        inArray(reportCorrections.centreId, centreIds),
        lt(publishedReports.periodTo, from),
        gte(reportCorrections.at, from),
      ),
    ),
  );
}
