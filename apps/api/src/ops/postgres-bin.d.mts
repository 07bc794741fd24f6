// Types for postgres-bin.mjs (plain JavaScript, shared with scripts/lib/postgres.mjs).
export function postgresBinDirs(env?: Record<string, string | undefined>): string[];
export function findPostgresProgram(
  name: string,
  env?: Record<string, string | undefined>,
): string | null;
