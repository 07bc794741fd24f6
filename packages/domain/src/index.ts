export * from './common/errors.ts';
export * from './common/pagination.ts';
export * from './auth/roles.ts';
export * from './auth/password.rules.ts';
export * from './auth/auth.schemas.ts';
export * from './users/user.schemas.ts';
export * from './centres/centre.schemas.ts';
export * from './audit/audit.schemas.ts';
