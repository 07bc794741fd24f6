import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CreateEncounterBody, Encounter } from '@begegnung/domain';
import { ApiError } from '../api-client.ts';
import { enqueue, entriesOf, lastSyncOf, put, resetForTests, type QueueEntry } from './queue.ts';
import { backoffMs, confirmDuplicate, countAnonymously, flushQueue } from './sync.ts';

let n = 0;
const body = (over: Partial<CreateEncounterBody> = {}): CreateEncounterBody => ({
  centreId: 1,
  activityId: 2,
  date: '2026-05-04',
  startTime: '15:00',
  durationMinutes: 90,
  headcounts: { newcomers: 1, host: 2, volunteers: 0, other: 0 },
  attendeeIds: [11, 12, 13],
  clientRequestId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  ...over,
});

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  resetForTests();
});

const ok = async () => ({}) as Encounter;

describe('offline queue', () => {
  it('belongs to one user: another user neither sees nor sends it', async () => {
    await enqueue(1, body(), 'Sprachcafé');
    await enqueue(2, body(), 'Sport');
    expect((await entriesOf(1)).map((e) => e.label)).toEqual(['Sprachcafé']);
    const sent: string[] = [];
    await flushQueue(2, async (e) => (sent.push(e.label), ok()));
    expect(sent).toEqual(['Sport']);
    expect(await entriesOf(1)).toHaveLength(1);
  });

  it('sends in logging order with the same clientRequestId and records the sync time', async () => {
    const a = await enqueue(1, body(), 'a');
    const b = await enqueue(1, body(), 'b');
    const ids: string[] = [];
    const r = await flushQueue(1, async (e) => (ids.push(e.body.clientRequestId), ok()));
    expect(r).toEqual({ sent: 2, refused: 0, stopped: null });
    expect(ids).toEqual([a.clientRequestId, b.clientRequestId]);
    expect(await entriesOf(1)).toEqual([]);
    expect(await lastSyncOf(1)).toEqual(expect.any(String));
  });

  it('keeps everything on a network failure and stops; counts the attempt', async () => {
    await enqueue(1, body(), 'a');
    await enqueue(1, body(), 'b');
    let calls = 0;
    const r = await flushQueue(1, async () => {
      calls++;
      throw new ApiError(0, { code: 'NETWORK_ERROR' });
    });
    expect(r.stopped).toBe('network');
    expect(calls).toBe(1);
    const left = await entriesOf(1);
    expect(left.map((e) => [e.state, e.attempts])).toEqual([
      ['pending', 1],
      ['pending', 0],
    ]);
    expect(await lastSyncOf(1)).toBeNull();
  });

  it('keeps everything when the session expired (401) until the user signs in again', async () => {
    await enqueue(1, body(), 'a');
    const r = await flushQueue(1, async () => {
      throw new ApiError(401, { code: 'UNAUTHENTICATED' });
    });
    expect(r.stopped).toBe('unauthenticated');
    expect((await entriesOf(1))[0]!.state).toBe('pending');
    const again = await flushQueue(1, ok);
    expect(again.sent).toBe(1);
  });

  it('keeps a refused entry with its reason and goes on with the next', async () => {
    await enqueue(1, body(), 'refused');
    await enqueue(1, body(), 'fine');
    const r = await flushQueue(1, async (e) => {
      if (e.label === 'refused')
        throw new ApiError(409, {
          code: 'CONSENT_REQUIRED',
          message: 'no consent',
          details: [{ field: 'attendeeIds', code: 'consent_required', message: '12' }],
        });
      return ok();
    });
    expect(r).toEqual({ sent: 1, refused: 1, stopped: null });
    const [left] = await entriesOf(1);
    expect(left!.state).toBe('refused');
    expect(left!.refusal).toMatchObject({ status: 409, code: 'CONSENT_REQUIRED' });
    // A refused entry is not sent again by itself.
    let calls = 0;
    await flushQueue(1, async () => (calls++, ok()));
    expect(calls).toBe(0);
  });

  it('counts the refused person anonymously and sends the entry again', async () => {
    const e = await enqueue(1, body(), 'x');
    const refused: QueueEntry = {
      ...e,
      state: 'refused',
      refusal: { status: 409, code: 'CONSENT_REQUIRED', message: '', details: [{ message: '12' }] },
    };
    const fixed = countAnonymously(refused);
    expect(fixed.state).toBe('pending');
    expect(fixed.body.attendeeIds).toEqual([11, 13]);
    expect(fixed.body.headcounts.newcomers).toBe(2);
    expect(fixed.body.clientRequestId).toBe(e.clientRequestId);
    // Without ids in the reason every named person is counted anonymously.
    const all = countAnonymously({ ...refused, refusal: { ...refused.refusal!, details: [] } });
    expect(all.body.attendeeIds).toEqual([]);
    expect(all.body.headcounts.newcomers).toBe(4);
    await put(fixed);
    let sent: CreateEncounterBody | null = null;
    await flushQueue(1, async (q) => ((sent = q.body), ok()));
    expect(sent!.attendeeIds).toEqual([11, 13]);
  });

  it('confirms a duplicate on purpose', () => {
    const e = confirmDuplicate({
      clientRequestId: 'x',
      userId: 1,
      body: body(),
      label: '',
      queuedAt: '',
      state: 'refused',
      attempts: 1,
    });
    expect(e.body.confirmDuplicate).toBe(true);
    expect(e.state).toBe('pending');
  });

  it('backs off exponentially up to five minutes', () => {
    expect([0, 1, 2, 3].map(backoffMs)).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(20)).toBe(300_000);
  });
});
