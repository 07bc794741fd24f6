import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditEntrySchema, AuditQuerySchema, Page } from '@begegnung/domain';
import { ctx, errors } from '../../lib/http.ts';
import { listAudit } from './audit.service.ts';

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
    async (request) => listAudit(ctx(request), request.query),
  );
};
