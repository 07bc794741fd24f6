import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CreateEncounterBody } from '@begegnung/domain';

/**
 * The local queue of encounters logged without a network (IndexedDB via `idb`). Every entry
 * belongs to the user who logged it: it is listed and sent only for that user, so an expired
 * session keeps it until the same person signs in again. Sending is idempotent through the
 * entry's `clientRequestId`.
 */
export interface QueueEntry {
  clientRequestId: string;
  userId: number;
  body: CreateEncounterBody;
  /** What the list shows: group or activity name and time. */
  label: string;
  queuedAt: string;
  state: 'pending' | 'refused';
  attempts: number;
  /** Why the server refused it (stable code + English message + field details). */
  refusal?: { status: number; code: string; message: string; details: { message: string }[] };
}

interface OfflineDb extends DBSchema {
  queue: { key: string; value: QueueEntry; indexes: { byUser: number } };
  meta: { key: string; value: { key: string; value: string } };
}

const DB_NAME = 'begegnung-offline';
let dbPromise: Promise<IDBPDatabase<OfflineDb>> | null = null;

function db() {
  dbPromise ??= openDB<OfflineDb>(DB_NAME, 1, {
    upgrade(d) {
      const q = d.createObjectStore('queue', { keyPath: 'clientRequestId' });
      q.createIndex('byUser', 'userId');
      d.createObjectStore('meta', { keyPath: 'key' });
    },
  });
  return dbPromise;
}

type Listener = () => void;
const listeners = new Set<Listener>();
/** Screens re-read the queue when it changes (same tab). */
export function subscribe(l: Listener) {
  listeners.add(l);
  return () => void listeners.delete(l);
}
const changed = () => listeners.forEach((l) => l());

export async function entriesOf(userId: number): Promise<QueueEntry[]> {
  const all = await (await db()).getAllFromIndex('queue', 'byUser', userId);
  return all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export async function enqueue(userId: number, body: CreateEncounterBody, label: string) {
  const entry: QueueEntry = {
    clientRequestId: body.clientRequestId,
    userId,
    body,
    label,
    queuedAt: new Date().toISOString(),
    state: 'pending',
    attempts: 0,
  };
  await (await db()).put('queue', entry);
  changed();
  return entry;
}

export async function put(entry: QueueEntry) {
  await (await db()).put('queue', entry);
  changed();
}

export async function remove(clientRequestId: string) {
  await (await db()).delete('queue', clientRequestId);
  changed();
}

export async function lastSyncOf(userId: number) {
  return (await (await db()).get('meta', `lastSync:${userId}`))?.value ?? null;
}

export async function setLastSync(userId: number, at: string) {
  await (await db()).put('meta', { key: `lastSync:${userId}`, value: at });
  changed();
}

/** For tests: forget the open connection so a fresh IndexedDB can be used. */
export function resetForTests() {
  dbPromise = null;
}
