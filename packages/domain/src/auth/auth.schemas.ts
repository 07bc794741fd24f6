import { Type, type Static } from 'typebox';
import { RoleSchema } from './roles.ts';
import { PASSWORD_MAX_LENGTH } from './password.rules.ts';

/** The languages of the user interface (German first). */
export const LOCALES = ['de', 'en'] as const;

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });

export const LoginBodySchema = Type.Object(
  {
    email: Email,
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const SessionUserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  centreIds: Type.Array(Type.Integer()),
  locale: Type.Enum(LOCALES),
});
export type SessionUser = Static<typeof SessionUserSchema>;

export const SessionSchema = Type.Object({
  user: SessionUserSchema,
  csrfToken: Type.String({
    description: 'Send as x-csrf-token header on every state-changing request',
  }),
});
export type Session = Static<typeof SessionSchema>;

export const ChangeLocaleBodySchema = Type.Object(
  { locale: Type.Enum(LOCALES) },
  { additionalProperties: false },
);

export const ChangePasswordBodySchema = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    newPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBodySchema>;

export const SignOutEverywhereSchema = Type.Object({
  ok: Type.Literal(true),
  sessionsEnded: Type.Integer({ minimum: 0, description: 'Sessions ended, this one included' }),
});
