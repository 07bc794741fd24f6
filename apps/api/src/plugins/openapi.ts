import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

export const openapiPlugin = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Begegnung API',
        version: '0.1.0',
        description:
          'API of Begegnung. Sign in with POST /api/auth/login; the session is an httpOnly cookie. ' +
          'State-changing requests need the x-csrf-token header from GET /api/auth/session. ' +
          'Errors always have the shape { code, message, details? }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'begegnung_session' },
        },
      },
      security: [{ session: [] }],
      tags: [
        { name: 'auth', description: 'Sign-in and session' },
        { name: 'users', description: 'User administration' },
        { name: 'centres', description: 'Neighbourhood centres' },
        { name: 'operators', description: 'Operators (Träger)' },
        { name: 'audit', description: 'Append-only audit log' },
        { name: 'posts', description: 'Posts (Stellen), allocation to centres, assignments' },
        { name: 'scenarios', description: 'Budget scenarios, comparison, need figures' },
        {
          name: 'costs',
          description: 'Cost assumptions per pay group (estimates until the city’s own)',
        },
        { name: 'activities', description: 'Activity catalogue and recurring groups with rosters' },
        {
          name: 'participants',
          description: 'Pseudonymous participants, consent, referrals, timeline',
        },
        {
          name: 'imports',
          description:
            'Import participants or past sessions from .xlsx/.csv lists: column mapping per centre, preview with row problems, idempotent commit, rejected rows',
        },
        {
          name: 'encounters',
          description: 'Encounter logging with named attendees and headcounts',
        },
        { name: 'follow-ups', description: 'Outreach tasks and contact attempts' },
        {
          name: 'reminders',
          description: 'Reminder mails (SMTP): whether mail is configured, one’s own choice',
        },
        {
          name: 'privacy',
          description: 'Subject access, erasure, retention, record of processing',
        },
        { name: 'settings', description: 'Programme settings: out-of-view thresholds, retention' },
        {
          name: 'hiring',
          description:
            'Vacancies, versioned criteria, applications, screening, scorecards, selection record, purge',
        },
        {
          name: 'reporting',
          description:
            'Dashboard, out-of-view list, outreach loop, staffing against need, council report',
        },
        { name: 'system', description: 'Health and documentation' },
      ],
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI sets inline styles; allow them on the docs page only (scripts stay 'self').
    transformStaticCSP: (header) =>
      header.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'"),
  });
});
