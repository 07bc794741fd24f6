import type pg from 'pg';
import type {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit';

/** What @fastify/rate-limit hands a store's `child` for a route (only the fields used here). */
interface RouteParams {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string | string[]; url?: string };
}
type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

/** Delete expired counters after this many increments of one process (a cheap sweep). */
const SWEEP_EVERY = 1_000;

/**
 * Counters of one window per key, in one statement so concurrent instances never lose a count:
 * a key's window restarts when it has run out, and with `continueExceeding` every request over
 * the limit restarts it (a client that keeps trying stays locked). Time is the database's
 * clock, so instances whose clocks differ still agree on when a window ends.
 */
const INCR = `
  with now as (select (extract(epoch from clock_timestamp()) * 1000)::bigint as ms)
  insert into rate_limits as r (key, count, window_start_ms, ttl_ms)
  select $1, 1, now.ms, $2 from now
  on conflict (key) do update set
    count = case when r.window_start_ms + r.ttl_ms <= (select ms from now) then 1 else r.count + 1 end,
    window_start_ms = case
      when r.window_start_ms + r.ttl_ms <= (select ms from now) then (select ms from now)
      when $3 and r.count + 1 > $4 then (select ms from now)
      else r.window_start_ms end,
    ttl_ms = $2
  returning count, greatest(window_start_ms + ttl_ms - (select ms from now), 0) as ttl`;

const READ = `
  select count, greatest(window_start_ms + ttl_ms - (extract(epoch from clock_timestamp()) * 1000)::bigint, 0) as ttl
  from rate_limits where key = $1
    and window_start_ms + ttl_ms > (extract(epoch from clock_timestamp()) * 1000)::bigint`;

const SWEEP = `delete from rate_limits
  where window_start_ms + ttl_ms < (extract(epoch from clock_timestamp()) * 1000)::bigint`;

/**
 * A @fastify/rate-limit store on PostgreSQL (table `rate_limits`, unlogged: counters are
 * worth nothing after a crash), so every API instance on one database counts against the same
 * limit, with no extra server. Pass the class as the plugin's `store` option.
 */
export function pgRateLimitStore(pool: pg.Pool): FastifyRateLimitStoreCtor {
  let increments = 0;
  class PgRateLimitStore implements FastifyRateLimitStore {
    private readonly params: RouteParams;
    constructor(
      options: FastifyRateLimitOptions | RouteParams = {},
      private readonly prefix = '',
    ) {
      // The plugin passes its global options here, and a route's merged options to `child`.
      const params = options as RouteParams;
      this.params = params;
      if (params.exponentialBackoff)
        throw new Error('pgRateLimitStore: exponentialBackoff is not supported');
    }

    incr(key: string, cb: Callback, timeWindow: number, max: number) {
      const sweep = ++increments % SWEEP_EVERY === 0;
      pool
        .query<{ count: number; ttl: string }>(INCR, [
          this.prefix + key,
          timeWindow,
          !!this.params.continueExceeding,
          max,
        ])
        .then(async (res) => {
          const row = res.rows[0]!;
          if (sweep) await pool.query(SWEEP);
          cb(null, { current: row.count, ttl: Number(row.ttl) });
        })
        .catch((err: Error) => cb(err));
    }

    read(key: string, cb: Callback) {
      pool
        .query<{ count: number; ttl: string }>(READ, [this.prefix + key])
        .then((res) => {
          const row = res.rows[0];
          cb(null, row ? { current: row.count, ttl: Number(row.ttl) } : { current: 0, ttl: 0 });
        })
        .catch((err: Error) => cb(err));
    }

    child(options: Parameters<FastifyRateLimitStore['child']>[0]) {
      // At run time this is the route's merged rate-limit options with `routeInfo`.
      const routeOptions = options as unknown as RouteParams;
      const method = routeOptions.routeInfo?.method ?? '';
      const url = routeOptions.routeInfo?.url ?? '';
      return new PgRateLimitStore(routeOptions, `${this.prefix}${String(method)}${url}-`);
    }
  }
  return PgRateLimitStore;
}
