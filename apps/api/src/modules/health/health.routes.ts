import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors } from '../../lib/http.ts';
import { sql } from 'drizzle-orm';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database readiness',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ok') }), ...errors(503) },
      },
    },
    async () => {
      app.db.get(sql`select 1`);
      return { status: 'ok' as const };
    },
  );
};
