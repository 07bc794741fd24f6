import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { localNow, type Comparison } from '@begegnung/domain';
import { Badge, ErrorMessage, Loading, PageHeader, ScrollRegion } from '../../../components/ui.tsx';
import {
  comparisonCsvUrl,
  comparisonXlsxUrl,
  scenarioQueries,
  type ComparisonFilter,
} from '../api/post-queries.ts';
import { useFormat } from '../../../lib/format.ts';
import { NeedSplit } from './need-split.tsx';

export function useComparisonFilter(): ComparisonFilter {
  const [params] = useSearchParams();
  const year = new Date().getFullYear();
  const fromYear = Number(params.get('fromYear')) || year;
  return {
    ids: params.get('ids') || undefined,
    fromYear,
    toYear: Number(params.get('toYear')) || fromYear + 2,
  };
}

export function ComparisonPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = useComparisonFilter();
  const scenarios = useQuery(scenarioQueries.list());
  const data = useQuery(scenarioQueries.comparison(filter));
  const selected = new Set(
    filter.ids?.split(',').map(Number) ?? scenarios.data?.map((s) => s.id) ?? [],
  );
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    update({ ids: [...next].sort((a, b) => a - b).join(',') || undefined });
  };
  const query = new URLSearchParams(params).toString();
  return (
    <>
      <PageHeader
        title={t('comparison.title')}
        subtitle={t('comparison.subtitle')}
        actions={
          <>
            <a className="btn" href={comparisonCsvUrl(filter)} download>
              {t('comparison.csv')}
            </a>
            <a className="btn" href={comparisonXlsxUrl(filter)} download>
              {t('comparison.xlsx')}
            </a>
            <Link className="btn" to={`/comparison/print${query ? `?${query}` : ''}`}>
              {t('comparison.print')}
            </Link>
          </>
        }
      />
      <div className="filters">
        <fieldset className="fieldset">
          <legend>{t('comparison.scenarios')}</legend>
          <div className="checkbox-grid">
            {scenarios.data?.map((s) => (
              <label key={s.id} className="checkbox">
                <input type="checkbox" checked={selected.has(s.id)} onChange={() => toggle(s.id)} />
                {s.name}
              </label>
            ))}
          </div>
        </fieldset>
        <label>
          <span>{t('comparison.fromYear')}</span>
          <input
            type="number"
            min={2000}
            max={2100}
            value={filter.fromYear}
            onChange={(e) =>
              update({
                fromYear: e.target.value,
                toYear: String(Number(e.target.value) + (filter.toYear - filter.fromYear)),
              })
            }
          />
        </label>
        <label>
          <span>{t('comparison.toYear')}</span>
          <input
            type="number"
            min={2000}
            max={2100}
            value={filter.toYear}
            onChange={(e) => update({ toYear: e.target.value })}
          />
        </label>
      </div>
      {data.isPending && <Loading />}
      <ErrorMessage error={data.error} onRetry={() => void data.refetch()} />
      {data.data && <ComparisonTables data={data.data} />}
      <NeedSplit />
    </>
  );
}

