import { addDays, localNow } from '@begegnung/domain';
import type { Db } from '../../src/db/client.ts';
import { encounterAttendees, followUps, participants } from '../../src/db/tables.ts';
import { makeCentre, makeUser } from '../helper.ts';
import { makeEncounter, makeParticipant } from '../encounter-fixtures.ts';
import { eq } from 'drizzle-orm';

/** Deterministic PRNG for the generated data (the record keys stay random). */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTCOMES = ['reached', 're_engaged', 'moved_away', 'declined', 'unreachable'] as const;

/**
 * Many small cells: several small centres, a dozen people each, a few encounters a month with
 * one to three named people, small anonymous headcounts and a handful of closed outreach tasks.
 */
export async function generateSmallCells(db: Db, opts: { centres: number; seed?: number }) {
  const rand = mulberry32(opts.seed ?? 42);
  const today = localNow().date;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const centreIds: number[] = [];
  for (let c = 0; c < opts.centres; c++) {
    const centre = await makeCentre(db);
    centreIds.push(centre.id);
    const staff = await makeUser(db, ['centre_staff'], [centre.id]);
    const people = [];
    for (let n = int(8, 14); n > 0; n--) {
      const p = await makeParticipant(db, centre.id, { consentBy: staff.id });
      await db
        .update(participants)
        .set({ movedInAt: addDays(today, -int(10, 500)) })
        .where(eq(participants.id, p.id));
      people.push(p);
    }
    for (let day = -420; day <= 0; day += int(4, 12)) {
      const e = await makeEncounter(db, centre.id, staff.id, {
        date: addDays(today, day),
        newcomers: int(0, 3),
        host: rand() < 0.4 ? int(1, 2) : 0,
      });
      const seen = new Set<number>();
      for (let k = int(0, 3); k > 0; k--) seen.add(people[int(0, people.length - 1)]!.id);
      for (const participantId of seen) {
        await db.insert(encounterAttendees).values({ encounterId: e.id, participantId });
      }
    }
    for (let k = int(6, 12); k > 0; k--) {
      const closedOn = addDays(today, -int(1, 400));
      await db.insert(followUps).values({
        participantId: people[int(0, people.length - 1)]!.id,
        assigneeId: staff.id,
        dueOn: closedOn,
        reason: 'Nicht gesehen',
        status: 'closed',
        outcome: OUTCOMES[int(0, OUTCOMES.length - 1)]!,
        closedOn,
        createdById: staff.id,
      });
    }
  }
  return centreIds;
}
