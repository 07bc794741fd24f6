import { DomainError, notFound, purgeDue, type PurgeResult } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import type { ServiceContext } from '../../types.ts';
import { auditAs as insertAudit } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import { readSettings } from '../settings/settings.service.ts';
import { today } from '../../lib/clock.ts';
import * as repo from './hiring.repository.ts';
import { withTransactionAsync } from '../../lib/tx.ts';

/**
 * Anonymises applicants whose retention period after the received rejection has passed
 * (default 6 months, setting `applicantRetentionMonths`), unless a legal hold is set or a
 * talent-pool consent runs longer. Each purge is audited; the row stays as a tombstone.
 */
export async function purgeApplicants(
  db: Db,
  opts: {
    today: string;
    dryRun: boolean;
    actor: { userId: number; email: string } | null;
    ip?: string;
  },
): Promise<PurgeResult> {
  const months = (await readSettings(db)).applicantRetentionMonths;
  const due = (await repo.purgeCandidates(db)).filter((a) => purgeDue(a, opts.today, months));
  if (!opts.dryRun) {
    await withTransactionAsync(db, async (t) => {
      const at = new Date().toISOString();
      for (const a of due) {
        await repo.anonymiseApplication(t, a.id, at);
        await insertAudit(t, {
          actorId: opts.actor?.userId ?? null,
          actorEmail: opts.actor?.email ?? 'system:retention',
          action: 'delete',
          entityType: 'application',
          entityId: a.id,
          reason: `purged ${months} months after rejection received ${a.rejectionReceivedOn}`,
          ip: opts.ip ?? null,
        });
      }
    });
  }
  return {
    dryRun: opts.dryRun,
    today: opts.today,
    retentionMonths: months,
    applicationIds: due.map((a) => a.id),
  };
}

/**
 * Art. 17 erasure of one application on the data-protection officer's decision, inside the
 * caller's transaction. Hiring's rules hold here as for the scheduled purge: an application is
 * anonymised once, and a legal hold (e.g. a pending AGG claim, Art. 17(3)(e)) blocks it until
 * HR lifts the hold. The caller checks the role and writes the audit row.
 */
export async function eraseApplication(db: Db, id: number, at: string) {
  const a = await repo.findApplication(db, id);
  if (!a) throw notFound('Application');
  if (a.purgedAt)
    throw new DomainError('ALREADY_ERASED', 'This application was already anonymised', 409);
  if (a.legalHold) {
    throw new DomainError('LEGAL_HOLD', 'A legal hold is set; HR must lift it first', 409);
  }
  await repo.anonymiseApplication(db, id, at);
}

export async function runPurge(ctx: ServiceContext, dryRun: boolean) {
  requireRole(ctx, 'application', 'admin');
  return await purgeApplicants(ctx.db, { today: today(), dryRun, actor: ctx.actor, ip: ctx.ip });
}
