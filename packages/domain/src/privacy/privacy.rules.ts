import { addMonths } from '../encounters/encounter.rules.ts';
import { READ_VOLUME_THRESHOLD } from './privacy.schemas.ts';

/** Participants whose last contact lies before this date lose their identity today. */
export const retentionCutoff = (today: string, months: number) => addMonths(today, -months);

export interface DailyReads {
  actorId: number | null;
  day: string;
  reads: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * A day is unusual for a user when it exceeds the absolute threshold, or when it is at least
 * 50 reads and more than three times that user's median day in the window (a sudden spike).
 */
export function flagUnusualReads<T extends DailyReads>(
  rows: readonly T[],
  threshold = READ_VOLUME_THRESHOLD,
): (T & { flagged: boolean })[] {
  const byActor = new Map<number | null, number[]>();
  for (const r of rows) byActor.set(r.actorId, [...(byActor.get(r.actorId) ?? []), r.reads]);
  return rows.map((r) => {
    const days = byActor.get(r.actorId)!;
    const spike = days.length >= 3 && r.reads >= 50 && r.reads > 3 * median(days);
    return { ...r, flagged: r.reads > threshold || spike };
  });
}
