import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CorrectionsQuerySchema,
  CorrectionsSchema,
  DashboardSchema,
  OutOfViewQuerySchema,
  OutOfViewSchema,
  OutreachSchema,
  PublishReportBodySchema,
  PublishedPeriodsQuerySchema,
  PublishedPeriodsSchema,
  PublishedReportParamsSchema,
  PublishedReportSchema,
  ReportQuerySchema,
  StaffingQuerySchema,
  StaffingSchema,
} from '@begegnung/domain';
import { Type } from 'typebox';
import { ctx, errors, fileResponse } from '../../lib/http.ts';
import { XLSX_TYPE } from '../../lib/xlsx.ts';
import * as corrections from './corrections.service.ts';
import * as published from './publish.service.ts';
import * as service from './reporting.service.ts';
import * as report from './report.service.ts';

/** Generating a PDF costs CPU: per user, a few a minute is plenty for a person clicking. */
const EXPORT_RATE_LIMIT = {
  rateLimit: {
    max: 20,
    timeWindow: '1 minute',
    hook: 'preHandler' as const,
    keyGenerator: (req: { actor: { userId: number } | null; ip: string }) =>
      req.actor ? `user:${req.actor.userId}` : req.ip,
  },
};

export const reportingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['reporting'];
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/reporting/dashboard',
    {
      schema: {
        tags,
        summary:
          'Reach, activities, hours, new vs returning, host-society contact for a period (coordinator: all or one centre; staff: own centre); people counts suppressed below 5',
        querystring: ReportQuerySchema,
        response: { 200: DashboardSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => await service.getDashboard(ctx(request), request.query),
  );
  app.get(
    '/reporting/out-of-view',
    {
      schema: {
        tags,
        summary:
          'Newcomers who moved into their own flat in the last N months and were not seen for M weeks, with days since last contact (audited read)',
        querystring: OutOfViewQuerySchema,
        response: { 200: OutOfViewSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => await service.getOutOfView(ctx(request), request.query),
  );
  app.get(
    '/reporting/outreach',
    {
      schema: {
        tags,
        summary:
          'The outreach loop for a period: flagged, contacted, closed by outcome, re-engagement rate (suppressed)',
        querystring: ReportQuerySchema,
        response: { 200: OutreachSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => await service.getOutreach(ctx(request), request.query),
  );
  app.get(
    '/reporting/staffing',
    {
      schema: {
        tags,
        summary:
          'Staffing against need per centre: FTE per scenario, newcomers in the catchment, active, out of view, encounters per FTE, need-weighted split (admin, coordinator)',
        querystring: StaffingQuerySchema,
        response: { 200: StaffingSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => await service.getStaffing(ctx(request), request.query),
  );
  app.get(
    '/reporting/report.pdf',
    {
      config: EXPORT_RATE_LIMIT,
      schema: {
        tags,
        summary: 'Council report as PDF for a period and all or one centre (rate limited)',
        querystring: ReportQuerySchema,
        produces: ['application/pdf'],
        response: {
          ...fileResponse('application/pdf'),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await report.reportPdf(ctx(request), request.query);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(pdf as unknown as string); // a Buffer; the schema documents it as binary
    },
  );
  app.get(
    '/reporting/report.csv',
    {
      config: EXPORT_RATE_LIMIT,
      schema: {
        tags,
        summary:
          'The council report’s tables as CSV for Excel (semicolons, UTF-8 with BOM; rate limited)',
        querystring: ReportQuerySchema,
        produces: ['text/csv'],
        response: {
          ...fileResponse('text/csv'),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { csv, filename } = await report.reportCsv(ctx(request), request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
  app.get(
    '/reporting/report.xlsx',
    {
      config: EXPORT_RATE_LIMIT,
      schema: {
        tags,
        summary:
          'The council report’s tables as an Excel workbook: the CSV’s cells typed (numbers, dates), one sheet per table, the method note last (rate limited)',
        querystring: ReportQuerySchema,
        produces: [XLSX_TYPE],
        response: {
          ...fileResponse(XLSX_TYPE),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { xlsx, filename } = await report.reportXlsx(ctx(request), request.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(xlsx as unknown as string);
    },
  );

  app.post(
    '/reporting/published',
    {
      config: EXPORT_RATE_LIMIT,
      schema: {
        tags,
        summary:
          'Publish a finished quarter’s council report: figures, PDF and CSV frozen with SHA-256 and data state (coordinator)',
        body: PublishReportBodySchema,
        response: { 201: PublishedReportSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await published.publishReport(ctx(request), request.body)),
  );
  app.get(
    '/reporting/published',
    {
      schema: {
        tags,
        summary: 'Published council reports, newest period first (coordinator)',
        response: { 200: Type.Array(PublishedReportSchema), ...errors(401, 403) },
      },
    },
    async (request) => await published.listPublished(ctx(request)),
  );
  for (const kind of ['pdf', 'csv'] as const) {
    const type = kind === 'pdf' ? ('application/pdf' as const) : ('text/csv' as const);
    app.get(
      `/reporting/published/:id/report.${kind}`,
      {
        config: EXPORT_RATE_LIMIT,
        schema: {
          tags,
          summary: `A published report’s ${kind.toUpperCase()}, byte for byte as published (coordinator)`,
          params: PublishedReportParamsSchema,
          produces: [type],
          response: { ...fileResponse(type), ...errors(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const f = await published.publishedFile(ctx(request), request.params.id, kind);
        return reply
          .type(kind === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${f.filename}"`)
          .header('x-content-sha256', f.sha256)
          .send(f.bytes as unknown as string);
      },
    );
  }
  app.get(
    '/reporting/published/:id/report.xlsx',
    {
      config: EXPORT_RATE_LIMIT,
      schema: {
        tags,
        summary:
          'A published report as an Excel workbook, made from the figures frozen at publication (the cells of its CSV; coordinator)',
        params: PublishedReportParamsSchema,
        produces: [XLSX_TYPE],
        response: { ...fileResponse(XLSX_TYPE), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const f = await published.publishedXlsx(ctx(request), request.params.id);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .header('x-figures-sha256', f.figuresSha256)
        .send(f.bytes as unknown as string);
    },
  );

  app.get(
    '/reporting/published-periods',
    {
      schema: {
        tags,
        summary:
          'Published quarters covering a centre: entries dated inside them need a correction reason (centre staff, coordinator)',
        querystring: PublishedPeriodsQuerySchema,
        response: { 200: PublishedPeriodsSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await corrections.publishedPeriods(ctx(request), request.query.centreId),
  );
  app.get(
    '/reporting/corrections',
    {
      schema: {
        tags,
        summary:
          'Corrections since publication: entries dated inside a published quarter, with reason, and their counts per centre and quarter (coordinator, admin; audited)',
        querystring: CorrectionsQuerySchema,
        response: { 200: CorrectionsSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => await corrections.listCorrections(ctx(request), request.query),
  );
};
