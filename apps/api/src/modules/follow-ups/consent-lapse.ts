import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FollowUpClosedReason } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { consents, followUps, participants } from '../../db/tables.ts';
import { auditAs as insertAudit } from '../audit/audit.service.ts';

/** Who closed the tasks: the officer/staff member who recorded a withdrawal, or the system. */
export interface LapseActor {
  actorId: number | null;
  actorEmail: string;
  ip?: string | null;
}
export const CONSENT_SYSTEM: LapseActor = { actorId: null, actorEmail: 'system:consent' };

/**
 * Closes every open outreach task whose participant has no valid follow_up_contact consent on
 * `today` (withdrawn or expired), with the reason, so no lapsed task looks actionable. Scope:
 * some participants, some centres, or all. One audit row per task. Call inside a transaction
 * when combined with other writes; idempotent.
 */
export async function closeLapsedFollowUps(
  db: Db,
  today: string,
  scope: { participantIds?: number[]; centreIds?: readonly number[] | null },
  by: LapseActor = CONSENT_SYSTEM,
) {
  const conds = [eq(followUps.status, 'open')];
  if (scope.participantIds) {
    if (scope.participantIds.length === 0) return 0;
    conds.push(inArray(followUps.participantId, scope.participantIds));
  }
  if (scope.centreIds) {
    if (scope.centreIds.length === 0) return 0;
    conds.push(inArray(participants.centreId, [...scope.centreIds]));
  }
  const lapsed = await db
    .select({
      id: followUps.id,
      participantId: followUps.participantId,
      withdrawn: sql<number>`exists(select 1 from ${consents} c where c.participant_id = ${followUps.participantId}
        and c.purpose = 'follow_up_contact' and c.withdrawn_on is not null and c.withdrawn_on <= ${today})`,
    })
    .from(followUps)
    .innerJoin(participants, eq(participants.id, followUps.participantId))
    .where(
      and(
        ...conds,
        sql`not exists(select 1 from ${consents} c where c.participant_id = ${followUps.participantId}
          and c.purpose = 'follow_up_contact' and c.given_on <= ${today} and c.expires_on > ${today}
          and (c.withdrawn_on is null or c.withdrawn_on > ${today}))`,
      ),
    );
  for (const f of lapsed) {
    const reason: FollowUpClosedReason = f.withdrawn ? 'consent_withdrawn' : 'consent_expired';
    await db
      .update(followUps)
      .set({
        status: 'closed',
        closedOn: today,
        closedReason: reason,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(followUps.id, f.id));
    await insertAudit(db, {
      ...by,
      action: 'update',
      entityType: 'follow_up',
      entityId: f.id,
      changedFields: ['closedOn', 'closedReason', 'status'],
      reason,
      subjects: [f.participantId],
    });
  }
  return lapsed.length;
}
