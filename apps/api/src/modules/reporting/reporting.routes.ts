import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DashboardSchema,
  OutOfViewQuerySchema,
  OutOfViewSchema,
  OutreachSchema,
  ReportQuerySchema,
  StaffingQuerySchema,
  StaffingSchema,
} from '@begegnung/domain';
import { ctx, errors, fileResponse } from '../../lib/http.ts';
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
    async (request) => service.getDashboard(ctx(request), request.query),
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
    async (request) => service.getOutOfView(ctx(request), request.query),
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
    async (request) => service.getOutreach(ctx(request), request.query),
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
    async (request) => service.getStaffing(ctx(request), request.query),
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
      const { csv, filename } = report.reportCsv(ctx(request), request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
};
