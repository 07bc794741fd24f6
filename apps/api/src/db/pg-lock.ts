import type pg from 'pg';

/**
 * Runs `fn` only while this process holds PostgreSQL's session-level advisory lock `name`
 * (`pg_try_advisory_lock`): with several API instances on one database, a job that must not
 * run twice at once (retention, the applicant purge) runs on one of them, and the others skip
 * it instead of waiting. The lock lives on one pooled connection held for the duration; if the
 * process dies, the database ends the session and the lock is free again.
 */
export async function withAdvisoryLock<T>(
  pool: pg.Pool,
  name: string,
  fn: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  const client = await pool.connect();
  let locked = false;
  try {
    const res = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked',
      [name],
    );
    locked = res.rows[0]!.locked;
    if (!locked) return { ran: false };
    return { ran: true, value: await fn() };
  } finally {
    if (locked)
      await client
        .query('select pg_advisory_unlock(hashtextextended($1, 0))', [name])
        .catch(() => undefined);
    client.release();
  }
}

/**
 * A daily job done once per day across all instances: under the advisory lock, it runs when no
 * run of `job` is recorded for `day`, and the run is recorded after `fn` succeeded (a failed
 * run is tried again by the next timer). Returns whether this call ran it.
 */
export async function runOncePerDay<T>(
  pool: pg.Pool,
  job: string,
  day: string,
  instance: string,
  fn: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  const result = await withAdvisoryLock(pool, `job:${job}`, async () => {
    const done = await pool.query('select 1 from job_runs where job = $1 and day = $2', [job, day]);
    if (done.rowCount) return { ran: false as const };
    const value = await fn();
    await pool.query('insert into job_runs (job, day, instance) values ($1, $2, $3)', [
      job,
      day,
      instance,
    ]);
    return { ran: true as const, value };
  });
  return result.ran ? result.value : result;
}
