/**
 * Exact fixed-point decimals as integers: "0.5" with 3 places is 500 (thousandths).
 * FTE and shares travel as strings in the API and are summed as integers, so
 * 0.1 + 0.2 is exactly 0.3 here (never 0.30000000000000004).
 */
export type DecimalProblem = 'format' | 'too_many_decimals';

const DECIMAL_RE = /^(-?)(\d{1,9})(?:\.(\d+))?$/;

/** Parses a plain decimal string ("1", "0.25", "-0.5") into an integer of 10^-places units. */
export function parseFixed(
  input: string,
  places: number,
): { ok: true; value: number } | { ok: false; problem: DecimalProblem } {
  const m = DECIMAL_RE.exec(input.trim());
  if (!m) return { ok: false, problem: 'format' };
  const [, sign, int, frac = ''] = m;
  if (frac.length > places) return { ok: false, problem: 'too_many_decimals' };
  const value = Number(int) * 10 ** places + Number(frac.padEnd(places, '0') || '0');
  return { ok: true, value: sign === '-' && value !== 0 ? -value : value };
}

/** Formats an integer of 10^-places units as a plain decimal string without trailing zeros. */
export function formatFixed(value: number, places: number): string {
  if (!Number.isInteger(value)) throw new Error(`not an integer: ${value}`);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const scale = 10 ** places;
  const int = Math.floor(abs / scale);
  const frac = String(abs % scale)
    .padStart(places, '0')
    .replace(/0+$/, '');
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

/** Thousandths, the unit for FTE and allocation shares. */
export const MILLI = 1000;
export const toMilli = (s: string) => {
  const r = parseFixed(s, 3);
  if (!r.ok) throw new Error(`not a decimal with at most 3 places: ${s}`);
  return r.value;
};
export const fromMilli = (n: number) => formatFixed(n, 3);

/** Rounds num/den (both non-negative bigint) half up to an integer. */
export function divRoundHalfUp(num: bigint, den: bigint): bigint {
  return (num * BigInt(2) + den) / (den * BigInt(2));
}
