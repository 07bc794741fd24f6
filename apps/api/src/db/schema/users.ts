import { LOCALES, ROLES } from '@begegnung/domain';
import {
  sqliteTable,
  integer,
  text,
  primaryKey,
  index,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { centres } from './centres.ts';
import { timestamps } from './columns.ts';

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stored lower-cased; unique. */
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    locale: text('locale', { enum: LOCALES }).notNull().default('de'),
    lastLoginAt: text('last_login_at'),
    ...timestamps,
    /** Single sign-on: the provider (issuer) and its subject; NULL for local accounts. */
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
  },
  (t) => [uniqueIndex('users_oidc_subject_unique').on(t.oidcIssuer, t.oidcSubject)],
);

export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', {
      enum: ROLES,
    }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const userCentres = sqliteTable(
  'user_centres',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.centreId] }),
    index('user_centres_centre_idx').on(t.centreId),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie value; the raw token never touches the database. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfSecret: text('csrf_secret').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    /** Last request on this session (kept to the minute), for the idle timeout. */
    lastSeenAt: text('last_seen_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
