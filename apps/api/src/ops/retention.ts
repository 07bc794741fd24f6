import type { Db } from '../db/client.ts';
import { deleteExpiredSessions } from '../modules/auth/sessions.repository.ts';

export interface RetentionResult {
  expiredSessions: number;
}

/**
 * Applies every retention rule as of `now`; idempotent. Runs daily in the server, after a
 * restore, and from the CLI. Feature modules add their rules here (participant identity
 * after 24 months without contact, applicant purge after the rejection period).
 */
export function applyRetention(db: Db, now: Date): RetentionResult {
  return { expiredSessions: deleteExpiredSessions(db, now.toISOString()) };
}
