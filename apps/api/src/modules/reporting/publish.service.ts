import { createHash } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import {
  DomainError,
  notFound,
  quarterOf,
  type PublishReportBody,
  type PublishedReport,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { auditLog, publishedReports } from '../../db/tables.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import { today } from '../../lib/clock.ts';
import {
  buildReportCsv,
  buildReportXlsx,
  collectReport,
  reportFileStem,
  type ReportData,
} from './report.service.ts';
import { renderReportPdf } from './report.pdf.ts';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
type Row = typeof publishedReports.$inferSelect;

const toApi = (r: Row): PublishedReport => ({
  id: r.id,
  from: r.periodFrom,
  to: r.periodTo,
  centreId: r.centreId,
  pdfSha256: r.pdfSha256,
  csvSha256: r.csvSha256,
  figuresSha256: r.figuresSha256,
  dataMaxAuditId: r.dataMaxAuditId,
  dataAsOf: r.dataAsOf,
  publishedAt: r.publishedAt,
  publishedBy: r.publishedByEmail,
});

/**
 * Publishes a whole, finished quarter: the figures JSON, the PDF and the CSV are made once from
 * one collection of the data and stored with their SHA-256 and the data state (highest audit
 * id, time). Later downloads return these bytes; triggers forbid changing or deleting them.
 */
export async function publishReport(ctx: ServiceContext, body: PublishReportBody) {
  requireRole(ctx, 'published_report', 'coordinator');
  const q = quarterOf(body.from);
  if (q.from !== body.from || q.to !== body.to) {
    throw new DomainError('REPORT_PERIOD_NOT_QUARTER', 'Only whole quarters are published', 400, [
      { field: 'to', code: 'not_quarter', message: `Quarter ${q.from}..${q.to}` },
    ]);
  }
  if (body.to >= today()) {
    throw new DomainError('REPORT_PERIOD_NOT_OVER', 'The quarter is not over yet', 400, [
      { field: 'to', code: 'not_over', message: 'Publish after the quarter has ended' },
    ]);
  }
  const scopeKey = body.centreId === undefined ? 'all' : String(body.centreId);
  const exists = (
    await ctx.db
      .select({ id: publishedReports.id })
      .from(publishedReports)
      .where(
        sql`${publishedReports.periodFrom} = ${body.from} and ${publishedReports.periodTo} = ${body.to} and ${publishedReports.scopeKey} = ${scopeKey}`,
      )
      .limit(1)
  )[0];
  if (exists) {
    throw new DomainError('REPORT_ALREADY_PUBLISHED', 'This report is already published', 409);
  }
  const maxAudit =
    (
      await ctx.db
        .select({ n: sql<number>`coalesce(max(${auditLog.id}), 0)` })
        .from(auditLog)
        .limit(1)
    )[0]?.n ?? 0;
  const asOf = new Date().toISOString();
  const data = await collectReport(ctx, { from: body.from, to: body.to, centreId: body.centreId });
  const figures = JSON.stringify(data);
  const pdf = await renderReportPdf(data);
  const csv = Buffer.from(buildReportCsv(data), 'utf8');
  const id = await inTransactionAsync(ctx, async (tx) => {
    const row = (
      await tx.db
        .insert(publishedReports)
        .values({
          periodFrom: body.from,
          periodTo: body.to,
          centreId: body.centreId ?? null,
          scopeKey,
          figuresJson: figures,
          pdf,
          csv,
          figuresSha256: sha256(figures),
          pdfSha256: sha256(pdf),
          csvSha256: sha256(csv),
          dataMaxAuditId: maxAudit,
          dataAsOf: asOf,
          publishedById: ctx.actor.userId,
          publishedByEmail: ctx.actor.email,
        })
        .returning({ id: publishedReports.id })
    )[0]!.id;
    await audit(tx, {
      action: 'create',
      entityType: 'published_report',
      entityId: row,
      reason: `published ${body.from}..${body.to} (${scopeKey})`,
    });
    return row;
  });
  return toApi((await findRow(ctx, id))!);
}

const findRow = async (ctx: ServiceContext, id: number) =>
  (await ctx.db.select().from(publishedReports).where(eq(publishedReports.id, id)).limit(1))[0];

export async function listPublished(ctx: ServiceContext): Promise<PublishedReport[]> {
  requireRole(ctx, 'published_report', 'coordinator');
  return (
    await ctx.db
      .select()
      .from(publishedReports)
      .orderBy(desc(publishedReports.periodTo), desc(publishedReports.id))
  ).map(toApi);
}

/** The stored bytes, exactly as published; audited as an export. */
export async function publishedFile(ctx: ServiceContext, id: number, kind: 'pdf' | 'csv') {
  requireRole(ctx, 'published_report', 'coordinator');
  const r = await findRow(ctx, id);
  if (!r) throw notFound('Published report');
  await audit(ctx, {
    action: 'export',
    entityType: 'published_report',
    entityId: id,
    reason: kind,
  });
  const data = JSON.parse(r.figuresJson) as Parameters<typeof reportFileStem>[0];
  return {
    bytes: kind === 'pdf' ? r.pdf : r.csv,
    sha256: kind === 'pdf' ? r.pdfSha256 : r.csvSha256,
    filename: `${reportFileStem(data)}_veroeffentlicht.${kind}`,
  };
}

/**
 * A published report as a workbook, made on request from the frozen figures (the JSON stored
 * with its SHA-256 at publication), not from today's data: its cells are those of the stored
 * CSV, which the same figures produced. Audited as an export.
 */
export async function publishedXlsx(ctx: ServiceContext, id: number) {
  requireRole(ctx, 'published_report', 'coordinator');
  const r = await findRow(ctx, id);
  if (!r) throw notFound('Published report');
  await audit(ctx, {
    action: 'export',
    entityType: 'published_report',
    entityId: id,
    reason: 'xlsx',
  });
  const data = JSON.parse(r.figuresJson) as ReportData;
  return {
    bytes: await buildReportXlsx(data),
    figuresSha256: r.figuresSha256,
    filename: `${reportFileStem(data)}_veroeffentlicht.xlsx`,
  };
}
