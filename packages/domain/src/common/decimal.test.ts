import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFixed, parseFixed, toMilli } from './decimal.ts';

describe('fixed-point decimals', () => {
  it('parses and formats thousandths exactly', () => {
    expect(parseFixed('0.5', 3)).toEqual({ ok: true, value: 500 });
    expect(parseFixed('1', 3)).toEqual({ ok: true, value: 1000 });
    expect(parseFixed('0.125', 3)).toEqual({ ok: true, value: 125 });
    expect(parseFixed('-0.25', 3)).toEqual({ ok: true, value: -250 });
    expect(formatFixed(250, 3)).toBe('0.25');
    expect(formatFixed(3000, 3)).toBe('3');
    expect(formatFixed(-1500, 3)).toBe('-1.5');
  });
  it('0.1 + 0.2 is exactly 0.3', () => {
    expect(toMilli('0.1') + toMilli('0.2')).toBe(toMilli('0.3'));
  });
  it('refuses junk and too many places', () => {
    expect(parseFixed('0,5', 3)).toEqual({ ok: false, problem: 'format' });
    expect(parseFixed('1e3', 3)).toEqual({ ok: false, problem: 'format' });
    expect(parseFixed('', 3)).toEqual({ ok: false, problem: 'format' });
    expect(parseFixed('0.1234', 3)).toEqual({ ok: false, problem: 'too_many_decimals' });
  });
  it('round-trips every value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => {
        expect(parseFixed(formatFixed(n, 3), 3)).toEqual({ ok: true, value: n });
      }),
    );
  });
});
