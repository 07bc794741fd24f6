import { Fragment } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type FollowUpOutcome, type OutOfView, type Outreach } from '@begegnung/domain';
import { ErrorMessage, Loading, PageHeader } from '../../../components/ui.tsx';
import { PageState } from '../../../components/page-state.tsx';
import { useFormat } from '../../../lib/format.ts';
import { reportingQueries } from '../api/dashboard-queries.ts';
import { Cell, PeriodFilterBar, usePeriod } from './period-filter.tsx';
import { OutOfViewTable } from './out-of-view-table.tsx';

export function OutOfViewPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = usePeriod();
  const list = useQuery(reportingQueries.outOfView(filter.centreId));
  const loop = useQuery(reportingQueries.outreach(filter));
  return (
    <>
      <PageHeader
        title={t('dashboard.oov.title')}
        subtitle={
          list.data
            ? t('dashboard.oov.subtitle', {
                months: list.data.movedWithinMonths,
                weeks: list.data.notSeenWeeks,
              })
            : undefined
        }
      />
      <PeriodFilterBar value={filter} onChange={setFilter} />
      <section className="panel" aria-labelledby="oov-loop">
        <h2 id="oov-loop">{t('dashboard.oov.loop')}</h2>
        {loop.isPending ? (
          <Loading />
        ) : loop.error ? (
          <ErrorMessage error={loop.error} />
        ) : (
          <LoopFigures o={loop.data} />
        )}
      </section>
      <section className="panel" aria-labelledby="oov-list">
        <h2 id="oov-list">{t('dashboard.oov.list')}</h2>
        <p className="small muted">
          {t('dashboard.oov.filter.consentOnly')} {t('dashboard.oov.listHint')}
        </p>
        {list.data && <WithheldLine o={list.data} />}
        <PageState query={list}>{(data) => <OutOfViewTable data={data} />}</PageState>
      </section>
    </>
  );
}

/** People out of view without valid consent: only counted per centre, never named. */
function WithheldLine({ o }: { o: OutOfView }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <p className="withheld-line" data-testid="oov-withheld">
      <strong>{t('dashboard.oov.withheld')}:</strong>{' '}
      {o.centres.map((c, i) => (
        // The separator stays outside the unbreakable pair, so a long list of centres wraps.
        <Fragment key={c.id}>
          {i > 0 && ' · '}
          <span className="nowrap">
            {c.code} <Cell value={o.withoutConsent.cells[i]![0]!} format={f.n} />
          </span>
        </Fragment>
      ))}
      <span className="small muted"> – {t('dashboard.oov.withheldHint')}</span>
    </p>
  );
}

function LoopFigures({ o }: { o: Outreach }) {
  const { t } = useTranslation();
  const f = useFormat();
  const col = (k: FollowUpOutcome) => o.closed.colTotals[o.outcomes.indexOf(k)]!;
  const items = [
    { key: 'flagged', value: <Cell value={o.flagged.total} format={f.n} /> },
    { key: 'contacted', value: <Cell value={o.contacted.total} format={f.n} /> },
    { key: 're_engaged', value: <Cell value={col('re_engaged')} format={f.n} /> },
    { key: 'verified', value: <Cell value={o.verified.total} format={f.n} /> },
    { key: 'moved_away', value: <Cell value={col('moved_away')} format={f.n} /> },
    { key: 'unreachable', value: <Cell value={col('unreachable')} format={f.n} /> },
    { key: 'rate', value: f.pct(o.totalRate) },
    { key: 'selfReportedRate', value: f.pct(o.totalSelfReportedRate) },
  ];
  return (
    <>
      <dl className="dash-figures dash-loop">
        {items.map((i) => (
          <div key={i.key} className="dash-figure" data-testid={`loop-${i.key}`}>
            <dt className="dash-figure-label">{t(`dashboard.oov.figures.${i.key}`)}</dt>
            <dd className="dash-figure-value">{i.value}</dd>
          </div>
        ))}
      </dl>
      <p className="small muted">
        {t('dashboard.oov.loopHint', { weeks: o.reEngagedWithinWeeks })}
      </p>
    </>
  );
}
