import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  DomainError,
  OidcCallbackQuerySchema,
  OidcConfigSchema,
  OidcStartQuerySchema,
  SsoStatusSchema,
  UpdateOidcConfigBodySchema,
} from '@begegnung/domain';
import { ctx, errors } from '../../lib/http.ts';
import { setSessionCookie } from '../../plugins/auth.ts';
import {
  finishSignIn,
  getOidcConfig,
  OidcFlows,
  ssoStatus,
  startSignIn,
  updateOidcConfig,
} from './oidc.service.ts';

const FLOW_COOKIE = 'begegnung_oidc';
const FLOW_PATH = '/api/auth/oidc';

const redirect = (description: string) => ({
  302: Type.Null({ description: `Redirect (Location header): ${description}` }),
});

/** The sign-in page shows the failure's code (`?sso=SSO_FAILED`) in German or English. */
const loginWith = (code: string) => `/login?sso=${encodeURIComponent(code)}`;

/**
 * Single sign-on with OpenID Connect: the browser is sent to the provider and comes back to
 * the callback, which opens a session like the password sign-in. Failures go back to the
 * sign-in page with a stable code (`/login?sso=CODE`); bad query parameters are a 400.
 */
export const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const flows = new OidcFlows();
  const { publicUrl, sessionTtlHours: ttlHours, cookieSecure } = app.config;
  const rateLimit = {
    max: app.config.loginRateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (req: { ip: string }) => req.ip,
  };

  app.get(
    '/auth/sso',
    {
      schema: {
        tags: ['auth'],
        summary: 'Whether single sign-on is offered and required (for the sign-in page)',
        security: [],
        response: { 200: SsoStatusSchema },
      },
    },
    async () => ssoStatus(app.db),
  );

  app.get(
    '/auth/oidc/start',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Start single sign-on: redirects to the identity provider (PKCE, state, nonce)',
        security: [],
        querystring: OidcStartQuerySchema,
        response: { ...redirect('the provider, or /login?sso=CODE'), ...errors(400) },
      },
    },
    async (request, reply) => {
      try {
        const { flowId, url } = await startSignIn(app.db, flows, {
          publicUrl,
          returnTo: request.query.returnTo,
        });
        reply.setCookie(FLOW_COOKIE, flowId, {
          path: FLOW_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: cookieSecure,
          maxAge: 600,
        });
        return reply.redirect(url, 302);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        request.log.warn({ code: e.code, reason: (e as { reason?: string }).reason }, 'sso start');
        return reply.redirect(loginWith(e.code), 302);
      }
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary:
          'Return from the identity provider: checks state, nonce and PKCE, maps the groups to roles and centres, sets the session cookie',
        security: [],
        querystring: OidcCallbackQuerySchema,
        response: { ...redirect('the app, or /login?sso=CODE'), ...errors(400) },
      },
    },
    async (request, reply) => {
      const flowId = request.cookies[FLOW_COOKIE];
      reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      try {
        const result = await finishSignIn(app.db, flows, {
          flowId,
          callbackUrl: new URL(`${publicUrl}${FLOW_PATH}/callback${query}`),
          meta: { ip: request.ip, userAgent: request.headers['user-agent'] },
          policy: { ttlHours },
        });
        setSessionCookie(reply, result.token, result.expiresAt);
        return reply.redirect(result.returnTo, 302);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        request.log.warn(
          { code: e.code, reason: (e as { reason?: string }).reason },
          'sso sign-in refused',
        );
        return reply.redirect(loginWith(e.code), 302);
      }
    },
  );

  app.get(
    '/settings/sso',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['settings'],
        summary: 'Single sign-on settings (admin); the client secret is never returned',
        response: { 200: OidcConfigSchema, ...errors(401, 403) },
      },
    },
    async (request) => getOidcConfig(ctx(request), publicUrl),
  );

  app.put(
    '/settings/sso',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['settings'],
        summary:
          'Change the single sign-on settings (admin); omit clientSecret to keep the stored one; audited',
        body: UpdateOidcConfigBodySchema,
        response: { 200: OidcConfigSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => updateOidcConfig(ctx(request), request.body, publicUrl),
  );
};
