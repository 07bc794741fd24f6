// The PostgreSQL schema: one pgTable for every sqliteTable in ../schema, same names, same
// TypeScript row types (booleans, JSON, ISO text timestamps), so one repository layer serves
// both engines. test/pg-schema.test.ts checks the two migrated schemas against each other.
export * from './operators.ts';
export * from './centres.ts';
export * from './users.ts';
export * from './audit.ts';
export * from './posts.ts';
export * from './encounters.ts';
export * from './settings.ts';
export * from './hiring.ts';
export * from './reports.ts';
export * from './mail.ts';
export * from './oidc.ts';
export * from './imports.ts';
export * from './rollups.ts';
