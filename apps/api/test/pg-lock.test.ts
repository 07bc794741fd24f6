import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgDatabase, runPgMigrations } from '../src/db/pg-client.ts';
import { runOncePerDay, withAdvisoryLock } from '../src/db/pg-lock.ts';
import { createPgTestDatabase } from './pg-helper.ts';

// Two pools stand for two API instances on one database.
let one: pg.Pool;
let two: pg.Pool;
let url: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  url = await createPgTestDatabase();
  const db = openPgDatabase(url);
  await runPgMigrations(db);
  await db.$client.end();
  one = new pg.Pool({ connectionString: url, max: 4 });
  two = new pg.Pool({ connectionString: url, max: 4 });
});
afterAll(async () => {
  await one.end();
  await two.end();
});

describe('one instance at a time (pg_try_advisory_lock)', () => {
  it('runs a job on one of two instances that start it at the same moment, and frees the lock', async () => {
    let running = 0;
    let most = 0;
    const job = async () => {
      most = Math.max(most, ++running);
      // Long enough that every start below has tried the lock before the first one ends.
      await sleep(1_000);
      running--;
      return 'done';
    };
    const results = await Promise.all([
      withAdvisoryLock(one, 'retention', job),
      withAdvisoryLock(two, 'retention', job),
      withAdvisoryLock(one, 'retention', job),
    ]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(most).toBe(1);
    // Released afterwards: the next start runs.
    expect(await withAdvisoryLock(two, 'retention', job)).toEqual({ ran: true, value: 'done' });
    // Another job's lock is independent.
    const other = await Promise.all([
      withAdvisoryLock(one, 'retention', job),
      withAdvisoryLock(two, 'purge', job),
    ]);
    expect(other.every((r) => r.ran)).toBe(true);
  });

  it('frees the lock of an instance that died while holding it', async () => {
    const dying = new pg.Client({ connectionString: url });
    await dying.connect();
    dying.on('error', () => undefined);
    await dying.query("select pg_advisory_lock(hashtextextended('job:x', 0))");
    const pid = (await dying.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    expect((await withAdvisoryLock(one, 'job:x', async () => 1)).ran).toBe(false);
    // SIGKILL of the process ends its session; the server drops the session's locks.
    await one.query('select pg_terminate_backend($1)', [pid]);
    await sleep(100);
    expect(await withAdvisoryLock(one, 'job:x', async () => 1)).toEqual({ ran: true, value: 1 });
    await dying.end().catch(() => undefined);
  });

  it('runs a daily job once per day however many instances start it, and again after a failure', async () => {
    let runs = 0;
    const job = async () => {
      runs++;
      await sleep(50);
      return runs;
    };
    // Ten starts on two instances, spread over half a second: timers never fire in lockstep.
    const starts = Array.from({ length: 10 }, async (_, i) => {
      await sleep(i * 50);
      return runOncePerDay(i % 2 ? two : one, 'retention', '2026-12-04', `instance-${i % 2}`, job);
    });
    const results = await Promise.all(starts);
    expect(runs).toBe(1);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    // The next day runs again.
    expect((await runOncePerDay(two, 'retention', '2026-12-05', 'instance-1', job)).ran).toBe(true);
    expect(runs).toBe(2);

    // A failed run is not recorded, so the next timer tries again.
    await expect(
      runOncePerDay(one, 'purge', '2026-12-04', 'instance-0', async () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect((await runOncePerDay(two, 'purge', '2026-12-04', 'instance-1', job)).ran).toBe(true);
    const recorded = await one.query<{ job: string; day: string; instance: string }>(
      'select job, day, instance from job_runs order by job, day',
    );
    expect(recorded.rows).toEqual([
      { job: 'purge', day: '2026-12-04', instance: 'instance-1' },
      { job: 'retention', day: '2026-12-04', instance: expect.stringMatching(/^instance-[01]$/) },
      { job: 'retention', day: '2026-12-05', instance: 'instance-1' },
    ]);
  });
});
