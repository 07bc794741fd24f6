import { defineConfig, devices } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
// `npm test` and scripts/e2e.sh pick a free port and pass it in (E2E_PORT), so a server that is
// already listening elsewhere never collides; each port gets its own database file.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DB = join(here, '.artifacts', `e2e-${PORT}.db`);
// The server entry can be replaced for the test runner's own tests (scripts/test/runner.test.mjs),
// which prove that a server that exits at once makes `npm test` fail.
const SERVER = process.env.E2E_SERVER_ENTRY ?? join(root, 'apps/api/dist/server.js');

// Debian's Chromium (never `playwright install`: downloads fail on our machines).
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  outputDir: './.artifacts/results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Generous: the machines running the suite are shared (2 cores, load averages of 25 seen, a
  // new page alone taking 3 s); a test creates its data through the API and signs in several
  // people, so it needs more than the default under such load.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile:
          process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? join(here, '.artifacts', 'playwright.json'),
      },
    ],
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: chromium,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions: chromium } }],
  webServer: {
    // The built server on a fresh database with the demo seed, as `npm start` runs it.
    command: `rm -f "${DB}" "${DB}-wal" "${DB}-shm" && node "${SERVER}"`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      DATABASE_PATH: DB,
      DEMO_SEED: 'true',
      WEB_DIST: join(root, 'apps/web/dist'),
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      // All specs sign in from 127.0.0.1; the per-address throttle is tested in the API suite.
      LOGIN_ADDRESS_THRESHOLD: '100000',
    },
  },
});
