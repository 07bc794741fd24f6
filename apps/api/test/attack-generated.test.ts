import { describe, expect, it, vi } from 'vitest';
import { createTestApp, userClient } from './helper.ts';
import { generateSmallCells } from './attack/generate.ts';
import { attackBoth } from './attack/attack-run.ts';

vi.mock('@begegnung/domain', async (importOriginal) => {
  const real = await importOriginal<typeof import('@begegnung/domain')>();
  const { wrapPublishers } = await import('./attack/modes.ts');
  return { ...real, ...wrapPublishers(real) };
});

/**
 * The attacker test on a generated data set with many small cells: every table the API
 * publishes for overlapping requests, attacked by differencing and by linear and integer
 * programming. The cell key method must give away no true count below 5; the old line-by-line
 * suppression, attacked the same way on the same true tables, gives away many.
 */
describe('attacker on many small cells', () => {
  it('recovers no count below 5 from the published figures, but does from the old method', async () => {
    const t = await createTestApp();
    const centres = await generateSmallCells(t.db, { centres: 5 });
    const coordinator = await userClient(t, ['coordinator']);
    const { ckm, old } = await attackBoth('generated', coordinator, [undefined, ...centres]);
    expect(ckm.attacked).toBeGreaterThanOrEqual(1000);
    expect(ckm.recovered).toEqual([]);
    expect(old.recovered.length).toBeGreaterThan(0);
  }, 600_000);
});
