export * from './operators.ts';
export * from './centres.ts';
export * from './users.ts';
export * from './audit.ts';
export * from './posts.ts';
export * from './encounters.ts';
export * from './settings.ts';
export * from './hiring.ts';
