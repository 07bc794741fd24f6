import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SettingsSchema, UpdateSettingsBodySchema } from '@begegnung/domain';
import { ctx, errors } from '../../lib/http.ts';
import * as service from './settings.service.ts';

export const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['settings'];
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/settings',
    {
      schema: {
        tags,
        summary: 'Programme settings (out-of-view thresholds, retention periods)',
        response: { 200: SettingsSchema, ...errors(401) },
      },
    },
    async (request) => service.getSettings(ctx(request)),
  );
  app.patch(
    '/settings',
    {
      schema: {
        tags,
        summary: 'Change programme settings (admin); audited with the changed keys',
        body: UpdateSettingsBodySchema,
        response: { 200: SettingsSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => service.updateSettings(ctx(request), request.body),
  );
};
