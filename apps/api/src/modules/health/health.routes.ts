import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors } from '../../lib/http.ts';
import { sql } from 'drizzle-orm';
import { DomainError } from '@begegnung/domain';
import { rawGet } from '../../db/raw.ts';

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
      try {
        await rawGet(app.db)(sql`select 1`);
      } catch {
        throw new DomainError('SERVICE_UNAVAILABLE', 'Database is not available', 503);
      }
      return { status: 'ok' as const };
    },
  );
};
