import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChangePasswordBodySchema,
  LoginBodySchema,
  OkSchema,
  SessionSchema,
  SignOutEverywhereSchema,
} from '@begegnung/domain';
import { errors } from '../../lib/http.ts';
import { skipDenialAudit } from '../../lib/denial.ts';
import { clearSessionCookie, setSessionCookie, unauthenticated } from '../../plugins/auth.ts';
import {
  changeOwnPassword,
  csrfTokenFor,
  login,
  logout,
  signOutEverywhere,
  type LoginPolicy,
} from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const policy: LoginPolicy = {
    ttlHours: app.config.sessionTtlHours,
    lockoutThreshold: app.config.loginLockoutThreshold,
    addressThreshold: app.config.loginAddressThreshold,
    accountThreshold: app.config.loginAccountThreshold,
  };

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
        policy,
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
      // Asking whether one is signed in is no denial.
      if (!actor || !session) throw skipDenialAudit(unauthenticated(request));
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
      await logout(app.db, {
        tokenHash: request.session!.tokenHash,
        actor: request.actor!,
        ip: request.ip,
      });
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (current one required); your other sessions end',
        body: ChangePasswordBodySchema,
        response: { 200: SignOutEverywhereSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const sessionsEnded = await changeOwnPassword(
        app.db,
        { tokenHash: request.session!.tokenHash, actor: request.actor!, ip: request.ip },
        request.body,
        policy,
      );
      return { ok: true as const, sessionsEnded };
    },
  );

  app.post(
    '/auth/logout-all',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere: ends every session of the signed-in user, this one included',
        response: { 200: SignOutEverywhereSchema, ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      const sessionsEnded = await signOutEverywhere(app.db, {
        actor: request.actor!,
        ip: request.ip,
      });
      clearSessionCookie(reply);
      return { ok: true as const, sessionsEnded };
    },
  );
};
