import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LoginBodySchema, OkSchema, SessionSchema, DomainError } from '@begegnung/domain';
import { errors } from '../../lib/http.ts';
import { clearSessionCookie, setSessionCookie } from '../../plugins/auth.ts';
import { csrfTokenFor, login, logout } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    {
      config: {
        rateLimit: {
          max: app.config.loginRateLimitPerMinute,
          timeWindow: '1 minute',
          // Per address and account, so one office behind NAT does not lock out its colleagues.
          keyGenerator: (req) => {
            const email = (req.body as { email?: unknown } | undefined)?.email;
            return `${req.ip}|${typeof email === 'string' ? email.toLowerCase() : ''}`;
          },
          hook: 'preHandler',
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        security: [],
        body: LoginBodySchema,
        response: { 200: SessionSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const result = await login(
        app.db,
        request.body,
        { ip: request.ip, userAgent: request.headers['user-agent'] },
        {
          ttlHours: app.config.sessionTtlHours,
          lockoutThreshold: app.config.loginLockoutThreshold,
        },
      );
      setSessionCookie(reply, result.token, result.expiresAt);
      return result.session;
    },
  );

  app.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and a CSRF token for state-changing requests',
        response: { 200: SessionSchema, ...errors(401) },
      },
    },
    async (request) => {
      const { actor, session } = request;
      if (!actor || !session) throw new DomainError('UNAUTHENTICATED', 'Please sign in', 401);
      return {
        user: {
          id: actor.userId,
          email: actor.email,
          displayName: session.displayName,
          roles: [...actor.roles],
          centreIds: [...actor.centreIds],
          locale: session.locale,
        },
        csrfToken: csrfTokenFor(session.csrfSecret),
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends this session',
        response: { 200: OkSchema, ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      logout(app.db, {
        tokenHash: request.session!.tokenHash,
        actor: request.actor!,
        ip: request.ip,
      });
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );
};
