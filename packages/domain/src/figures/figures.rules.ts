/**
 * One set of numbers: rounding that adds up, FTE with the precision they have, the pay-group
 * catalogue, the need split and the honest definitions (mixed encounter, re-engagement) that
 * every screen, export and report uses.
 */

// ---------------------------------------------------------------------------------------------
// Largest remainder (Hamilton) rounding
// ---------------------------------------------------------------------------------------------

/**
 * Rounds each `numerators[i] / den` to an integer so that the parts add up to the rounded
 * (half up) exact sum: every part is floored, then the units still missing go to the largest
 * remainders (ties to the earlier entry). Exact in bigint; inputs are non-negative integers.
 */
export function apportion(numerators: readonly number[], den: number): number[] {
  if (!Number.isInteger(den) || den <= 0) throw new Error('den must be a positive integer');
  if (numerators.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new Error('numerators must be non-negative integers');
  }
  const d = BigInt(den);
  const sum = numerators.reduce((s, n) => s + BigInt(n), BigInt(0));
  const target = (sum * BigInt(2) + d) / (d * BigInt(2));
  const parts = numerators.map((n, index) => ({ index, q: BigInt(n) / d, r: BigInt(n) % d }));
  let left = Number(target - parts.reduce((s, p) => s + p.q, BigInt(0)));
  const order = [...parts].sort((a, b) => (a.r !== b.r ? (b.r > a.r ? 1 : -1) : a.index - b.index));
  for (const p of order) {
    if (left <= 0) break;
    p.q += BigInt(1);
    left -= 1;
  }
  return parts.map((p) => Number(p.q));
}

/**
 * Largest-remainder rounding of decimal numbers to `places` decimals: the rounded parts add up
 * to the rounded total, so a table column never disagrees with its total line.
 */
export function largestRemainder(values: readonly number[], places = 0): number[] {
  const scale = 10 ** places;
  // Work in 1e-6 of the last place: enough to absorb binary noise (0.1 + 0.2) without rounding.
  const fine = 1_000_000;
  const ints = values.map((v) => {
    if (!Number.isFinite(v) || v < 0) throw new Error('values must be finite and non-negative');
    return Math.round(v * scale * fine);
  });
  return apportion(ints, fine).map((n) => n / scale);
}

// ---------------------------------------------------------------------------------------------
// FTE text
// ---------------------------------------------------------------------------------------------

export type NumberLang = 'de' | 'en';

/**
 * FTE as people read them: at least two and at most three decimals (0,75 · 0,50 · 0,125 · 3,00),
 * never rounded to one decimal. Input is the API's decimal string ("0.75") or thousandths.
 */
