import { useState } from 'react';

/**
 * One state object for a form's fields instead of a useState per field: `set('name')` gives the
 * change handler's setter, `reset()` goes back to the initial values.
 */
export function useDraft<T extends object>(initial: T | (() => T)) {
  const [draft, setDraft] = useState<T>(initial);
  return {
    draft,
    set:
      <K extends keyof T>(key: K) =>
      (value: T[K]) =>
        setDraft((d) => ({ ...d, [key]: value })),
    reset: () => setDraft(initial),
  };
}

/** Today as an ISO date for date inputs' defaults. */
export const isoToday = () => new Date().toISOString().slice(0, 10);
