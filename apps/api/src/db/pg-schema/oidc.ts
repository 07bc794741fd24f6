import { pgTable, integer, text, boolean, index } from 'drizzle-orm/pg-core';
import { isoNow } from './columns.ts';
import { users } from './users.ts';

/**
 * Single sign-on (OpenID Connect) configuration: one row (id 1). `mappings` is JSON
 * (OidcMapping[]: group → roles and centres). The client secret is never sent to a browser.
 */
export const oidcConfig = pgTable('oidc_config', {
  id: integer('id').primaryKey(),
  enabled: boolean('enabled').notNull().default(false),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecret: text('client_secret'),
  groupsClaim: text('groups_claim').notNull(),
  requireSso: boolean('require_sso').notNull().default(false),
  mappings: text('mappings').notNull(),
  updatedAt: text('updated_at').notNull().default(isoNow),
  updatedById: integer('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
});

/**
 * Single sign-ins under way (`OidcFlows`): state, nonce and PKCE verifier under the random id
 * the browser holds in a short-lived cookie, so the callback may reach any instance. Short-lived
 * secrets: a row is taken (deleted) once by the callback, expires after 10 minutes and is never
 * logged or audited.
 */
export const oidcFlows = pgTable(
  'oidc_flows',
  {
    id: text('id').primaryKey(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    returnTo: text('return_to').notNull(),
    issuer: text('issuer').notNull(),
    createdAt: text('created_at').notNull().default(isoNow),
  },
  (t) => [index('oidc_flows_created_idx').on(t.createdAt)],
);
