import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { addDays, hasRole, localNow, type Dashboard } from '@begegnung/domain';
import { EmptyState, ErrorMessage, Loading, PageHeader } from '../../../components/ui.tsx';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormat } from '../../../lib/format.ts';
import { reportingQueries } from '../api/dashboard-queries.ts';
import { StaffingPanel } from './staffing-panel.tsx';
import { BarList, ColumnChart } from './charts.tsx';
import { Cell, PeriodFilterBar, usePeriod } from './period-filter.tsx';

export function DashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [filter, setFilter] = usePeriod();
  const q = useQuery(reportingQueries.dashboard(filter));
  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={t('dashboard.subtitle')}
        actions={
          <>
            <Link className="btn" to="/out-of-view">
              {t('nav.out-of-view')}
            </Link>
            <Link className="btn btn-primary" to={`/report?from=${filter.from}&to=${filter.to}`}>
              {t('dashboard.toReport')}
            </Link>
          </>
        }
      />
      <PeriodFilterBar value={filter} onChange={setFilter} />
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorMessage error={q.error} />
      ) : !q.data.hasData ? (
        <EmptyState title={t('dashboard.noData')}>{t('dashboard.noDataHint')}</EmptyState>
      ) : (
        <DashboardBody d={q.data} />
      )}
      {hasRole(user, 'coordinator') && <StaffingPanel from={filter.from} to={filter.to} />}
    </>
  );
}

