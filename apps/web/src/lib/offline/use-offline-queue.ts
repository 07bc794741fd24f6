import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Encounter } from '@begegnung/domain';
import { api } from '../api-client.ts';
import { invalidateAfter, queryRoots } from '../query-keys.ts';
import { entriesOf, lastSyncOf, subscribe, type QueueEntry } from './queue.ts';
import { backoffMs, flushQueue } from './sync.ts';

const send = (e: QueueEntry) => api.post<Encounter>('/encounters', e.body);

const onlineNow = () => (typeof navigator === 'undefined' ? true : navigator.onLine);
function subscribeOnline(l: () => void) {
  window.addEventListener('online', l);
  window.addEventListener('offline', l);
  return () => {
    window.removeEventListener('online', l);
    window.removeEventListener('offline', l);
  };
}
export const useOnline = () => useSyncExternalStore(subscribeOnline, onlineNow, () => true);

/** The signed-in user's queue as the screens show it; re-read on every change. */
export function useQueueEntries(userId: number) {
  const [state, setState] = useState<{ entries: QueueEntry[]; lastSync: string | null }>({
    entries: [],
    lastSync: null,
  });
  useEffect(() => {
    let alive = true;
    const load = () =>
      void Promise.all([entriesOf(userId), lastSyncOf(userId)]).then(([entries, lastSync]) => {
        if (alive) setState({ entries, lastSync });
      });
    load();
    const off = subscribe(load);
    return () => {
      alive = false;
      off();
    };
  }, [userId]);
  return state;
}

let running: Promise<unknown> | null = null;

/**
 * Sends the queue now, when the network returns, and with backoff after failures (2 s … 5 min).
 * Mounted once in the signed-in shell; a fresh sign-in of the same user sends what an expired
 * session left behind.
 */
export function useQueueSync(userId: number) {
  const qc = useQueryClient();
  const online = useOnline();
  const [failures, setFailures] = useState(0);

  const flush = useCallback(async () => {
    if (running) return running;
    running = flushQueue(userId, send)
      .then((r) => {
        if (r.sent) void invalidateAfter(qc, 'participantData');
        if (r.stopped === 'unauthenticated')
          void qc.invalidateQueries({ queryKey: queryRoots.session });
        setFailures((f) => (r.stopped === 'network' ? f + 1 : 0));
        return r;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }, [qc, userId]);

  useEffect(() => {
    if (online) void flush();
  }, [online, flush]);

  useEffect(() => {
    if (!online || failures === 0) return;
    const timer = window.setTimeout(() => void flush(), backoffMs(failures - 1));
    return () => window.clearTimeout(timer);
  }, [online, failures, flush]);

  return flush;
}
