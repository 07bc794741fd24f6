import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgDatabase, runPgMigrations } from '../src/db/pg-client.ts';
import { pgRateLimitStore } from '../src/db/pg-rate-limit.ts';
import { createPgTestDatabase } from './pg-helper.ts';

// Two API instances (own Fastify app, own pool) on one PostgreSQL database: the limit is
// shared, so a client cannot get twice the attempts by alternating between instances.
let url: string;
const pools: pg.Pool[] = [];
const apps: FastifyInstance[] = [];

async function instance(max: number, timeWindow: number, continueExceeding = false) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pools.push(pool);
  const app = Fastify();
  await app.register(rateLimit, { global: false, store: pgRateLimitStore(pool) });
  const config = { rateLimit: { max, timeWindow, continueExceeding } };
  app.get('/a', { config }, async () => ({ ok: true }));
  app.get('/b', { config }, async () => ({ ok: true }));
  await app.ready();
  apps.push(app);
  return app;
}

const statusOf = async (app: FastifyInstance, path = '/a', ip = '10.0.0.1') =>
  (await app.inject({ method: 'GET', url: path, remoteAddress: ip })).statusCode;

beforeAll(async () => {
  url = await createPgTestDatabase();
  const db = openPgDatabase(url);
  await runPgMigrations(db);
  await db.$client.end();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  for (const pool of pools) await pool.end();
});

describe('rate limits shared by instances through PostgreSQL', () => {
  it('counts requests alternating between two instances against one limit', async () => {
    const [one, two] = [await instance(5, 60_000), await instance(5, 60_000)];
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push(await statusOf(i % 2 ? two : one, '/a', '10.0.1.1'));
    expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429, 429, 429, 429]);
    // Another address and another route have their own counters.
    expect(await statusOf(two, '/a', '10.0.1.2')).toBe(200);
    expect(await statusOf(one, '/b', '10.0.1.1')).toBe(200);
  });

  it('lets exactly the limit through when 60 requests race on both instances at once', async () => {
    const [one, two] = [await instance(7, 60_000), await instance(7, 60_000)];
    const codes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => statusOf(i % 2 ? two : one, '/a', '10.0.2.1')),
    );
    expect(codes.filter((c) => c === 200)).toHaveLength(7);
    expect(codes.filter((c) => c === 429)).toHaveLength(53);
  });

  it('opens again when the window has passed, and says how long to wait until then', async () => {
    const app = await instance(2, 2_000);
    expect(await statusOf(app, '/a', '10.0.3.1')).toBe(200);
    expect(await statusOf(app, '/a', '10.0.3.1')).toBe(200);
    const refused = await app.inject({ method: 'GET', url: '/a', remoteAddress: '10.0.3.1' });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await statusOf(app, '/a', '10.0.3.1')).toBe(200);
  });

  it('keeps a client that goes on trying locked out (continueExceeding)', async () => {
    const app = await instance(1, 2_000, true);
    expect(await statusOf(app, '/a', '10.0.4.1')).toBe(200);
    // Each refused attempt restarts the 2 s window, so trying every 0.8 s never gets through.
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 800));
      expect(await statusOf(app, '/a', '10.0.4.1')).toBe(429);
    }
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await statusOf(app, '/a', '10.0.4.1')).toBe(200);
  });

  it('keeps the counters in an unlogged table the application role may write', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ persistence: string }>(
        "select relpersistence as persistence from pg_class where relname = 'rate_limits'",
      );
      expect(rows[0]?.persistence).toBe('u');
      const keys = await client.query<{ key: string }>('select key from rate_limits');
      // Keys name the route and the address, never more.
      expect(keys.rows.map((r) => r.key)).toContain('GET/a-10.0.1.1');
    } finally {
      await client.end();
    }
  });
});
