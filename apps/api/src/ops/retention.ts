import type { Db } from '../db/client.ts';
import { localNow } from '@begegnung/domain';
import { deleteExpiredSessions } from '../modules/auth/sessions.repository.ts';
import { purgeApplicants } from '../modules/hiring/purge.service.ts';

export interface RetentionResult {
  expiredSessions: number;
  /** Applicants anonymised after their retention period (BRIEF §6.6). */
  purgedApplicants: number;
}

/**
 * Applies every retention rule as of `now`; idempotent. Runs daily in the server, after a
 * restore, and from the CLI. Feature modules add their rules here (participant identity
 * after 24 months without contact, applicant purge after the rejection period).
 */
export function applyRetention(db: Db, now: Date): RetentionResult {
  return {
    expiredSessions: deleteExpiredSessions(db, now.toISOString()),
    purgedApplicants: purgeApplicants(db, { today: localNow(now).date, dryRun: false, actor: null })
      .applicationIds.length,
  };
}
