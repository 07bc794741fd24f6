// Types for postgres.mjs, for the TypeScript test setup that imports it.
export interface TestPostgres {
  /** Admin URL: user postgres, trust authentication, database postgres. */
  url: string;
  port: number;
  dir: string;
  version: string;
  startedInMs: number;
  stop(): void;
}
export function findPostgresBin(): string | null;
export function startPostgres(options?: {
  log?: (message: string) => void;
  install?: boolean;
}): Promise<TestPostgres>;
