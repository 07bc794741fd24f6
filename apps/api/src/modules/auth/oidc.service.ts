import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import {
  DomainError,
  oidcConfigProblems,
  rolesFromGroups,
  type OidcConfig,
  type SsoStatus,
  type UpdateOidcConfigBody,
} from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit, auditAs } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import { existingCentreIds } from '../centres/centres.service.ts';
import { countBreakGlassAdmins, syncSsoUser } from '../users/users.service.ts';
import {
  openSession,
  type LoginPolicy,
  type LoginResult,
  type RequestMeta,
} from './auth.service.ts';
import {
  deleteFlowsBefore,
  insertFlow,
  readOidcConfig,
  takeFlow,
  writeOidcConfig,
  type PendingFlow,
  type StoredOidcConfig,
} from './oidc.repository.ts';

const ENTITY = 'sso_settings';
export const CALLBACK_PATH = '/api/auth/oidc/callback';
export const redirectUriFor = (publicUrl: string) => `${publicUrl}${CALLBACK_PATH}`;

/** What the sign-in page may know: whether to offer SSO and whether it is required. */
export async function ssoStatus(db: Db): Promise<SsoStatus> {
  const c = await readOidcConfig(db);
  const enabled = usable(c);
  return { enabled, required: enabled && c.requireSso };
}

const usable = (c: StoredOidcConfig) =>
  c.enabled && c.issuer !== '' && c.clientId !== '' && c.clientSecret !== null;

function view(c: StoredOidcConfig, publicUrl: string): OidcConfig {
  return {
    enabled: c.enabled,
    issuer: c.issuer,
    clientId: c.clientId,
    clientSecretSet: c.clientSecret !== null,
    groupsClaim: c.groupsClaim,
    requireSso: c.requireSso,
    mappings: c.mappings,
    redirectUri: redirectUriFor(publicUrl),
  };
}

export async function getOidcConfig(ctx: ServiceContext, publicUrl: string) {
  requireRole(ctx, ENTITY, 'admin');
  return view(await readOidcConfig(ctx.db), publicUrl);
}

/**
 * Saves the configuration (admin). The secret is write-only: omitted keeps the stored one.
 * Audited with the names of the changed fields (never the secret's value).
 */
export async function updateOidcConfig(
  ctx: ServiceContext,
  body: UpdateOidcConfigBody,
  publicUrl: string,
) {
  requireRole(ctx, ENTITY, 'admin');
  const before = await readOidcConfig(ctx.db);
  const next: Omit<StoredOidcConfig, 'updatedAt'> = {
    enabled: body.enabled,
    issuer: body.issuer.trim().replace(/\/+$/, ''),
    clientId: body.clientId.trim(),
    clientSecret: body.clientSecret ?? before.clientSecret,
    groupsClaim: body.groupsClaim.trim(),
    requireSso: body.requireSso,
    mappings: body.mappings.map((m) => ({
      group: m.group.trim(),
      roles: m.roles,
      centreIds: [...m.centreIds].sort((a, b) => a - b),
    })),
  };
  const problems = oidcConfigProblems({ ...next, issuer: next.issuer });
  if (next.requireSso && !next.enabled)
    problems.push({ field: 'requireSso', code: 'needs_enabled' });
  if (problems.length > 0)
    throw new DomainError(
      problems.some((p) => p.field === 'issuer') ? 'SSO_ISSUER_INVALID' : 'VALIDATION_FAILED',
      'The single sign-on settings are incomplete or invalid',
      400,
      problems.map((p) => ({ ...p, message: p.code })),
    );
  if (next.enabled && next.clientSecret === null)
    throw new DomainError('SSO_SECRET_REQUIRED', 'Enter the client secret', 400, [
      { field: 'clientSecret', code: 'required', message: 'required' },
    ]);
  // Requiring SSO with no local administrator left would lock everyone out the day the
  // provider is down: at least one active break-glass account must exist first.
  if (next.requireSso && (await countBreakGlassAdmins(ctx.db)) === 0)
    throw new DomainError(
      'SSO_NO_BREAK_GLASS',
      'Requiring single sign-on needs at least one active local administrator (break-glass)',
      409,
      [{ field: 'requireSso', code: 'no_break_glass', message: 'no_break_glass' }],
    );
  const wanted = [...new Set(next.mappings.flatMap((m) => m.centreIds))];
  const found = new Set(await existingCentreIds(ctx.db, wanted));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length)
    throw new DomainError('UNKNOWN_CENTRE', `Unknown centre: ${missing.join(', ')}`, 400);
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]),
  );
  if (changed.length > 0)
    await inTransactionAsync(ctx, async (tx) => {
      await writeOidcConfig(tx.db, next, ctx.actor.userId);
      await audit(tx, {
        action: 'update',
        entityType: ENTITY,
        entityId: null,
        changedFields: changed,
      });
    });
  return view(await readOidcConfig(ctx.db), publicUrl);
}

