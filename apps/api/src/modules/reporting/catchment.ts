import { EMPTY_CELL, addMonths, isShown, publishColumn, type CountCell } from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { readSettings } from '../settings/settings.repository.ts';
import { today } from '../participants/access.ts';
import * as repo from './reporting.repository.ts';

type Centre = { id: number };

/** Newcomers in the catchment per centre, as cells (count and key sum) for publication. */
export function catchmentCounts(ctx: ServiceContext, centres: Centre[]): CountCell[] {
  const s = readSettings(ctx.db);
  const since = addMonths(today(), -s.outOfViewMovedWithinMonths);
  const rows = repo.catchmentByCentre(
    ctx.db,
    centres.map((c) => c.id),
    since,
  );
  return centres.map((c) => {
    const r = rows.find((x) => x.centreId === c.id);
    return r ? { n: r.people, key: r.key } : EMPTY_CELL;
  });
}

/**
 * Newcomers in the catchment per centre for the scenario comparison (the seam in
 * comparison.service): the published (perturbed) counts; those shown as "< 5" are left out.
 */
export function catchmentForComparison(ctx: ServiceContext): Map<number, number> | null {
  const centres = repo.activeCentres(ctx.db);
  if (centres.length === 0) return null;
  const counts = catchmentCounts(ctx, centres);
  if (counts.every((c) => c.n === 0)) return null;
  const shown = publishColumn(counts);
  const out = new Map<number, number>();
  centres.forEach((c, i) => {
    const v = shown.cells[i]![0]!;
    if (isShown(v)) out.set(c.id, v);
  });
  return out;
}
