import { purgeDue, type PurgeResult } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import type { ServiceContext } from '../../types.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { requireRole } from '../audit/audit.service.ts';
import { readSettings } from '../settings/settings.repository.ts';
import { today } from './access.ts';
import * as repo from './hiring.repository.ts';
import { withTransaction } from '../../lib/tx.ts';

/**
 * Anonymises applicants whose retention period after the received rejection has passed
 * (default 6 months, setting `applicantRetentionMonths`), unless a legal hold is set or a
 * talent-pool consent runs longer. Each purge is audited; the row stays as a tombstone.
 */
export function purgeApplicants(
  db: Db,
  opts: {
    today: string;
    dryRun: boolean;
    actor: { userId: number; email: string } | null;
    ip?: string;
  },
): PurgeResult {
  const months = readSettings(db).applicantRetentionMonths;
  const due = repo.purgeCandidates(db).filter((a) => purgeDue(a, opts.today, months));
  if (!opts.dryRun) {
    withTransaction(db, (t) => {
      const at = new Date().toISOString();
      for (const a of due) {
        repo.anonymiseApplication(t, a.id, at);
        insertAudit(t, {
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

export function runPurge(ctx: ServiceContext, dryRun: boolean) {
  requireRole(ctx, 'application', 'admin');
  return purgeApplicants(ctx.db, { today: today(), dryRun, actor: ctx.actor, ip: ctx.ip });
}