/** The comparison tables; also used by the printable view. */
export function ComparisonTables({ data }: { data: Comparison }) {
  const { t } = useTranslation();
  const f = useFormat();
  const maxFte = Math.max(1, ...data.scenarios.map((s) => Number(s.totalFte)));
  if (data.scenarios.length === 0) return <p className="muted">{t('comparison.none')}</p>;
  return (
    <>
      <section className="panel" aria-labelledby="cmp-fte">
        <h2 id="cmp-fte">{t('comparison.ftePerCentre')}</h2>
        <ScrollRegion label={t('comparison.ftePerCentre')}>
          <table className="table posts-compare">
            <thead>
              <tr>
                <th scope="col">{t('comparison.centre')}</th>
                {data.scenarios.map((s) => (
                  <th scope="col" key={s.id}>
                    {s.name}
                    <div className="small muted">{t(`scenarios.statuses.${s.status}`)}</div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.centres.map((c, ci) => (
                <tr key={c.id}>
                  <th scope="row">
                    <span className="code-tag">{c.code}</span>{' '}
                    <span className="posts-centre-name">{c.name}</span>
                  </th>
                  {data.scenarios.map((s) => (
                    <td key={s.id} className="num">
                      {f.fte(s.perCentre[ci]!.fte)}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="posts-total">
                <th scope="row">{t('comparison.total')}</th>
                {data.scenarios.map((s) => (
                  <td key={s.id} className="num">
                    <strong>{f.fte(s.totalFte)}</strong>
                    <svg
                      className="posts-bar"
                      viewBox="0 0 100 6"
                      width="100%"
                      height="6"
                      aria-hidden="true"
                    >
                      <rect
                        x="0"
                        y="0"
                        width={(Number(s.totalFte) / maxFte) * 100}
                        height="6"
                        rx="2"
                      />
                    </svg>
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t('comparison.newcomersPerFte')}</th>
                {data.scenarios.map((s) => (
                  <td key={s.id} className="num">
                    {data.hasNeedData ? (
                      s.perCentre
                        .map((p) =>
                          p.newcomersPerFte === null
                            ? t('comparison.noData')
                            : f.ratio(p.newcomersPerFte),
                        )
                        .join(' / ')
                    ) : (
                      <span className="muted">{t('comparison.noData')}</span>
                    )}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      <section className="panel" aria-labelledby="cmp-cost">
        <h2 id="cmp-cost">{t('comparison.costPerYear')}</h2>
        <p className="small muted">{t('comparison.costHint')}</p>
        <ScrollRegion label={t('comparison.costPerYear')}>
          <table className="table posts-compare">
            <thead>
              <tr>
                <th scope="col">{t('comparison.year')}</th>
                {data.scenarios.map((s) => (
                  <th scope="col" key={s.id}>
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.years.map((year, yi) => (
                <tr key={year}>
                  <th scope="row">{year}</th>
                  {data.scenarios.map((s) => {
                    const y = s.years[yi]!;
                    return (
                      <td key={s.id} className="num">
                        <div>
                          {f.euro(y.costEuros)}{' '}
                          <span className="small muted">{t('comparison.personnel')}</span>
                        </div>
                        <div>
                          <strong>{f.euro(y.costWithOverheadEuros)}</strong>{' '}
                          <span className="small muted">{t('comparison.withOverhead')}</span>
                        </div>
                        <div className="small muted">
                          {f.fte(y.fte)} {t('posts.fteUnit')}
                        </div>
                        {y.estimate && y.costEuros > 0 && (
                          <Badge tone="accent">{t('comparison.estimate')}</Badge>
                        )}
                        {y.missingPayGroups.length > 0 && (
                          <div className="small field-error">
                            {t('comparison.missingCost', { groups: y.missingPayGroups.join(', ') })}
                          </div>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </>
  );
}

export function ComparisonPrint() {
  const { t } = useTranslation();
  const f = useFormat();
  const filter = useComparisonFilter();
  const data = useQuery(scenarioQueries.comparison(filter));
  return (
    <div className="posts-print">
      <div className="no-print form-actions">
        <Link className="btn" to={`/comparison${window.location.search}`}>
          ← {t('comparison.back')}
        </Link>
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t('comparison.printNow')}
        </button>
      </div>
      <h1>{t('comparison.printTitle')}</h1>
      <p className="small">
        {t('comparison.printMeta', {
          from: filter.fromYear,
          to: filter.toYear,
          date: f.date(localNow().date),
        })}
      </p>
      {data.isPending && <Loading />}
      <ErrorMessage error={data.error} />
      {data.data && <ComparisonTables data={data.data} />}
      <p className="small">{t('comparison.printFoot')}</p>
    </div>
  );
}
