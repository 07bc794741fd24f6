#!/usr/bin/env node
// `npm start`: install, build, migrate, seed demo data if the database is empty, serve on one port.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const step = (label, code) => {
  if (code !== 0) {
    console.error(`\n✗ ${label} failed (exit ${code})`);
    process.exit(code);
  }
};

console.log('▸ Installing dependencies (pnpm through npx) …');
step('install', pnpm(['install', '--frozen-lockfile', '--reporter=silent']));
console.log('▸ Building web app and API …');
step(
  'build',
  pnpm(['-r', '--filter', '@begegnung/web', '--filter', '@begegnung/api', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  }),
);

const env = {
  ...process.env,
  PORT: process.env.PORT ?? '3000',
  DATABASE_PATH: process.env.DATABASE_PATH ?? join(root, 'data', 'begegnung.db'),
  WEB_DIST: process.env.WEB_DIST ?? join(root, 'apps', 'web', 'dist'),
  DEMO_SEED: process.env.DEMO_SEED ?? 'true',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
console.log('▸ Starting server (migrations run on start) …');
const server = spawn(process.execPath, [join(root, 'apps', 'api', 'dist', 'server.js')], {
  cwd: join(root, 'apps', 'api'),
  env,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
