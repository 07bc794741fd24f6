import type { Actor } from '@begegnung/domain';
import type { Db } from './db/client.ts';
import type { AppConfig } from './config.ts';
import type { Notifier } from './modules/reminders/reminders.notifier.ts';
import type { AuthCache } from './modules/auth/auth-cache.ts';

export interface SessionInfo {
  tokenHash: string;
  csrfSecret: string;
  displayName: string;
  locale: 'de' | 'en';
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: AppConfig;
    authenticate: (request: FastifyRequest) => Promise<void>;
    /** Reminder mails, sent after commit (modules/reminders). */
    notifier: Notifier;
    /** Sessions and roles seen in the last seconds (modules/auth/auth-cache.ts). */
    authCache: AuthCache;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
    /** The cookie named a session that just ended for inactivity. */
    sessionIdle: boolean;
  }
}

/** What every service function receives: the database, who acts, and from where. */
export interface ServiceContext {
  db: Db;
  actor: Actor;
  ip?: string;
  /** Reminder mails after commit; absent outside HTTP requests (CLI, seeding), then none go out. */
  notify?: Notifier;
}
