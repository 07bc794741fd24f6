import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { onPg } from '../../db/engine.ts';
import { rawGet, rawRun } from '../../db/raw.ts';
import { ROLLUP_DRIFT, ROLLUP_REBUILD } from '../../db/sql/rollups.ts';
import { withTransactionAsync } from '../../lib/tx.ts';

/**
 * The report rollups are written only by triggers (migration 0019 / drizzle-pg 0009);
 * `rollupDrift` compares them with a full recomputation, `rebuildRollups` replaces them.
 */
export interface RollupDrift {
  /** Day rows stored but not computed, or computed but not stored (a changed row counts twice). */
  encounterDays: number;
  personMonths: number;
  /** Encounters whose named-attendee count differs from their attendee rows. */
  namedAttendees: number;
}

export async function rollupDrift(db: Db): Promise<RollupDrift> {
  const r = (await rawGet(db)<RollupDrift>(sql.raw(ROLLUP_DRIFT)))!;
  return {
    encounterDays: Number(r.encounterDays),
    personMonths: Number(r.personMonths),
    namedAttendees: Number(r.namedAttendees),
  };
}

/**
 * Replaces both rollups with a full recomputation in one transaction and returns the
 * differences found before. On PostgreSQL the encounter tables are locked against writers
 * (SHARE) for its duration, so no write slips between the delete and the insert; SQLite has
 * one writer anyway.
 */
export async function rebuildRollups(db: Db): Promise<RollupDrift> {
  return withTransactionAsync(db, async (tx) => {
    if (onPg) await rawRun(tx)(sql`lock table encounters, encounter_attendees in share mode`);
    const before = await rollupDrift(tx);
    for (const statement of ROLLUP_REBUILD) await rawRun(tx)(sql.raw(statement));
    return before;
  });
}