export function fteText(value: string | number, lang: NumberLang = 'de'): string {
  const milli = typeof value === 'number' ? value : Math.round(Number(value) * 1000);
  if (!Number.isFinite(milli)) return '–';
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(Math.round(milli));
  const int = Math.floor(abs / 1000);
  let frac = String(abs % 1000).padStart(3, '0');
  if (frac.endsWith('0')) frac = frac.slice(0, 2);
  const intText =
    lang === 'de'
      ? String(int).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
      : String(int).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${intText}${lang === 'de' ? ',' : '.'}${frac}`;
}

// ---------------------------------------------------------------------------------------------
// Pay-group catalogue (TVöD Sozial- und Erziehungsdienst)
// ---------------------------------------------------------------------------------------------

/**
 * The groups of the TVöD SuE table (Anlage C zum TVöD-V) as restructured on 1 July 2015
 * (S 8a/S 8b and S 11a/S 11b split, S 5, S 6 and S 10 dropped). Posts and cost assumptions
 * choose from this list, so a cost always finds its assumption.
 */
export const PAY_GROUPS = [
  { code: 'S 2', validFrom: '2015-07-01' },
  { code: 'S 3', validFrom: '2015-07-01' },
  { code: 'S 4', validFrom: '2015-07-01' },
  { code: 'S 7', validFrom: '2015-07-01' },
  { code: 'S 8a', validFrom: '2015-07-01' },
  { code: 'S 8b', validFrom: '2015-07-01' },
  { code: 'S 9', validFrom: '2015-07-01' },
  { code: 'S 11a', validFrom: '2015-07-01' },
  { code: 'S 11b', validFrom: '2015-07-01' },
  { code: 'S 12', validFrom: '2015-07-01' },
  { code: 'S 13', validFrom: '2015-07-01' },
  { code: 'S 14', validFrom: '2015-07-01' },
  { code: 'S 15', validFrom: '2015-07-01' },
  { code: 'S 16', validFrom: '2015-07-01' },
  { code: 'S 17', validFrom: '2015-07-01' },
  { code: 'S 18', validFrom: '2015-07-01' },
] as const;
export type PayGroupCode = (typeof PAY_GROUPS)[number]['code'];
export const PAY_GROUP_CODES: readonly string[] = PAY_GROUPS.map((g) => g.code);

/**
 * "S11b", "s 11 B", "SuE S 11b", " S  12 " → "S 11b" / "S 12"; null when the text is not a
 * group of the catalogue. The same rule normalised the free-text values in migration 0014.
 */
export function normalisePayGroup(input: string): PayGroupCode | null {
  const m = /^\s*(?:sue\s*)?s\s*(\d{1,2})\s*([ab])?\s*$/i.exec(input);
  if (!m) return null;
  const code = `S ${Number(m[1])}${(m[2] ?? '').toLowerCase()}`;
  return (PAY_GROUP_CODES.includes(code) ? code : null) as PayGroupCode | null;
}

// ---------------------------------------------------------------------------------------------
// Need split
// ---------------------------------------------------------------------------------------------

export interface CentreNeedInput<K> {
  key: K;
  /** Newcomers in the catchment as entered by the coordinator; null = no data. */
  need: number | null;
  active: boolean;
}

export interface NeedSplitPart<K> {
  key: K;
  /** Thousandths of FTE, or null when the centre takes no part (no data / inactive). */
  byNeedMilli: number | null;
  equalMilli: number | null;
}

/**
 * The one need split: the total goes in whole steps to the active centres with need figures,
 * proportionally to need by the largest remainder (ties to the larger need, then the earlier
 * centre), beside the equal split over the same centres. Centres without data or inactive take
 * no part, so adding one never moves another centre's figure. Null when the total is not a
 * whole number of steps. When every need is zero, the need split is null (nothing to weigh).
 */
export function needSplit<K>(
  totalMilli: number,
  stepMilli: number,
  centres: readonly CentreNeedInput<K>[],
): { parts: NeedSplitPart<K>[]; byNeedPossible: boolean } | null {
  if (stepMilli <= 0 || totalMilli < 0 || totalMilli % stepMilli !== 0) return null;
  const taking = centres
    .map((c, index) => ({ ...c, index }))
    .filter((c) => c.active && c.need !== null && Number.isInteger(c.need) && c.need >= 0);
  const units = totalMilli / stepMilli;
  const sumNeed = taking.reduce((s, c) => s + c.need!, 0);
  const byNeed = new Map<number, number>();
  const equal = new Map<number, number>();
  if (taking.length > 0) {
    const weigh = (weights: number[]) => {
      const den = weights.reduce((s, w) => s + w, 0);
      const parts = weights.map((w, i) => ({
        i,
        q: Math.floor((units * w) / den),
        r: (units * w) % den,
        w,
      }));
      let left = units - parts.reduce((s, p) => s + p.q, 0);
      for (const p of [...parts].sort((a, b) => b.r - a.r || b.w - a.w || a.i - b.i)) {
        if (left === 0) break;
        p.q += 1;
        left -= 1;
      }
      return parts.map((p) => p.q * stepMilli);
    };
    if (sumNeed > 0)
      weigh(taking.map((c) => c.need!)).forEach((m, i) => byNeed.set(taking[i]!.index, m));
    weigh(taking.map(() => 1)).forEach((m, i) => equal.set(taking[i]!.index, m));
  }
  return {
    byNeedPossible: sumNeed > 0,
    parts: centres.map((c, index) => ({
      key: c.key,
      byNeedMilli: byNeed.get(index) ?? null,
      equalMilli: equal.get(index) ?? null,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Definitions
// ---------------------------------------------------------------------------------------------

/**
 * Mixed encounter: at least one newcomer (a named attendee or an anonymous newcomer headcount
 * above 0) and at least one host-society resident. The reporting SQL spells the same rule.
 */
export const isMixedEncounter = (e: { namedAttendees: number; newcomers: number; host: number }) =>
  (e.namedAttendees > 0 || e.newcomers > 0) && e.host > 0;

/**
 * Re-engaged, verified: the task closed as re-engaged and the person attended an encounter
 * between the task's opening and `weeks` weeks after it was closed (inclusive).
 */
export function reEngagementVerified(
  task: { outcome: string | null; openedOn: string; closedOn: string | null },
  attendances: readonly string[],
  weeks: number,
): boolean {
  if (task.outcome !== 're_engaged' || task.closedOn === null) return false;
  const until = new Date(Date.parse(`${task.closedOn}T00:00:00Z`) + weeks * 7 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return attendances.some((d) => d >= task.openedOn && d <= until);
}
