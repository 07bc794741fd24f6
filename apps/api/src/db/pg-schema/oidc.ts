import { pgTable, integer, text, boolean } from 'drizzle-orm/pg-core';
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
