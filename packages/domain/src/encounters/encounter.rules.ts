import type { ErrorCode } from '../common/errors.ts';
import {
  CORRECTION_WINDOW_DAYS,
  HEADCOUNT_GROUPS,
  MAX_DURATION_MINUTES,
  MAX_HEADCOUNT,
  type Headcounts,
} from './encounter.schemas.ts';
import type { ConsentPurpose } from './participant.schemas.ts';

export const DEFAULT_CONSENT_MONTHS = 12;
export const PROGRAMME_TIME_ZONE = 'Europe/Berlin';

// Building an Intl.DateTimeFormat costs far more than using one: keep one per time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/** Local date and time in Göttingen: encounters are logged in local wall-clock time. */
export function localNow(at: Date = new Date(), timeZone = PROGRAMME_TIME_ZONE) {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** YYYY-MM-DD plus whole days (calendar arithmetic in UTC, no DST surprises). */
export function addDays(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus whole months, clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number) {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string) {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export interface ConsentLike {
  purpose: ConsentPurpose;
  givenOn: string;
  expiresOn: string;
  withdrawnOn: string | null;
}

/** Valid on `today`: given, not yet expired (expiry day excluded) and not withdrawn. */
export function consentValid(c: ConsentLike, today: string) {
  return c.givenOn <= today && today < c.expiresOn && (!c.withdrawnOn || c.withdrawnOn > today);
}

/** Whether any consent for `purpose` is valid today: gates named attendance and follow-ups. */
export function hasValidConsent(
  consents: readonly ConsentLike[],
  purpose: ConsentPurpose,
  today: string,
) {
  return consents.some((c) => c.purpose === purpose && consentValid(c, today));
}

export interface Problem {
  code: ErrorCode;
  field: string;
  detail: string;
  message: string;
}

export interface EncounterInput {
  date: string;
  startTime: string;
  durationMinutes: number;
  headcounts: Headcounts;
}

/** Minutes of slack for a session logged just before its official start. */
export const FUTURE_SLACK_MINUTES = 30;

const minutesOf = (time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/**
 * Everything wrong with an encounter's when/how-long/how-many, in field order. Shared by
 * the form (to explain before sending) and the service (to refuse).
 */
export function encounterProblems(
  e: EncounterInput,
  ctx: { now: { date: string; time: string }; centreOpenedOn: string | null },
): Problem[] {
  const out: Problem[] = [];
  const future =
    e.date > ctx.now.date ||
    (e.date === ctx.now.date &&
      minutesOf(e.startTime) > minutesOf(ctx.now.time) + FUTURE_SLACK_MINUTES);
  if (future) {
    out.push({
      code: 'ENCOUNTER_IN_FUTURE',
      field: 'date',
      detail: 'future',
      message: 'An encounter cannot be logged before it happened',
    });
  } else if (ctx.centreOpenedOn && e.date < ctx.centreOpenedOn) {
    out.push({
      code: 'ENCOUNTER_BEFORE_CENTRE_OPENED',
      field: 'date',
      detail: 'before_centre_opened',
      message: `The centre opened on ${ctx.centreOpenedOn}`,
    });
  }
  if (e.durationMinutes < 1 || e.durationMinutes > MAX_DURATION_MINUTES) {
    out.push({
      code: 'DURATION_OUT_OF_RANGE',
      field: 'durationMinutes',
      detail: 'duration_range',
      message: `Duration must be between 1 minute and ${MAX_DURATION_MINUTES / 60} hours`,
    });
  }
  for (const g of HEADCOUNT_GROUPS) {
    const n = e.headcounts[g];
    if (n < 0 || n > MAX_HEADCOUNT) {
      out.push({
        code: 'HEADCOUNT_OUT_OF_RANGE',
        field: `headcounts.${g}`,
        detail: n < 0 ? 'headcount_negative' : 'headcount_too_high',
        message:
          n < 0
            ? 'A headcount cannot be negative'
            : `At most ${MAX_HEADCOUNT} per group; split a larger event into several entries`,
      });
    }
  }
  return out;
}

/** Whether an encounter created at `createdAt` (ISO) may still be corrected at `now`. */
export function withinCorrectionWindow(createdAt: string, now: Date = new Date()) {
  return now.getTime() - new Date(createdAt).getTime() <= CORRECTION_WINDOW_DAYS * 86_400_000;
}

/** Characters for participant codes: no 0/O, 1/I/L so codes can be read aloud and copied. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A pseudonymous code such as GRO-7KQ3 from the centre code and a random source in [0,1). */
export function participantCode(centreCode: string, random: () => number, length = 4) {
  let s = '';
  for (let i = 0; i < length; i++) s += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return `${centreCode}-${s}`;
}

/** Total newcomers of an encounter: named attendees plus the anonymous count. */
export const totalNewcomers = (named: number, h: Headcounts) => named + h.newcomers;

/** Nobody named, no walk-in and every headcount 0: such an entry would count hours for nobody. */
export const encounterIsEmpty = (e: {
  attendeeIds: readonly number[];
  walkIns?: readonly unknown[];
  headcounts: Headcounts;
}) =>
  e.attendeeIds.length === 0 &&
  (e.walkIns?.length ?? 0) === 0 &&
  HEADCOUNT_GROUPS.every((g) => e.headcounts[g] === 0);

interface Slot {
  groupId?: number | null;
  activityId: number;
  date: string;
  startTime: string;
}

/**
 * Whether two sessions at one centre are the same slot: same date and start time, and the same
 * recurring group when both belong to one, else the same activity.
 */
export function sameSessionSlot(a: Slot, b: Slot) {
  if (a.date !== b.date || a.startTime !== b.startTime) return false;
  const ga = a.groupId ?? null;
  const gb = b.groupId ?? null;
  if (ga !== null && gb !== null) return ga === gb;
  return a.activityId === b.activityId;
}
