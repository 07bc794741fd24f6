import { describe, expect, it } from 'vitest';
import { flagUnusualReads, retentionCutoff } from './privacy.rules.ts';

describe('retentionCutoff', () => {
  it('goes back whole months, clamped to month ends', () => {
    expect(retentionCutoff('2026-12-01', 24)).toBe('2024-12-01');
    expect(retentionCutoff('2026-03-31', 1)).toBe('2026-02-28');
  });
});

describe('flagUnusualReads', () => {
  const row = (actorId: number, day: string, reads: number) => ({ actorId, day, reads });

  it('flags days above the absolute threshold', () => {
    const out = flagUnusualReads([row(1, '2026-11-01', 201), row(1, '2026-11-02', 200)], 200);
    expect(out.map((r) => r.flagged)).toEqual([true, false]);
  });

  it('flags a spike against the user’s own median, not against other users', () => {
    const rows = [
      row(1, '2026-11-01', 10),
      row(1, '2026-11-02', 12),
      row(1, '2026-11-03', 11),
      row(1, '2026-11-04', 60),
      row(2, '2026-11-01', 150),
      row(2, '2026-11-02', 160),
      row(2, '2026-11-03', 170),
    ];
    const flagged = flagUnusualReads(rows, 200).filter((r) => r.flagged);
    expect(flagged).toEqual([{ ...row(1, '2026-11-04', 60), flagged: true }]);
  });

  it('does not call a small absolute number a spike', () => {
    const rows = [row(1, 'a', 1), row(1, 'b', 1), row(1, 'c', 1), row(1, 'd', 40)];
    expect(flagUnusualReads(rows).some((r) => r.flagged)).toBe(false);
  });
});
