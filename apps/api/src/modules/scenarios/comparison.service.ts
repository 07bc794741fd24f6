import {
  DomainError,
  fromMilli,
  normalisePayGroup,
  yearCost,
  type Comparison,
  type ComparisonQuery,
  type CostRate,
  type NeedsBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { audit } from '../audit/audit.service.ts';
import { requireRole } from '../access/access.ts';
import { existingCentreIds } from '../centres/centres.service.ts';
import { allocationsFor } from '../posts/posts.service.ts';
import * as repo from './scenarios.repository.ts';
import { csvDecimal, csvFte, toCsv, type CsvValue } from '../../lib/csv.ts';
import { toXlsx } from '../../lib/xlsx.ts';
import { needFigures, roundFteColumn } from '../reporting/need.ts';
import { today } from '../../lib/clock.ts';

const MAX_YEARS = 10;

/** Need per centre (entered catchment figures); centres without a figure are absent. */
export async function newcomersByCentre(ctx: ServiceContext): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const n of await needFigures(ctx.db)) if (n.need !== null) out.set(n.centreId, n.need);
  return out;
}

export const costRates = async (ctx: ServiceContext): Promise<CostRate[]> =>
  (await repo.listCostAssumptions(ctx.db)).map((c) => ({
    payGroup: normalisePayGroup(c.payGroup) ?? c.payGroup,
    validFrom: c.validFrom,
    validTo: c.validTo,
    annualCostEuros: c.annualCostEuros,
    overheadBp: c.overheadBp,
    cityOwn: c.cityOwn,
  }));

export async function compareScenarios(
  ctx: ServiceContext,
  q: ComparisonQuery,
): Promise<Comparison> {
  requireRole(ctx, 'scenario', 'admin', 'coordinator');
  const fromYear = q.fromYear ?? new Date().getFullYear();
  const toYear = q.toYear ?? fromYear + 2;
  if (toYear < fromYear || toYear - fromYear >= MAX_YEARS) {
    throw new DomainError('BUDGET_YEARS_ORDER', `Choose 1 to ${MAX_YEARS} years in order`, 400, [
      { field: 'toYear', code: 'budget_years_order', message: 'Must not be before the first year' },
    ]);
  }
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
  const ids = q.ids ? [...new Set(q.ids.split(',').map(Number))] : undefined;
  const rows = await repo.listScenarioRows(ctx.db, ids);
  const lines = await repo.linesFor(
    ctx.db,
    rows.map((r) => r.id),
  );
  const allocs = await allocationsFor(ctx.db, [...new Set(lines.map((l) => l.postId))]);
  const centres = await repo.listCentresBrief(ctx.db);
  const rates = await costRates(ctx);
  const newcomers = await newcomersByCentre(ctx);

  return {
    years,
    centres,
    hasNeedData: newcomers.size > 0,
    scenarios: rows.map((s) => {
      const own = lines.filter((l) => l.scenarioId === s.id);
      // FTE × share in millionths, so 0.333 × 0.25 stays exact until the one rounding below.
      const micro = new Map<number, number>();
      for (const l of own) {
        for (const a of allocs.get(l.postId) ?? []) {
          micro.set(a.centreId, (micro.get(a.centreId) ?? 0) + l.fteMilli * a.shareMilli);
        }
      }
      const milli = roundFteColumn(centres.map((c) => micro.get(c.id) ?? 0));
      return {
        id: s.id,
        name: s.name,
        sourceRef: s.sourceRef,
        status: s.status,
        totalFte: fromMilli(own.reduce((n, l) => n + l.fteMilli, 0)),
        perCentre: centres.map((c, ci) => {
          const fteMicro = micro.get(c.id) ?? 0;
          const people = newcomers.get(c.id);
          return {
            centreId: c.id,
            fte: fromMilli(milli[ci]!),
            newcomersPerFte:
              people === undefined || fteMicro === 0
                ? null
                : ((people * 1e6) / fteMicro).toFixed(1),
          };
        }),
        years: years.map((year) => {
          const y = yearCost(own, rates, year);
          return {
            year,
            fte: fromMilli(y.fteMilli),
            costEuros: y.costEuros,
            costWithOverheadEuros: y.costWithOverheadEuros,
            estimate: y.estimate,
            missingPayGroups: y.missingPayGroups,
          };
        }),
      };
    }),
  };
}

