import { addMonths, isShown, suppressSmallCells } from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { readSettings } from '../settings/settings.repository.ts';
import { today } from '../participants/access.ts';
import * as repo from './reporting.repository.ts';

type Centre = { id: number };

export function catchmentCounts(ctx: ServiceContext, centres: Centre[]) {
  const s = readSettings(ctx.db);
  const since = addMonths(today(), -s.outOfViewMovedWithinMonths);
  const rows = repo.catchmentByCentre(
    ctx.db,
    centres.map((c) => c.id),
    since,
  );
  return centres.map((c) => rows.find((r) => r.centreId === c.id)?.people ?? 0);
}

/**
 * Newcomers in the catchment per centre for the scenario comparison (the seam in
 * comparison.service). Counts below 5 are left out, so "people per FTE" cannot reveal them.
 */
export function catchmentForComparison(ctx: ServiceContext): Map<number, number> | null {
  const centres = repo.activeCentres(ctx.db);
  if (centres.length === 0) return null;
  const counts = catchmentCounts(ctx, centres);
  if (counts.every((n) => n === 0)) return null;
  const shown = suppressSmallCells(counts.map((n) => [n]));
  const out = new Map<number, number>();
  centres.forEach((c, i) => {
    const v = shown.cells[i]![0]!;
    if (isShown(v)) out.set(c.id, v);
  });
  return out;
}
