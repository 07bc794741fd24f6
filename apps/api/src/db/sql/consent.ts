import { sql } from 'drizzle-orm';
import { consents } from '../schema/index.ts';

/**
 * SQL boolean: the participant has valid follow-up consent on `today`. The id is passed
 * table-qualified as raw SQL: drizzle prints select-list columns unqualified, which inside
 * the subquery would silently bind to the consents table.
 */
export const validFollowUpConsentSql = (participantIdRef: 'participants.id', today: string) =>
  sql<number>`exists(select 1 from ${consents} c where c.participant_id = ${sql.raw(participantIdRef)}
    and c.purpose = 'follow_up_contact' and c.given_on <= ${today} and c.expires_on > ${today}
    and (c.withdrawn_on is null or c.withdrawn_on > ${today}))`;
