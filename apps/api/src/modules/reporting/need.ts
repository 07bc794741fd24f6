import { apportion, fromMilli, needSplit, type CentreNeed } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { listNeeds } from '../scenarios/scenarios.service.ts';

/**
 * The one definition of need per centre, read by the dashboard's staffing table, the scenario
 * comparison, scenario B's seed and the council report: newcomers in the catchment as the
 * coordinator entered them (with source and date), per active centre; null = "keine Daten".
 * Never the people registered at a centre (that measures who comes, not who needs it).
 */
export const needFigures = async (db: Db): Promise<CentreNeed[]> => await listNeeds(db);

/** Need-weighted and equal split of `totalMilli` in `stepMilli` steps over the need figures. */
export function splitByNeed(needs: readonly CentreNeed[], totalMilli: number, stepMilli: number) {
  const r = needSplit(
    totalMilli,
    stepMilli,
    needs.map((n) => ({ key: n.centreId, need: n.need, active: true })),
  );
  if (!r) return null;
  return {
    byNeed: r.byNeedPossible
      ? r.parts.map((p) => (p.byNeedMilli === null ? null : fromMilli(p.byNeedMilli)))
      : null,
    equal: r.parts.some((p) => p.equalMilli !== null)
      ? r.parts.map((p) => (p.equalMilli === null ? null : fromMilli(p.equalMilli)))
      : null,
  };
}

/**
 * FTE per centre from millionths (FTE × share) to thousandths by the largest remainder, so a
 * scenario's centre column adds up to its shown total (3 × 0.333… never sums to 0.999).
 */
export const roundFteColumn = (micro: readonly number[]) => apportion(micro, 1000);
