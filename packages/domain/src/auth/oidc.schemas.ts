import { Type, type Static } from 'typebox';
import { RoleSchema, type Role } from './roles.ts';
import { userCentresValid } from '../users/user.schemas.ts';

/**
 * Single sign-on through OpenID Connect (issue 16 part 3). The admin configures the issuer, the
 * client and which groups of the provider's groups claim give which roles and centres. The
 * client secret is write-only: responses only say whether one is stored.
 */
export const OidcMappingSchema = Type.Object(
  {
    group: Type.String({ minLength: 1, maxLength: 200, description: 'Value in the groups claim' }),
    roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
    centreIds: Type.Array(Type.Integer({ minimum: 1 }), { uniqueItems: true, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type OidcMapping = Static<typeof OidcMappingSchema>;

export const OidcConfigSchema = Type.Object({
  enabled: Type.Boolean(),
  issuer: Type.String(),
  clientId: Type.String(),
  /** Whether a client secret is stored; the secret itself is never returned. */
  clientSecretSet: Type.Boolean(),
  groupsClaim: Type.String(),
  /** Only SSO for everyone except local administrators (break-glass accounts). */
  requireSso: Type.Boolean(),
  mappings: Type.Array(OidcMappingSchema),
  /** The redirect URI to register at the provider. */
  redirectUri: Type.String(),
});
export type OidcConfig = Static<typeof OidcConfigSchema>;

export const UpdateOidcConfigBodySchema = Type.Object(
  {
    enabled: Type.Boolean(),
    issuer: Type.String({ maxLength: 500 }),
    clientId: Type.String({ maxLength: 200 }),
    /** Omit to keep the stored secret; a new value replaces it. */
    clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    groupsClaim: Type.String({ minLength: 1, maxLength: 100 }),
    requireSso: Type.Boolean(),
    mappings: Type.Array(OidcMappingSchema, { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type UpdateOidcConfigBody = Static<typeof UpdateOidcConfigBodySchema>;

/** What the sign-in page needs to know, before anyone is signed in. */
export const SsoStatusSchema = Type.Object({
  enabled: Type.Boolean(),
  required: Type.Boolean(),
});
export type SsoStatus = Static<typeof SsoStatusSchema>;

export const OidcStartQuerySchema = Type.Object(
  {
    /** Where to go in the app after signing in: a path of the app (printable ASCII), e.g. /today. */
    returnTo: Type.Optional(
      Type.String({ maxLength: 300, pattern: '^/([!-.0-\\[\\]-~][!-~]*)?$' }),
    ),
  },
  { additionalProperties: false },
);

export const OidcCallbackQuerySchema = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 2000 })),
    state: Type.Optional(Type.String({ maxLength: 500 })),
    iss: Type.Optional(Type.String({ maxLength: 500 })),
    error: Type.Optional(Type.String({ maxLength: 200 })),
    error_description: Type.Optional(Type.String({ maxLength: 2000 })),
    session_state: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

/**
 * Problems with an OIDC configuration, by field, shared by the settings form and the API.
 * An issuer must be https (http only for a provider on this machine, for tests and trials).
 */
export function oidcConfigProblems(
  body: Pick<UpdateOidcConfigBody, 'enabled' | 'issuer' | 'clientId' | 'mappings'>,
): { field: string; code: string }[] {
  const out: { field: string; code: string }[] = [];
  const issuer = body.issuer.trim();
  if (issuer !== '' || body.enabled) {
    if (!issuerUrlValid(issuer)) out.push({ field: 'issuer', code: 'invalid' });
  }
  if (body.enabled && body.clientId.trim() === '')
    out.push({ field: 'clientId', code: 'required' });
  if (body.enabled && body.mappings.length === 0) out.push({ field: 'mappings', code: 'required' });
  body.mappings.forEach((m, i) => {
    if (m.group.trim() === '') out.push({ field: `mappings/${i}/group`, code: 'required' });
    if (!mappingCentresValid(m.roles, m.centreIds))
      out.push({ field: `mappings/${i}/centreIds`, code: 'centre_required' });
  });
  return out;
}

const ISSUER_PATTERN =
  /^(https:\/\/[a-z0-9.-]+(:\d{1,5})?|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?)(\/[^\s?#]*)?$/i;

export function issuerUrlValid(issuer: string) {
  return ISSUER_PATTERN.test(issuer);
}

/** Centre staff need at least one centre (as for local accounts, userCentresValid). */
export const mappingCentresValid = (roles: readonly Role[], centreIds: readonly number[]) =>
  userCentresValid(roles, centreIds);

/**
 * Roles and centres a person gets from their groups: the union over every mapping whose group
 * they are in. No mapped group: null (no access).
 */
export function rolesFromGroups(
  mappings: readonly OidcMapping[],
  groups: readonly string[],
): { roles: Role[]; centreIds: number[] } | null {
  const hits = mappings.filter((m) => groups.includes(m.group));
  if (hits.length === 0) return null;
  const roles = [...new Set(hits.flatMap((m) => m.roles))].sort();
  const centreIds = [...new Set(hits.flatMap((m) => m.centreIds))].sort((a, b) => a - b);
  return { roles, centreIds };
}
