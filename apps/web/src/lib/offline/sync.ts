import type { Encounter } from '@begegnung/domain';
import { ApiError } from '../api-client.ts';
import { entriesOf, put, remove, setLastSync, type QueueEntry } from './queue.ts';

export type Sender = (entry: QueueEntry) => Promise<Encounter>;

export interface FlushResult {
  sent: number;
  refused: number;
  /** Why sending stopped early: no network / server trouble (retry later) or no session. */
  stopped: 'network' | 'unauthenticated' | null;
}

/** Network trouble, overload or a server fault: try again later, the entry is not wrong. */
const transient = (e: unknown) =>
  !(e instanceof ApiError) || e.status === 0 || e.status === 429 || e.status >= 500;
/** The session is gone or its CSRF token stale: keep everything until the user signs in. */
const needsSignIn = (e: unknown) =>
  e instanceof ApiError && (e.status === 401 || e.code === 'CSRF_INVALID');

/**
 * Sends the user's pending entries in the order they were logged. A repeat of an entry that
 * reached the server earlier (answer lost) is answered 200 by the server and removed here too.
 * A refusal (consent withdrawn, person moved, possible duplicate …) stays in the queue with its
 * reason until someone decides; nothing disappears unseen.
 */
export async function flushQueue(userId: number, send: Sender): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, refused: 0, stopped: null };
  for (const entry of await entriesOf(userId)) {
    if (entry.state !== 'pending') continue;
    try {
      await send(entry);
      await remove(entry.clientRequestId);
      result.sent += 1;
    } catch (e) {
      if (needsSignIn(e)) {
        result.stopped = 'unauthenticated';
        break;
      }
      if (transient(e)) {
        await put({ ...entry, attempts: entry.attempts + 1 });
        result.stopped = 'network';
        break;
      }
      const err = e as ApiError;
      await put({
        ...entry,
        state: 'refused',
        attempts: entry.attempts + 1,
        refusal: {
          status: err.status,
          code: err.code,
          message: err.message,
          details: err.details.map((d) => ({ message: d.message })),
        },
      });
      result.refused += 1;
    }
  }
  if (result.sent > 0) await setLastSync(userId, new Date().toISOString());
  return result;
}

/** Exponential backoff with a cap: 2 s, 4 s, 8 s … at most 5 minutes. */
export const backoffMs = (failures: number) => Math.min(2000 * 2 ** Math.max(0, failures), 300_000);

/** Participant ids the server named in a refusal (CONSENT_REQUIRED, ATTENDEE_NOT_AT_CENTRE). */
function refusedIds(entry: QueueEntry): number[] {
  const ids = (entry.refusal?.details ?? []).flatMap((d) =>
    d.message
      .split(',')
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isInteger(n) && n > 0),
  );
  return ids.filter((id) => entry.body.attendeeIds.includes(id));
}

/**
 * "Count anonymously": the people the server would not accept by name (all named attendees if
 * it did not say which) become anonymous newcomers; the entry goes back to pending.
 */
export function countAnonymously(entry: QueueEntry): QueueEntry {
  const named = refusedIds(entry);
  const drop = named.length ? named : entry.body.attendeeIds;
  return {
    ...entry,
    state: 'pending',
    refusal: undefined,
    body: {
      ...entry.body,
      attendeeIds: entry.body.attendeeIds.filter((id) => !drop.includes(id)),
      headcounts: {
        ...entry.body.headcounts,
        newcomers: entry.body.headcounts.newcomers + drop.length,
      },
    },
  };
}

/** "Log it anyway": a second session in the same slot was meant (POSSIBLE_DUPLICATE). */
export const confirmDuplicate = (entry: QueueEntry): QueueEntry => ({
  ...entry,
  state: 'pending',
  refusal: undefined,
  body: { ...entry.body, confirmDuplicate: true },
});