// ---- the sign-in flow -------------------------------------------------------------------

const PENDING_MS = 10 * 60_000;
const PENDING_MAX = 10_000;
const CONFIG_CACHE_MS = 60 * 60_000;
/** Flow ids are 24 random bytes in base64url (32 characters); anything longer is not one. */
const FLOW_ID_MAX = 64;

/**
 * Sign-ins under way: state, nonce and PKCE verifier, kept in the database (`oidc_flows`) under
 * a random id the browser holds in a short-lived cookie, so the callback may arrive at any
 * instance. Each is taken once (a replayed callback, or a second instance racing for the same
 * id, finds nothing) and expires after 10 minutes; at most 10,000 are kept (the oldest give
 * way). The provider's discovery document is cached per instance.
 */
export class OidcFlows {
  private configs = new Map<string, { at: number; config: Promise<client.Configuration> }>();
  private readonly maxPending: number;

  constructor(opts: { maxPending?: number } = {}) {
    this.maxPending = opts.maxPending ?? PENDING_MAX;
  }

  async put(db: Db, p: Omit<PendingFlow, 'createdAt'>, now = Date.now()) {
    await deleteFlowsBefore(db, new Date(now - PENDING_MS).toISOString());
    const id = randomBytes(24).toString('base64url');
    await insertFlow(db, id, { ...p, createdAt: new Date(now).toISOString() }, this.maxPending);
    return id;
  }

  async take(db: Db, id: string | undefined, now = Date.now()) {
    if (!id || id.length > FLOW_ID_MAX) return undefined;
    const cutoff = new Date(now - PENDING_MS).toISOString();
    const p = await takeFlow(db, id);
    await deleteFlowsBefore(db, cutoff);
    return p && p.createdAt >= cutoff ? p : undefined;
  }

  /** Discovery once an hour per issuer, client and secret (a failure is not cached). */
  configuration(c: StoredOidcConfig) {
    const key = JSON.stringify([c.issuer, c.clientId, c.clientSecret]);
    const hit = this.configs.get(key);
    if (hit && Date.now() - hit.at < CONFIG_CACHE_MS) return hit.config;
    const url = new URL(c.issuer);
    const config = client.discovery(url, c.clientId, c.clientSecret ?? undefined, undefined, {
      // Plain http only for a provider on this machine (tests, trials); issuerUrlValid.
      ...(url.protocol === 'http:' && { execute: [client.allowInsecureRequests] }),
      timeout: 10,
    });
    this.configs.set(key, { at: Date.now(), config });
    config.catch(() => this.configs.delete(key));
    return config;
  }
}

async function configured(db: Db) {
  const c = await readOidcConfig(db);
  if (!usable(c)) throw new DomainError('SSO_NOT_CONFIGURED', 'Single sign-on is not set up', 404);
  return c;
}

