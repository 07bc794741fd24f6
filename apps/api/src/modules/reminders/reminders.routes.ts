import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  MailStatusSchema,
  ReminderSettingsBodySchema,
  ReminderSettingsSchema,
} from '@begegnung/domain';
import { ctx, errors } from '../../lib/http.ts';
import { getReminderSettings, setReminderSettings } from './reminders.service.ts';

export const reminderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['reminders'];
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/mail/status',
    {
      schema: {
        tags,
        summary:
          'Whether the server can send reminder mails (SMTP and sender configured); any signed-in user',
        response: { 200: MailStatusSchema, ...errors(401) },
      },
    },
    async () => ({ configured: app.notifier.configured }),
  );
  app.get(
    '/account/reminders',
    {
      schema: {
        tags,
        summary: 'One’s own reminder mails: off, on assignment (default), or also a daily digest',
        response: { 200: ReminderSettingsSchema, ...errors(401) },
      },
    },
    async (request) => await getReminderSettings(ctx(request), app.notifier.configured),
  );
  app.put(
    '/account/reminders',
    {
      schema: {
        tags,
        summary: 'Choose one’s own reminder mails (audited)',
        body: ReminderSettingsBodySchema,
        response: { 200: ReminderSettingsSchema, ...errors(400, 401) },
      },
    },
    async (request) =>
      await setReminderSettings(ctx(request), request.body, app.notifier.configured),
  );
};
