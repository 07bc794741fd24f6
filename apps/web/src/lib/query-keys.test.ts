import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { invalidateAfter } from './query-keys.ts';

describe('invalidateAfter', () => {
  it('marks the follow-up lists and the published figures stale after an outreach write', async () => {
    const qc = new QueryClient();
    for (const key of [
      ['follow-ups', 'list', {}],
      ['participants', 'detail', 1],
      ['reporting', 'out-of-view', null],
      ['scenarios', 'list'],
      ['hiring', 'vacancies'],
    ])
      qc.setQueryData(key, 'cached');
    await invalidateAfter(qc, 'participantData');
    const stale = (key: unknown[]) => qc.getQueryState(key)!.isInvalidated;
    expect(stale(['follow-ups', 'list', {}])).toBe(true);
    expect(stale(['participants', 'detail', 1])).toBe(true);
    expect(stale(['reporting', 'out-of-view', null])).toBe(true);
    // Areas the write cannot change stay fresh.
    expect(stale(['scenarios', 'list'])).toBe(false);
    expect(stale(['hiring', 'vacancies'])).toBe(false);
  });
});
