import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@begegnung/domain';
import { csrfTokenValid, resolveSession } from '../modules/auth/auth.service.ts';

export const SESSION_COOKIE = 'begegnung_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the session cookie on every request (a deactivated user's sessions stop at once:
 * the lookup joins on users.active, and the deactivation drops the session cache's entries,
 * see auth-cache.ts) and provides `authenticate`, which also checks the CSRF token on
 * state-changing requests.
 */
export const authPlugin = fp(async (app) => {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionIdle', false);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith('/api/')) return;
    const resolved = await resolveSession(app.db, token, new Date(), app.authCache);
    if (resolved === 'idle') request.sessionIdle = true;
    if (!resolved || resolved === 'idle') return;
    const { actor, ...session } = resolved;
    request.actor = actor;
    request.session = session;
  });

  app.decorate('authenticate', async (request: FastifyRequest) => {
    if (!request.actor || !request.session) throw unauthenticated(request);
    if (UNSAFE.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      const token = Array.isArray(header) ? header[0] : header;
      if (!token || !csrfTokenValid(request.session.csrfSecret, token)) {
        throw new DomainError(
          'CSRF_INVALID',
          'Security token missing or invalid; reload the page',
          403,
        );
      }
    }
  });
});

export function setSessionCookie(reply: FastifyReply, token: string, expires: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.config.cookieSecure,
    expires,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** 401 for a missing session; SESSION_EXPIRED when it just ended for inactivity. */
export function unauthenticated(request: FastifyRequest) {
  return request.sessionIdle
    ? new DomainError('SESSION_EXPIRED', 'Signed out after a period of inactivity', 401)
    : new DomainError('UNAUTHENTICATED', 'Please sign in', 401);
}
