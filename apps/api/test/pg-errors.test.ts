// What the API answers when PostgreSQL itself refuses, with errors raised by a real server:
// a read-only transaction (as on a standby after fail-over), too many connections, a
// serialization failure (retried once, then 503) and a unique violation (409).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyError } from 'fastify';
import { inPgTransaction } from '../src/db/pg-tx.ts';
import { mapError } from '../src/plugins/error-handler.ts';
import { createPgTestDatabase } from './pg-helper.ts';

let pool: pg.Pool;
let url: string;
beforeAll(async () => {
  url = await createPgTestDatabase();
  pool = new pg.Pool({ connectionString: url, max: 4 });
  await pool.query('create table counter (id int primary key, n int not null)');
  await pool.query('insert into counter values (1, 0)');
});
afterAll(async () => {
  await pool?.end();
});

/** The real error a statement raises. */
const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the statement to fail');
    },
    (e: unknown) => e as FastifyError & { code: string },
  );

describe('PostgreSQL errors become stable API answers', () => {
  it('a read-only transaction (25006) is 503 SERVICE_UNAVAILABLE, not a 500', async () => {
    const error = await failureOf(
      inPgTransaction(pool, async (c) => {
        await c.query('set transaction read only');
        await c.query('update counter set n = n + 1 where id = 1');
      }),
    );
    expect(error.code).toBe('25006');
    expect(mapError(error)).toMatchObject({
      status: 503,
      body: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect((await pool.query('select n from counter where id = 1')).rows[0].n).toBe(0);
  });

  it('too many connections (53300) is 503', async () => {
    const role = `limited_${Date.now().toString(36)}`;
    await pool.query(`create role ${role} login password 'x' connection limit 1`);
    await pool.query(`grant connect on database ${new URL(url).pathname.slice(1)} to ${role}`);
    const as = new URL(url);
    as.username = role;
    as.password = 'x';
    const first = new pg.Client({ connectionString: as.toString() });
    await first.connect();
    try {
      const second = new pg.Client({ connectionString: as.toString() });
      const error = await failureOf(second.connect());
      expect(error.code).toBe('53300');
      expect(mapError(error).status).toBe(503);
    } finally {
      await first.end();
    }
  });

  it('a serialization failure is retried once and the write lands exactly once', async () => {
    let attempts = 0;
    await inPgTransaction(
      pool,
      async (c) => {
        attempts++;
        const { rows } = await c.query<{ n: number }>('select n from counter where id = 1');
        if (attempts === 1) {
          // Another instance changes the row and commits in between.
          await pool.query('update counter set n = n + 10 where id = 1');
        }
        await c.query('update counter set n = $1 where id = 1', [rows[0]!.n + 1]);
      },
      { isolation: 'repeatable read' },
    );
    expect(attempts).toBe(2);
    expect((await pool.query('select n from counter where id = 1')).rows[0].n).toBe(11);
  });

  it('a serialization failure that repeats is thrown after one retry and answers 503', async () => {
    let attempts = 0;
    const error = await failureOf(
      inPgTransaction(pool, async (c) => {
        attempts++;
        await c.query(
          `do $$ begin raise exception 'conflict' using errcode = 'serialization_failure'; end $$`,
        );
      }),
    );
    expect(attempts).toBe(2);
    expect(error.code).toBe('40001');
    expect(mapError(error)).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('a unique violation (23505) is 409 CONFLICT and is not retried', async () => {
    let attempts = 0;
    const error = await failureOf(
      inPgTransaction(pool, async (c) => {
        attempts++;
        await c.query('insert into counter values (1, 5)');
      }),
    );
    expect(attempts).toBe(1);
    expect(error.code).toBe('23505');
    expect(mapError(error)).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
  });
});
