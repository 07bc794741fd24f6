import { localNow, retentionCutoff } from '@begegnung/domain';
import type { Db } from '../db/client.ts';
import { withTransactionAsync } from '../lib/tx.ts';
import { deleteExpiredSessions } from '../modules/auth/sessions.repository.ts';
import { insertAudit } from '../modules/audit/audit.repository.ts';
import { purgeApplicants } from '../modules/hiring/purge.service.ts';
import { closeLapsedFollowUps } from '../modules/follow-ups/consent-lapse.ts';
import { readSettings } from '../modules/settings/settings.repository.ts';
import {
  eraseParticipantRows,
  participantsDueForErasure,
} from '../modules/privacy/privacy.repository.ts';

export interface RetentionResult {
  expiredSessions: number;
  erasedParticipants: number;
  /** Applicants anonymised after their retention period (privacy rule 6, docs/privacy-rules.md). */
  purgedApplicants: number;
  /** Open outreach tasks closed because the participant's consent lapsed (privacy rule 2, docs/privacy-rules.md). */
  closedFollowUps: number;
}

/** Who triggered a run: the scheduler (no user) or a data-protection officer. */
export interface Runner {
  actorId: number | null;
  actorEmail: string;
}
export const SCHEDULER: Runner = { actorId: null, actorEmail: 'system:retention' };

/** Participants whose identity is due for erasure as of `now` (dry run). */
export async function dueParticipants(db: Db, now: Date) {
  const { participantRetentionMonths } = await readSettings(db);
  const cutoff = retentionCutoff(localNow(now).date, participantRetentionMonths);
  return {
    cutoff,
    months: participantRetentionMonths,
    due: await participantsDueForErasure(db, cutoff),
  };
}

/**
 * Applies every retention rule as of `now`; idempotent (a second run finds nothing to do).
 * Runs daily in the server, after a restore, from the CLI and on demand. Each erasure is one
 * transaction with its audit row, which names only the pseudonymous code.
 */
export async function applyRetention(
  db: Db,
  now: Date,
  by: Runner = SCHEDULER,
): Promise<RetentionResult> {
  const expiredSessions = await deleteExpiredSessions(db, now.toISOString());
  const { due, months } = await dueParticipants(db, now);
  for (const p of due) {
    await withTransactionAsync(db, async (tx) => {
      await eraseParticipantRows(tx, p.id);
      await insertAudit(tx, {
        ...by,
        action: 'delete',
        entityType: 'participant',
        entityId: p.code,
        reason: `retention: no contact since ${p.lastContactOn} (${months} months)`,
      });
    });
  }
  const purgedApplicants = (
    await purgeApplicants(db, {
      today: localNow(now).date,
      dryRun: false,
      actor: by.actorId === null ? null : { userId: by.actorId, email: by.actorEmail },
    })
  ).applicationIds.length;
  const closedFollowUps = await withTransactionAsync(
    db,
    async (tx) => await closeLapsedFollowUps(tx, localNow(now).date, {}),
  );
  return { expiredSessions, erasedParticipants: due.length, purgedApplicants, closedFollowUps };
}