/** The comparison's rows, built once for both writers (CSV and workbook). */
async function comparisonRows(ctx: ServiceContext, q: ComparisonQuery): Promise<CsvValue[][]> {
  const c = await compareScenarios(ctx, q);
  const header = [
    'Szenario',
    'Quelle',
    'Status',
    'VZÄ gesamt',
    ...c.centres.map((x) => `VZÄ ${x.code}`),
    ...c.centres.map((x) => `Neuzugezogene je VZÄ ${x.code}`),
    ...c.years.flatMap((y) => [
      `Personalkosten ${y} (EUR)`,
      `mit Gemeinkosten ${y} (EUR)`,
      `Schätzung ${y}`,
    ]),
  ];
  const rows = c.scenarios.map((s) => [
    s.name,
    s.sourceRef,
    s.status,
    csvFte(s.totalFte),
    ...s.perCentre.map((p) => csvFte(p.fte)),
    ...s.perCentre.map((p) =>
      p.newcomersPerFte === null ? 'keine Daten' : csvDecimal(p.newcomersPerFte),
    ),
    ...s.years.flatMap((y) => [y.costEuros, y.costWithOverheadEuros, y.estimate ? 'ja' : 'nein']),
  ]);
  return [header, ...rows];
}

/** The comparison as CSV for German Excel (lib/csv.ts: neutralised text, German numbers). */
export async function comparisonCsv(ctx: ServiceContext, q: ComparisonQuery) {
  const rows = await comparisonRows(ctx, q);
  await audit(ctx, { action: 'export', entityType: 'scenario_comparison', entityId: null });
  return toCsv(rows);
}

/** The comparison as a workbook (lib/xlsx.ts): the CSV's cells, typed; one sheet. */
export async function comparisonXlsx(ctx: ServiceContext, q: ComparisonQuery) {
  const rows = await comparisonRows(ctx, q);
  await audit(ctx, {
    action: 'export',
    entityType: 'scenario_comparison',
    entityId: null,
    reason: 'xlsx',
  });
  return toXlsx([{ name: 'Szenarienvergleich', rows }]);
}

// Need figures: catchment numbers entered with source and date ---------------------------------

export async function listNeeds(ctx: ServiceContext) {
  requireRole(ctx, 'centre_need', 'admin', 'coordinator');
  return await needFigures(ctx.db);
}

export async function setNeeds(ctx: ServiceContext, body: NeedsBody) {
  requireRole(ctx, 'centre_need', 'admin', 'coordinator');
  const ids = body.needs.map((n) => n.centreId);
  const known = new Set(await existingCentreIds(ctx.db, ids));
  body.needs.forEach((n, i) => {
    if (!known.has(n.centreId)) {
      throw new DomainError('UNKNOWN_CENTRE', 'Unknown centre', 400, [
        { field: `needs.${i}.centreId`, code: 'unknown', message: 'Choose an existing centre' },
      ]);
    }
    if (ids.indexOf(n.centreId) !== i) {
      throw new DomainError('VALIDATION_FAILED', 'Each centre once', 400, [
        { field: `needs.${i}.centreId`, code: 'duplicate', message: 'Each centre once' },
      ]);
    }
    if (n.need === null) return;
    const problems = [
      ...(n.source.trim().length < 3
        ? [{ field: `needs.${i}.source`, code: 'need_source', message: 'Name the source' }]
        : []),
      ...(n.asOf === null || n.asOf > today()
        ? [
            {
              field: `needs.${i}.asOf`,
              code: 'need_date',
              message: 'The date the figure describes',
            },
          ]
        : []),
    ];
    if (problems.length > 0) {
      throw new DomainError(
        'NEED_SOURCE_REQUIRED',
        'A need figure needs its source and the date it describes (not in the future)',
        400,
        problems,
      );
    }
  });
  await inTransactionAsync(ctx, async (tx) => {
    for (const n of body.needs) {
      if (n.need === null) await repo.deleteNeed(tx.db, n.centreId);
      else
        await repo.upsertNeed(tx.db, {
          centreId: n.centreId,
          need: n.need,
          source: n.source.trim(),
          asOf: n.asOf,
        });
      await audit(tx, {
        action: n.need === null ? 'delete' : 'update',
        entityType: 'centre_need',
        entityId: n.centreId,
        changedFields: n.need === null ? [] : ['need', 'source', 'asOf'],
      });
    }
  });
  return await needFigures(ctx.db);
}
