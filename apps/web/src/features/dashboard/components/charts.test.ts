import { describe, expect, it } from 'vitest';
import { isPartialMonth } from './dashboard-page.tsx';

describe('isPartialMonth', () => {
  it('marks the running month', () => {
    expect(isPartialMonth('2026-12', '2026-12-31', '2026-12-04')).toBe(true);
    expect(isPartialMonth('2026-11', '2026-12-31', '2026-12-04')).toBe(false);
  });

  it('marks the last month of a period that ends before the month does', () => {
    expect(isPartialMonth('2026-06', '2026-06-15', '2026-12-04')).toBe(true);
    expect(isPartialMonth('2026-06', '2026-06-30', '2026-12-04')).toBe(false);
  });
});
