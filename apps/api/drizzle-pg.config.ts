import { defineConfig } from 'drizzle-kit';

// The PostgreSQL migrations (decision 0003). The SQLite ones stay in drizzle.config.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg-schema/index.ts',
  out: './drizzle-pg',
});
