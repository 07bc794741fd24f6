import { Type, type Static } from 'typebox';
import { RoleSchema } from '../auth/roles.ts';
import { Email } from '../auth/auth.schemas.ts';
import { PASSWORD_MAX_LENGTH } from '../auth/password.rules.ts';
import { PaginationQuerySchema } from '../common/pagination.ts';

const DisplayName = Type.String({ minLength: 1, maxLength: 120 });
const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH });

export const UserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  centreIds: Type.Array(Type.Integer()),
  active: Type.Boolean(),
  createdAt: Type.String(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
});
export type User = Static<typeof UserSchema>;

export const CreateUserBodySchema = Type.Object(
  {
    email: Email,
    displayName: DisplayName,
    password: Password,
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 6, uniqueItems: true }),
    centreIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBodySchema>;

export const UpdateUserBodySchema = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 6, uniqueItems: true })),
    centreIds: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100, uniqueItems: true }),
    ),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBodySchema>;

export const ResetPasswordBodySchema = Type.Object(
  { password: Password },
  { additionalProperties: false },
);
export type ResetPasswordBody = Static<typeof ResetPasswordBodySchema>;

export const UserListQuerySchema = Type.Intersect([
  PaginationQuerySchema,
  Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(RoleSchema),
    active: Type.Optional(Type.Boolean()),
  }),
]);
export type UserListQuery = Static<typeof UserListQuerySchema>;

/** centre_staff must be linked to at least one centre: the rule both UI and API apply. */
export function userCentresValid(roles: readonly string[], centreIds: readonly number[]) {
  return !roles.includes('centre_staff') || centreIds.length > 0;
}
