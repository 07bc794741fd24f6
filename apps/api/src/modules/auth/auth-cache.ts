import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Role } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { onPg } from '../../db/engine.ts';
import { rawRun } from '../../db/raw.ts';
import { afterCommit, rootDb } from '../../lib/tx.ts';

/**
 * The session-and-role cache of one API instance (docs/ARCHITECTURE.md, "Authentication";
 * decision 0003). resolveSession would otherwise run up to four queries before any work on
 * every authenticated request: the session joined with its user, the settings (idle timeout),
 * the roles and the centres. An entry holds their answer for one session token hash; the idle
 * timeout and the absolute expiry are still computed from it and the clock on every request.
 *
 * Every write that changes what an entry holds calls {@link authChanged} in its transaction:
 * the entries concerned go from this instance at once and again right after commit, and on
 * PostgreSQL a `pg_notify` in the same transaction tells every instance (delivered on commit
 * only) through its LISTEN connection ({@link listenForAuthChanges}). While that connection
 * is not established (at start, after a loss) the cache is empty and bypassed. Entries are
 * also never older than {@link CACHE_MAX_AGE_MS}: the bound for a notification that never
 * arrives although the connection looks alive, and for writes made outside the API process.
 */

/** The LISTEN/NOTIFY channel on PostgreSQL. */
export const AUTH_CHANNEL = 'begegnung_auth';
/** No entry is used longer than this after it was read from the database. */
export const CACHE_MAX_AGE_MS = 5_000;
const MAX_ENTRIES = 10_000;
/** Wait before connecting the LISTEN client again after a loss. */
const RECONNECT_MS = 1_000;

/** What changed: one user's account, roles or centres; one session; the settings; anything. */
export type AuthChange =
  { userId: number } | { tokenHash: string } | { settings: true } | { all: true };

export interface CachedSession {
  tokenHash: string;
  userId: number;
  email: string;
  displayName: string;
  locale: 'de' | 'en';
  roles: Role[];
  centreIds: number[];
  csrfSecret: string;
  /** ISO time the session ends regardless of use (compared as text, as in SQL). */
  expiresAt: string;
  /** Last recorded activity (ms), for the idle timeout; moved on by each touch. */
  lastSeen: number;
  /** When the entry was read from the database (ms). */
  loadedAt: number;
}

const encode = (c: AuthChange) =>
  'userId' in c
    ? `user:${c.userId}`
    : 'tokenHash' in c
      ? `session:${c.tokenHash}`
      : 'settings' in c
        ? 'settings'
        : 'all';

function decode(payload: string | undefined): AuthChange {
  const [kind, value = ''] = (payload ?? '').split(':', 2);
  if (kind === 'user' && /^\d+$/.test(value)) return { userId: Number(value) };
  if (kind === 'session' && value) return { tokenHash: value };
  if (kind === 'settings') return { settings: true };
  return { all: true }; // 'all', and anything unreadable: drop everything
}

export class AuthCache {
  private readonly sessions = new Map<string, CachedSession>();
  private idle: { minutes: number; loadedAt: number } | undefined;
  /** Bumped by every invalidation: a read begun before one is not stored. */
  private generation = 0;
  /** False on PostgreSQL until the LISTEN connection is up, and again while it is down. */
  private on: boolean;
  /** Counters for tests and diagnostics. */
  readonly stats = { hits: 0, sessionLookups: 0, settingsLookups: 0, invalidations: 0 };

  constructor(
    enabled: boolean,
    readonly maxAgeMs = CACHE_MAX_AGE_MS,
  ) {
    this.on = enabled;
  }

  get enabled() {
    return this.on;
  }

  /** Turns the cache on or off; either way it starts empty. */
  setEnabled(on: boolean) {
    this.flush();
    this.on = on;
  }

  /** A token to pass to {@link store}: whether an invalidation happened since. */
  mark() {
    return this.generation;
  }

  private fresh(loadedAt: number) {
    const age = Date.now() - loadedAt;
    return age >= 0 && age < this.maxAgeMs;
  }

  get(tokenHash: string): CachedSession | undefined {
    if (!this.on) return undefined;
    const e = this.sessions.get(tokenHash);
    if (!e) return undefined;
    if (this.fresh(e.loadedAt)) return e;
    this.sessions.delete(tokenHash);
    return undefined;
  }

