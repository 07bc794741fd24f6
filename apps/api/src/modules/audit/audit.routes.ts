import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AuditChainReportSchema,
  AuditEntrySchema,
  AuditQuerySchema,
  Page,
  ReadVolumeQuerySchema,
  ReadVolumeSchema,
} from '@begegnung/domain';
import { ctx, errors, fileResponse } from '../../lib/http.ts';
import { XLSX_TYPE } from '../../lib/xlsx.ts';
import { auditCsv, auditXlsx, listAudit, readVolume, verifyAuditChain } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['audit'],
        summary: 'Search the append-only audit log (data_protection)',
        querystring: AuditQuerySchema,
        response: { 200: Page(AuditEntrySchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => await listAudit(ctx(request), request.query),
  );
  app.get(
    '/audit/export.csv',
    {
      onRequest: app.authenticate,
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit log as CSV (data_protection; paging ignored, audited)',
        querystring: AuditQuerySchema,
        produces: ['text/csv'],
        response: {
          ...fileResponse('text/csv'),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="protokoll.csv"')
        .send(await auditCsv(ctx(request), request.query)),
  );
  app.get(
    '/audit/export.xlsx',
    {
      onRequest: app.authenticate,
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['audit'],
        summary:
          'The filtered audit log as an Excel workbook: times as dates, the chain head on a second sheet (data_protection; paging ignored, audited)',
        querystring: AuditQuerySchema,
        produces: [XLSX_TYPE],
        response: {
          ...fileResponse(XLSX_TYPE),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const xlsx = await auditXlsx(ctx(request), request.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="protokoll.xlsx"')
        .send(xlsx as unknown as string);
    },
  );
  app.get(
    '/audit/verify',
    {
      onRequest: app.authenticate,
      config: { rateLimit: { max: 6, timeWindow: '1 minute' } },
      schema: {
        tags: ['audit'],
        summary:
          'Walk the audit log hash chain and report the first missing, altered or reordered row (data_protection)',
        response: { 200: AuditChainReportSchema, ...errors(401, 403) },
      },
    },
    async (request) => await verifyAuditChain(ctx(request)),
  );
  app.get(
    '/audit/read-volume',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['audit'],
        summary: 'Reads of personal data per user and day, unusual volumes flagged',
        querystring: ReadVolumeQuerySchema,
        response: { 200: ReadVolumeSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => await readVolume(ctx(request), request.query.days ?? 30),
  );
};
