import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  equalSplit,
  fromMilli,
  needWeightedSplit,
  parseFixed,
  type CentreNeed,
  type Comparison,
} from '@begegnung/domain';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Badge, ErrorMessage, Loading, Notice, PageHeader } from '../../../components/ui.tsx';
import {
  comparisonCsvUrl,
  scenarioQueries,
  useSetNeeds,
  type ComparisonFilter,
} from '../api/post-queries.ts';
import { toApiDecimal, useFormat } from '../../../lib/format.ts';

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
        <div className="table-wrap">
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
                    {data.hasEncounterData ? (
                      s.perCentre
                        .map((p) => (p.newcomersPerFte === null ? '—' : f.ratio(p.newcomersPerFte)))
                        .join(' / ')
                    ) : (
                      <span className="muted">{t('comparison.noData')}</span>
                    )}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="cmp-cost">
        <h2 id="cmp-cost">{t('comparison.costPerYear')}</h2>
        <p className="small muted">{t('comparison.costHint')}</p>
        <div className="table-wrap">
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
        </div>
      </section>
    </>
  );
}

const STEPS = ['0.25', '0.5', '0.1', '0.125'];

function NeedSplit() {
  const { t } = useTranslation();
  const f = useFormat();
  const needs = useQuery(scenarioQueries.needs());
  const save = useSetNeeds();
  const errors = useFormErrors(save.error);
  const [total, setTotal] = useState('2');
  const [step, setStep] = useState('0.25');
  const [edited, setEdited] = useState<Record<number, string>>({});
  if (needs.isPending) return <Loading />;
  if (needs.error) return <ErrorMessage error={needs.error} />;
  const rows: (CentreNeed & { value: string })[] = needs.data.map((n) => ({
    ...n,
    value: edited[n.centreId] ?? String(n.need),
  }));
  const totalMilli = parseFixed(toApiDecimal(total), 3);
  const stepMilli = parseFixed(step, 3);
  const input = rows.map((r) => ({ key: r.centreId, need: Number(r.value) }));
  const valid =
    totalMilli.ok && stepMilli.ok && input.every((n) => Number.isInteger(n.need) && n.need >= 0);
  const weighted = valid ? needWeightedSplit(totalMilli.value, stepMilli.value, input) : null;
  const equal = valid
    ? equalSplit(
        totalMilli.value,
        stepMilli.value,
        input.map((n) => n.key),
      )
    : null;
  return (
    <section className="panel" aria-labelledby="need-split">
      <h2 id="need-split">{t('comparison.needSplit')}</h2>
      <p className="small muted">{t('comparison.needSplitHint')}</p>
      <div className="filters">
        <label>
          <span>{t('comparison.totalFte')}</span>
          <input inputMode="decimal" value={total} onChange={(e) => setTotal(e.target.value)} />
        </label>
        <label>
          <span>{t('comparison.step')}</span>
          <select value={step} onChange={(e) => setStep(e.target.value)}>
            {STEPS.map((s) => (
              <option key={s} value={s}>
                {f.fte(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!weighted && <Notice tone="warning">{t('comparison.splitInvalid')}</Notice>}
      <div className="table-wrap">
        <table className="table table-stack">
          <thead>
            <tr>
              <th scope="col">{t('comparison.centre')}</th>
              <th scope="col">{t('comparison.need')}</th>
              <th scope="col">{t('comparison.byNeed')}</th>
              <th scope="col">{t('comparison.equal')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.centreId}>
                <td data-label={t('comparison.centre')}>
                  {r.centreName}{' '}
                  {r.placeholder && <Badge tone="muted">{t('comparison.placeholder')}</Badge>}
                </td>
                <td data-label={t('comparison.need')}>
                  <input
                    className="posts-need-input"
                    inputMode="numeric"
                    aria-label={t('comparison.needFor', { centre: r.centreName })}
                    value={r.value}
                    onChange={(e) => setEdited({ ...edited, [r.centreId]: e.target.value })}
                  />
                </td>
                <td data-label={t('comparison.byNeed')} className="num">
                  <strong>{weighted ? f.fte(fromMilli(weighted[i]!.milli)) : '—'}</strong>
                </td>
                <td data-label={t('comparison.equal')} className="num">
                  {equal ? f.fte(fromMilli(equal[i]!.milli)) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.general && (
        <div className="alert alert-error" role="alert">
          {errors.general}
        </div>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          disabled={!valid || save.isPending || Object.keys(edited).length === 0}
          onClick={() =>
            save.mutate(
              { needs: input.map((n) => ({ centreId: n.key, need: n.need })) },
              { onSuccess: () => setEdited({}) },
            )
          }
        >
          {t('comparison.saveNeeds')}
        </button>
      </div>
      <p className="small muted">{t('comparison.needSource')}</p>
    </section>
  );
}

export function ComparisonPrint() {
  const { t } = useTranslation();
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
          date: new Date().toLocaleDateString('de-DE'),
        })}
      </p>
      {data.isPending && <Loading />}
      <ErrorMessage error={data.error} />
      {data.data && <ComparisonTables data={data.data} />}
      <p className="small">{t('comparison.printFoot')}</p>
    </div>
  );
}