function DashboardBody({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const f = useFormat();
  const fmt = useFormat();
  const multi = d.centres.length > 1;
  const monthData = d.byMonth.map((m, i) => ({
    label: f.month(m.month),
    partial: isPartialMonth(m.month, d.to, localNow().date),
    encounters: m.encounters,
    reached: numeric(d.monthlyPeople.rowTotals[i]!),
    newcomers: numeric(d.monthlyPeople.cells[i]![0]!),
  }));
  return (
    <>
      <section className="dash-figures" aria-label={t('dashboard.keyFigures')}>
        <Figure label={t('dashboard.encounters')} value={f.n(d.encounters)} />
        <Figure label={t('dashboard.hours')} value={f.n(d.hours)} />
        <Figure
          label={t('dashboard.reached')}
          value={<Cell value={d.people.total} format={f.n} />}
        />
        <Figure
          label={t('dashboard.newcomers')}
          value={<Cell value={d.people.colTotals[0]!} format={f.n} />}
        />
        <Figure label={t('dashboard.hostShare')} value={f.pct(d.hostShare)} />
        <Figure
          label={t('dashboard.anonymous')}
          value={<Cell value={d.anonymousNewcomers} format={f.n} />}
        />
      </section>

      <section className="panel" aria-labelledby="dash-trend">
        <h2 id="dash-trend">{t('dashboard.trend')}</h2>
        <div className="dash-grid">
          <ColumnChart
            title={t('dashboard.encountersPerMonth')}
            data={monthData}
            series={[{ key: 'encounters', label: t('dashboard.encounters') }]}
          />
          <ColumnChart
            title={t('dashboard.peoplePerMonth')}
            data={monthData}
            series={[
              { key: 'reached', label: t('dashboard.reachedShort') },
              { key: 'newcomers', label: t('dashboard.new') },
            ]}
          />
        </div>
        <div className="table-wrap">
          <table className="table dash-table">
            <caption className="sr-only">{t('dashboard.trend')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.month')}</th>
                <th scope="col" className="num">
                  {t('dashboard.encounters')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.hours')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.new')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.returning')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.reachedShort')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.byMonth.map((m, i) => (
                <tr key={m.month}>
                  <td>{f.month(m.month)}</td>
                  <td className="num" data-label={t('dashboard.encounters')}>
                    {f.n(m.encounters)}
                  </td>
                  <td className="num" data-label={t('dashboard.hours')}>
                    {f.n(m.hours)}
                  </td>
                  <td className="num" data-label={t('dashboard.new')}>
                    <Cell value={d.monthlyPeople.cells[i]![0]!} format={f.n} />
                  </td>
                  <td className="num" data-label={t('dashboard.returning')}>
                    <Cell value={d.monthlyPeople.cells[i]![1]!} format={f.n} />
                  </td>
                  <td className="num" data-label={t('dashboard.reachedShort')}>
                    <Cell value={d.monthlyPeople.rowTotals[i]!} format={f.n} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel" aria-labelledby="dash-people">
        <h2 id="dash-people">{t('dashboard.reach')}</h2>
        <p className="small muted">{t('dashboard.reachHint')}</p>
        <div className="table-wrap">
          <table className="table dash-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.centre')}</th>
                <th scope="col" className="num">
                  {t('dashboard.new')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.returning')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.reachedShort')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.encounters')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.hours')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.hostShareShort')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.centres.map((c, i) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td className="num" data-label={t('dashboard.new')}>
                    <Cell value={d.people.cells[i]![0]!} format={f.n} />
                  </td>
                  <td className="num" data-label={t('dashboard.returning')}>
                    <Cell value={d.people.cells[i]![1]!} format={f.n} />
                  </td>
                  <td className="num" data-label={t('dashboard.reachedShort')}>
                    <Cell value={d.people.rowTotals[i]!} format={f.n} />
                  </td>
                  <td className="num" data-label={t('dashboard.encounters')}>
                    {f.n(d.perCentre[i]!.encounters)}
                  </td>
                  <td className="num" data-label={t('dashboard.hours')}>
                    {f.n(d.perCentre[i]!.hours)}
                  </td>
                  <td className="num" data-label={t('dashboard.hostShareShort')}>
                    {f.pct(d.perCentre[i]!.hostShare)}
                  </td>
                </tr>
              ))}
              {multi && (
                <tr className="dash-total">
                  <td>{t('dashboard.total')}</td>
                  <td className="num" data-label={t('dashboard.new')}>
                    <Cell value={d.people.colTotals[0]!} format={f.n} />
                  </td>
                  <td className="num" data-label={t('dashboard.returning')}>
                    <Cell value={d.people.colTotals[1]!} format={f.n} />
                  </td>
                  <td className="num" data-label={t('dashboard.reachedShort')}>
                    <Cell value={d.people.total} format={f.n} />
                  </td>
                  <td className="num" data-label={t('dashboard.encounters')}>
                    {f.n(d.encounters)}
                  </td>
                  <td className="num" data-label={t('dashboard.hours')}>
                    {f.n(d.hours)}
                  </td>
                  <td className="num" data-label={t('dashboard.hostShareShort')}>
                    {f.pct(d.hostShare)}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel" aria-labelledby="dash-activities">
        <h2 id="dash-activities">{t('dashboard.byActivity')}</h2>
        <div className="dash-stack">
          <BarList
            title={t('dashboard.encountersByActivity')}
            data={d.byActivity.map((a) => ({ label: activityLabel(t, a), value: a.encounters }))}
          />
          <div className="table-wrap">
            <table className="table dash-table">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.activity')}</th>
                  <th scope="col" className="num">
                    {t('dashboard.encounters')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.hours')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.mixed')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.byActivity.map((a) => (
                  <tr key={a.name}>
                    <td>{activityLabel(t, a)}</td>
                    <td className="num" data-label={t('dashboard.encounters')}>
                      {f.n(a.encounters)}
                    </td>
                    <td className="num" data-label={t('dashboard.hours')}>
                      {f.n(a.hours)}
                    </td>
                    <td className="num" data-label={t('dashboard.mixed')}>
                      {f.n(a.mixed)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>

      <section className="panel" aria-labelledby="dash-host">
        <h2 id="dash-host">{t('dashboard.hostContact')}</h2>
        <p className="small muted">{t('dashboard.hostHint')}</p>
        {multi && (
          <BarList
            title={t('dashboard.hostSharePerCentre')}
            unit="%"
            max={100}
            data={d.centres.map((c, i) => ({
              label: c.name,
              value: d.perCentre[i]!.hostShare ?? 0,
            }))}
          />
        )}
        <h3 className="dash-h3">
          {t('dashboard.mixedPerPerson', { to: fmt.date(d.mixed.windowTo) })}
        </h3>
        <div className="table-wrap">
          <table className="table dash-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.centre')}</th>
                {d.mixed.buckets.map((b) => (
                  <th key={b} scope="col" className="num">
                    {t('dashboard.times', { n: b })}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('dashboard.people')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.centres.map((c, i) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  {d.mixed.table.cells[i]!.map((v, j) => (
                    <td
                      key={j}
                      className="num"
                      data-label={t('dashboard.times', { n: d.mixed.buckets[j] })}
                    >
                      <Cell value={v} format={f.n} />
                    </td>
                  ))}
                  <td className="num" data-label={t('dashboard.people')}>
                    <Cell value={d.mixed.table.rowTotals[i]!} format={f.n} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <p className="small muted">{t('dashboard.suppressionNote')}</p>
    </>
  );
}

const numeric = (v: number | string) => (typeof v === 'number' ? v : null);

function activityLabel(
  t: (k: string, o?: Record<string, unknown>) => string,
  a: { key: string | null; name: string },
) {
  return a.key ? t(`dashboard.activities.${a.key}`, { defaultValue: a.name }) : a.name;
}

function Figure({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="dash-figure">
      <span className="dash-figure-value">{value}</span>
      <span className="dash-figure-label">{label}</span>
    </div>
  );
}

/**
 * A month counted only in part: the running month, or the period's last month when the period
 * ends before that month does.
 */
export function isPartialMonth(month: string, periodTo: string, today: string) {
  if (month === today.slice(0, 7)) return true;
  return month === periodTo.slice(0, 7) && addDays(periodTo, 1).slice(0, 7) === month;
}
