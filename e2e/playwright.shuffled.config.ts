import { defineConfig } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import base from './playwright.config.ts';

// The normal configuration (same server, port, browser and workers) on the wrappers that
// e2e/shuffle.mjs writes: spec files in a shuffled order, each importing one spec whose tests
// are declared in a shuffled order (E2E_SHUFFLE_SEED).
const here = dirname(fileURLToPath(import.meta.url));
export default defineConfig({
  ...base,
  testDir: join(here, '.artifacts', 'shuffled'),
});
