import fp from 'fastify-plugin';
import staticFiles from '@fastify/static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DomainError } from '@begegnung/domain';

/** Serves the built web app and falls back to index.html for client routes. */
export const webPlugin = fp(async (app) => {
  const root = app.config.webDist ? resolve(app.config.webDist) : '';
  const serveWeb = root !== '' && existsSync(resolve(root, 'index.html'));
  if (serveWeb) {
    await app.register(staticFiles, { root, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler(
    { preHandler: app.rateLimit({ max: 120, timeWindow: '1 minute' }) },
    async (request, reply) => {
      if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
        return reply.type('text/html').sendFile('index.html');
      }
      throw new DomainError(
        'NOT_FOUND',
        `No route ${request.method} ${request.url.split('?')[0]}`,
        404,
      );
    },
  );
});