  /** Keeps what was read since `mark`, unless anything was invalidated in between. */
  store(entry: CachedSession, mark: number) {
    if (!this.on || mark !== this.generation) return;
    this.sessions.delete(entry.tokenHash);
    if (this.sessions.size >= MAX_ENTRIES) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    this.sessions.set(entry.tokenHash, entry);
  }

  drop(tokenHash: string) {
    this.sessions.delete(tokenHash);
  }

  idleMinutes(): number | undefined {
    if (!this.on || !this.idle) return undefined;
    if (this.fresh(this.idle.loadedAt)) return this.idle.minutes;
    this.idle = undefined;
    return undefined;
  }

  storeIdleMinutes(minutes: number, mark: number) {
    if (this.on && mark === this.generation) this.idle = { minutes, loadedAt: Date.now() };
  }

  invalidate(change: AuthChange) {
    this.generation++;
    this.stats.invalidations++;
    if ('userId' in change) {
      for (const [k, e] of this.sessions) if (e.userId === change.userId) this.sessions.delete(k);
    } else if ('tokenHash' in change) this.sessions.delete(change.tokenHash);
    else if ('settings' in change) this.idle = undefined;
    else this.flush();
  }

  flush() {
    this.generation++;
    this.sessions.clear();
    this.idle = undefined;
  }
}

/** Each app's cache by the database it serves (tests run several apps in one process). */
const caches = new Map<Db, AuthCache>();

export function registerAuthCache(db: Db, cache: AuthCache) {
  caches.set(db, cache);
  return () => {
    if (caches.get(db) === cache) caches.delete(db);
  };
}

/**
 * The one place every change to sessions, role or centre assignments, a user's account
 * (active, name, email) or the settings is announced; call it with the transaction that makes
 * the change. Drops the affected entries of this instance now and again after commit (a read
 * racing the transaction cannot leave an old entry behind), and on PostgreSQL notifies every
 * instance in the same transaction, so they hear of it exactly when it commits.
 */
export async function authChanged(db: Db, change: AuthChange) {
  const own = caches.get(rootDb(db));
  // A transaction whose database is unknown here: drop the entries of every app in the process.
  const targets = own ? [own] : [...caches.values()];
  for (const c of targets) c.invalidate(change);
  afterCommit(db, () => {
    for (const c of targets) c.invalidate(change);
  });
  if (onPg) await rawRun(db)(sql`select pg_notify(${AUTH_CHANNEL}, ${encode(change)})`);
}

export interface Log {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
}

/**
 * PostgreSQL: a dedicated connection (not from the pool, whose connections come and go) that
 * LISTENs on {@link AUTH_CHANNEL} and applies every notification to `cache`. The cache is on
 * only while that connection is established: it starts empty when LISTEN succeeds, and is
 * flushed and bypassed the moment the connection reports an error or ends, until a new one
 * (tried every second) is listening again, since notifications sent meanwhile are lost.
 */
export function listenForAuthChanges(cache: AuthCache, url: string, log: Log) {
  let closed = false;
  let current: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;

  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, RECONNECT_MS);
    timer.unref();
  };

  const connect = async () => {
    const client = new pg.Client({ connectionString: url, keepAlive: true });
    let lost = false;
    const onLoss = (err?: unknown) => {
      if (lost) return;
      lost = true;
      if (current === client) current = undefined;
      cache.setEnabled(false);
      if (!closed) {
        log.warn({ err }, 'auth cache: LISTEN connection lost; cache bypassed until it is back');
        client.end().catch(() => undefined);
        retry();
      }
    };
    client.on('error', onLoss);
    client.on('end', () => onLoss());
    client.on('notification', (msg) => {
      if (msg.channel === AUTH_CHANNEL) cache.invalidate(decode(msg.payload));
    });
    try {
      await client.connect();
      await client.query(`listen ${AUTH_CHANNEL}`);
    } catch (err) {
      onLoss(err);
      return;
    }
    if (closed || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    current = client;
    cache.setEnabled(true);
  };

  return {
    /** Resolves once the first attempt to listen has succeeded or failed (then retried). */
    start: () => connect(),
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      cache.setEnabled(false);
      const c = current;
      current = undefined;
      if (c) await c.end().catch(() => undefined);
    },
  };
}
