import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ConsentLanguageParamsSchema,
  ConsentSheetInfoSchema,
  PrivacyNoticeSchema,
  SetReviewedBodySchema,
  SettingsSchema,
  UpdatePrivacyNoticeBodySchema,
  UpdateSettingsBodySchema,
} from '@begegnung/domain';
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
    async (request) => await service.getSettings(ctx(request)),
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
    async (request) => await service.updateSettings(ctx(request), request.body),
  );
  app.get(
    '/settings/privacy-notice',
    {
      schema: {
        tags,
        summary: 'Controller, data-protection officer, supervisory authority and recipients',
        response: { 200: PrivacyNoticeSchema, ...errors(401) },
      },
    },
    async (request) => await service.getNotice(ctx(request)),
  );
  app.patch(
    '/settings/privacy-notice',
    {
      schema: {
        tags,
        summary: 'Change the privacy-notice texts (admin); audited with the changed keys',
        body: UpdatePrivacyNoticeBodySchema,
        response: { 200: PrivacyNoticeSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => await service.updateNotice(ctx(request), request.body),
  );
  app.get(
    '/consent-sheet',
    {
      schema: {
        tags,
        summary: 'What the consent sheet fills in: notice texts, retention, reviewed languages',
        response: { 200: ConsentSheetInfoSchema, ...errors(401) },
      },
    },
    async (request) => await service.consentSheetInfo(ctx(request)),
  );
  app.put(
    '/consent-sheet/reviews/:language',
    {
      schema: {
        tags,
        summary: 'Mark a consent-sheet translation as reviewed or not (admin)',
        params: ConsentLanguageParamsSchema,
        body: SetReviewedBodySchema,
        response: { 200: ConsentSheetInfoSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request) =>
      await service.setReviewed(ctx(request), request.params.language, request.body.reviewed),
  );
};
