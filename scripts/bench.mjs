#!/usr/bin/env node
// `npm run bench [-- --write]`: installs and builds like `npm start`, then runs the benchmark
// suite in apps/api/bench (not part of `npm test`; takes a few minutes).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const must = (label, code) => {
  if (code !== 0) {
    console.error(`✗ ${label} failed`);
    process.exit(code ?? 1);
  }
};
must('install', pnpm(['install', '--frozen-lockfile', '--reporter=silent']));
if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
  console.error(
    'Chromium is missing: run `npm test` once (it installs Debian Chromium) or set CHROMIUM_PATH.',
  );
  process.exit(1);
}
must(
  'build',
  pnpm(['-r', '--filter', '@begegnung/web', '--filter', '@begegnung/api', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  }),
);
const args = process.argv.slice(2);
const r = spawnSync(
  join(root, 'apps', 'api', 'node_modules', '.bin', 'tsx'),
  ['bench/index.ts', ...args],
  {
    cwd: join(root, 'apps', 'api'),
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
