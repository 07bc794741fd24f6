import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { DomainError } from '@begegnung/domain';
import { onPg } from '../db/engine.ts';
import type { PgDb } from '../db/pg-client.ts';
import { pgRateLimitStore } from '../db/pg-rate-limit.ts';

/** Security headers with a strict CSP the web app runs under, CORS allow-list, rate limits. */
export const securityPlugin = fp(async (app) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: app.config.cookieSecure ? [] : null,
      },
    },
    strictTransportSecurity: app.config.cookieSecure,
  });
  // Same origin by default: without configured origins there is nothing for CORS to answer,
  // and the plugin's per-request hook is skipped altogether.
  if (app.config.corsOrigins.length) {
    await app.register(cors, { origin: app.config.corsOrigins, credentials: true });
  }
  // API answers hold personal data (sessions, exports, applicant documents): never cached,
  // by the browser or by any proxy. onSend runs for errors and rate-limit replies too.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  await app.register(rateLimit, {
    global: false,
    // Several instances on one PostgreSQL share their counters in the database; one SQLite
    // process counts in memory.
    ...(onPg ? { store: pgRateLimitStore((app.db as unknown as PgDb).$client) } : {}),
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.ceil(context.ttl / 1000);
      const err = new DomainError(
        'RATE_LIMITED',
        `Too many attempts. Please wait ${seconds} seconds and try again.`,
        429,
      );
      return Object.assign(err, { headers: { 'retry-after': String(seconds) } });
    },
  });
});
