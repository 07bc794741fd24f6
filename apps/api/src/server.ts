import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openAppDatabase } from './db/open.ts';
import type { PgDb } from './db/pg-client.ts';
import { runOncePerDay } from './db/pg-lock.ts';
import { hostname } from 'node:os';
import { seedDemoIfEmpty, DEMO_PASSWORD, DEMO_USERS } from './seed/demo.ts';
import { applyRetention } from './ops/retention.ts';
import { localNow } from '@begegnung/domain';

/** Local hour from which the daily reminder digest goes out. */
const DIGEST_HOUR = 7;

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }

  const database = await openAppDatabase(config);
  const { db } = database;
  let seeded = false;
  if (config.demoSeed) seeded = await seedDemoIfEmpty(db);

  const app = await buildApp({ config, db });
  await app.listen({ port: config.port, host: config.host });

  // The daily jobs run inside the server process: retention once at start and then every
  // 24 hours; the reminder digest on the same scheduler, checked every hour and sent from
  // DIGEST_HOUR local time on (at most one per user and day, recorded in mail_deliveries).
  // On PostgreSQL every instance's timer tries each hour, and the first one in a day runs it
  // under an advisory lock (job_runs records the day), so retention runs once per day.
  let lastRetention = 0;
  const instance = `${hostname()}:${process.pid}`;
  const retention = async () => {
    const now = new Date();
    if (database.engine === 'pg') {
      const run = await runOncePerDay(
        (db as unknown as PgDb).$client,
        'retention',
        localNow(now).date,
        instance,
        () => applyRetention(db, now),
      );
      if (run.ran) app.log.info({ retention: run.value }, 'retention applied');
      return;
    }
    if (Date.now() - lastRetention < 24 * 3_600_000) return;
    lastRetention = Date.now();
    app.log.info({ retention: await applyRetention(db, now) }, 'retention applied');
  };
  const daily = async () => {
    try {
      await retention();
    } catch (err) {
      app.log.error({ err }, 'retention failed');
    }
    if (app.notifier.configured && Number(localNow(new Date()).time.slice(0, 2)) >= DIGEST_HOUR) {
      app.notifier.sendDigests(new Date()).then(
        (digests) => app.log.info({ digests }, 'reminder digests'),
        (err: unknown) => app.log.error({ err }, 'reminder digests failed'),
      );
    }
  };
  await daily();
  const retentionTimer = setInterval(daily, 3_600_000);
  retentionTimer.unref();

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  Begegnung is running at ${url}`,
    `  API documentation: ${url}/api/docs`,
    `  Database: ${database.label}${seeded ? ' (demo data seeded)' : ''}`,
  ];
  if (config.demoSeed) {
    lines.push('', `  Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) lines.push(`    ${u.email.padEnd(36)} ${u.label}`);
  }
  console.log(lines.join('\n') + '\n');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    clearInterval(retentionTimer);
    try {
      await app.close();
    } finally {
      await database.close();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
