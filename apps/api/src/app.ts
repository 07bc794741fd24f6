import Fastify, { type FastifyServerOptions } from 'fastify';
import { registerAjvFormats, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppConfig } from './config.ts';
import type { Db } from './db/client.ts';
import { validatorCompiler } from './lib/validation.ts';
import { requestSerializer } from './lib/log-redaction.ts';
import { errorHandlerPlugin } from './plugins/error-handler.ts';
import { securityPlugin } from './plugins/security.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { authPlugin } from './plugins/auth.ts';
import { webPlugin } from './plugins/web.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { oidcRoutes } from './modules/auth/oidc.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { centreRoutes } from './modules/centres/centres.routes.ts';
import { operatorRoutes } from './modules/operators/operators.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { postRoutes } from './modules/posts/posts.routes.ts';
import { scenarioRoutes } from './modules/scenarios/scenarios.routes.ts';
import { activityRoutes } from './modules/activities/activities.routes.ts';
import { participantRoutes } from './modules/participants/participants.routes.ts';
import { encounterRoutes } from './modules/encounters/encounters.routes.ts';
import { followUpRoutes } from './modules/follow-ups/follow-ups.routes.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { privacyRoutes } from './modules/privacy/privacy.routes.ts';
import { hiringRoutes } from './modules/hiring/hiring.routes.ts';
import { reportingRoutes } from './modules/reporting/reporting.routes.ts';
import { reminderRoutes } from './modules/reminders/reminders.routes.ts';
import { importRoutes } from './modules/imports/import.routes.ts';
import { createNotifier } from './modules/reminders/reminders.notifier.ts';
import { createMailer } from './lib/mailer.ts';
import { onPg } from './db/engine.ts';
import { AuthCache, listenForAuthChanges, registerAuthCache } from './modules/auth/auth-cache.ts';
import './types.ts';

registerAjvFormats();

export interface BuildOptions {
  config: AppConfig;
  db: Db;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp({ config, db, logger }: BuildOptions) {
  const base = logger ?? { level: config.logLevel };
  const app = Fastify({
    logger:
      typeof base === 'object'
        ? { ...base, serializers: { ...base.serializers, req: requestSerializer } }
        : base,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // Reject prototype-poisoning payloads outright rather than stripping them.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Body: strict types, no coercion. Query and params: converted from plain decimal strings.
  app.setValidatorCompiler(validatorCompiler);
  // JSON only: Fastify parses text/plain by default, which would turn a wrong media type
  // into a confusing VALIDATION_FAILED instead of 415 UNSUPPORTED_MEDIA_TYPE.
  app.removeContentTypeParser('text/plain');
  app.decorate('db', db);
  app.decorate('config', config);
  const notifier = createNotifier({
    db,
    mailer: createMailer(config.mail),
    publicUrl: config.publicUrl,
    log: app.log,
  });
  app.decorate('notifier', notifier);
  // Mails already under way finish (or fail and are recorded) before the database closes.
  app.addHook('onClose', async () => notifier.idle());

  // The session-and-role cache: on SQLite (one process) it is on from the start; on PostgreSQL
  // only while this instance LISTENs for the other instances' changes (auth-cache.ts).
  const authCache = new AuthCache(!onPg);
  app.decorate('authCache', authCache);
  const unregister = registerAuthCache(db, authCache);
  const listener =
    onPg && config.databaseUrl
      ? listenForAuthChanges(authCache, config.databaseUrl, app.log)
      : undefined;
  if (listener) app.addHook('onReady', async () => listener.start());
  app.addHook('onClose', async () => {
    await listener?.close();
    unregister();
  });

  await app.register(errorHandlerPlugin);
  await app.register(securityPlugin);
  await app.register(openapiPlugin);
  await app.register(authPlugin);

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(oidcRoutes);
      await api.register(userRoutes);
      await api.register(centreRoutes);
      await api.register(operatorRoutes);
      await api.register(auditRoutes);
      await api.register(postRoutes);
      await api.register(scenarioRoutes);
      await api.register(activityRoutes);
      await api.register(participantRoutes);
      await api.register(encounterRoutes);
      await api.register(followUpRoutes);
      await api.register(settingsRoutes);
      await api.register(privacyRoutes);
      await api.register(hiringRoutes);
      await api.register(reportingRoutes);
      await api.register(reminderRoutes);
      await api.register(importRoutes);
    },
    { prefix: '/api' },
  );
  await app.register(webPlugin);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