function failed(reason: string): never {
  throw Object.assign(new DomainError('SSO_FAILED', 'Single sign-on failed', 400), { reason });
}

/** Starts an authorisation code flow with PKCE, state and nonce: the provider URL to go to. */
export async function startSignIn(
  db: Db,
  flows: OidcFlows,
  opts: { publicUrl: string; returnTo?: string },
) {
  const c = await configured(db);
  let config: client.Configuration;
  try {
    config = await flows.configuration(c);
  } catch (e) {
    failed(`discovery failed: ${(e as Error).message}`);
  }
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUriFor(opts.publicUrl),
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const flowId = await flows.put(db, {
    state,
    nonce,
    codeVerifier,
    returnTo: opts.returnTo ?? '/',
    issuer: c.issuer,
  });
  return { flowId, url: url.href };
}

const claimText = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function groupsOf(claims: Record<string, unknown>, name: string): string[] {
  const v = claims[name];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string') : [];
}

/**
 * Finishes the flow: checks state, PKCE and nonce (openid-client), reads the groups from the
 * ID token and the userinfo, brings the account up to date and opens a session exactly as a
 * password sign-in does. Every refusal is audited as `login_failed` with its reason.
 */
export async function finishSignIn(
  db: Db,
  flows: OidcFlows,
  opts: {
    flowId: string | undefined;
    callbackUrl: URL;
    meta: RequestMeta;
    policy: Pick<LoginPolicy, 'ttlHours'>;
  },
): Promise<LoginResult & { returnTo: string }> {
  let email: string | null = null;
  let userId: number | null = null;
  try {
    const pending = await flows.take(db, opts.flowId);
    if (!pending) failed('no sign-in under way (expired, replayed or another browser)');
    const c = await configured(db);
    if (c.issuer !== pending.issuer) failed('the issuer changed during the sign-in');
    const providerError = opts.callbackUrl.searchParams.get('error');
    if (providerError) failed(`provider refused: ${providerError.slice(0, 100)}`);
    let config: client.Configuration;
    try {
      config = await flows.configuration(c);
    } catch (e) {
      failed(`discovery failed: ${(e as Error).message}`);
    }
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(config, opts.callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      claims = { ...idClaims };
      if (config.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = {
          ...info,
          ...idClaims,
          [c.groupsClaim]: info[c.groupsClaim] ?? idClaims[c.groupsClaim],
        };
      }
    } catch (e) {
      // oauth4webapi's messages name the check (state, nonce, PKCE …), never a value.
      const cause = (e as Error).cause;
      const detail = cause instanceof Error ? `: ${cause.message}` : '';
      failed(`${(e as Error).message}${detail}`.slice(0, 300));
    }
    const subject = claimText(claims.sub);
    if (!subject) failed('no subject in the ID token');
    email = claimText(claims.email)?.toLowerCase() ?? `${subject}@${new URL(c.issuer).host}`;
    const displayName =
      claimText(claims.name) ?? claimText(claims.preferred_username) ?? email.split('@')[0]!;
    const user = await syncSsoUser(
      db,
      {
        issuer: c.issuer,
        subject,
        email,
        displayName: displayName.slice(0, 200),
        access: rolesFromGroups(c.mappings, groupsOf(claims, c.groupsClaim)),
      },
      opts.meta.ip,
    );
    userId = user.id;
    const result = await openSession(db, user, opts.meta, opts.policy, 'single sign-on');
    return { ...result, returnTo: pending.returnTo };
  } catch (e) {
    const reason =
      (e as { reason?: string }).reason ?? (e instanceof DomainError ? e.code : 'unexpected error');
    await auditAs(db, {
      actorId: userId ?? (e as { userId?: number | null }).userId ?? null,
      actorEmail: email,
      action: 'login_failed',
      entityType: 'session',
      reason: `single sign-on: ${reason}`,
      ip: opts.meta.ip,
    });
    throw e;
  }
}
