import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * Report rollups (migration 0019), written only by triggers on `encounters` and
 * `encounter_attendees`; `npm run db:rollups` rebuilds them. One row per centre, day and
 * activity over counted (not voided) encounters.
 */
export const encounterDayRollup = sqliteTable(
  'encounter_day_rollup',
  {
    centreId: integer('centre_id').notNull(),
    date: text('date').notNull(),
    activityId: integer('activity_id').notNull(),
    encounters: integer('encounters').notNull(),
    minutes: integer('minutes').notNull(),
    newcomers: integer('newcomers').notNull(),
    /** Key sum (mod 2^32) of the anonymous headcount units, for the cell key method. */
    anonymousKey: integer('anonymous_key').notNull(),
    mixed: integer('mixed').notNull(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.date, t.activityId] })],
);

/** One row per centre, month and named participant seen there (counted encounters only). */
export const personMonthRollup = sqliteTable(
  'person_month_rollup',
  {
    centreId: integer('centre_id').notNull(),
    month: text('month').notNull(),
    participantId: integer('participant_id').notNull(),
    firstOn: text('first_on').notNull(),
    lastOn: text('last_on').notNull(),
    attendances: integer('attendances').notNull(),
    hostAttendances: integer('host_attendances').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.centreId, t.month, t.participantId] }),
    index('person_month_rollup_participant_idx').on(t.participantId),
    index('person_month_rollup_month_idx').on(
      t.month,
      t.participantId,
      t.centreId,
      t.firstOn,
      t.lastOn,
    ),
  ],
);
