import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isShown, type Staffing } from '@begegnung/domain';
import { ErrorMessage, Loading, ScrollRegion } from '../../../components/ui.tsx';
import { useFormat } from '../../../lib/format.ts';
import { reportingQueries } from '../api/dashboard-queries.ts';
import { Cell } from './period-filter.tsx';

/** Staffing against need: FTE per scenario beside the one need split (coordinators). */
export function StaffingPanel({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [totalFte, setTotalFte] = useState('2');
  const q = useQuery(reportingQueries.staffing({ from, to, totalFte }));
  return (
    <section className="panel" aria-labelledby="dash-staffing">
      <h2 id="dash-staffing">{t('dashboard.staffing.title')}</h2>
      <p className="small muted">{t('dashboard.staffing.hint')}</p>
      <label className="dash-inline" htmlFor="dash-total-fte">
        <span>{t('dashboard.staffing.totalFte')}</span>
        <select id="dash-total-fte" value={totalFte} onChange={(e) => setTotalFte(e.target.value)}>
          {['1', '1.5', '2', '2.5', '3', '4'].map((v) => (
            <option key={v} value={v}>
              {fmt.fte(v)}
            </option>
          ))}
        </select>
      </label>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorMessage error={q.error} />
      ) : (
        <StaffingTable s={q.data} />
      )}
      <div className="dash-actions">
        <Link to="/comparison#need-split">{t('dashboard.staffing.editNeeds')}</Link>
      </div>
    </section>
  );
}

function StaffingTable({ s }: { s: Staffing }) {
  const { t } = useTranslation();
  const f = useFormat();
  const fmt = useFormat();
  const fte = (v: string | null | undefined) =>
    v == null ? <span className="muted">{t('dashboard.staffing.noData')}</span> : fmt.fte(v);
  const withData = s.needs.filter((n) => n.need !== null);
  // Two tables side by side in meaning, one under the other on screen: need and reach per
  // centre, then FTE per scenario beside the two splits. One table of ten columns did not fit
  // 1280 px with the scenarios' long names.
  return (
    <>
      <ScrollRegion label={t('dashboard.staffing.needTable')}>
        <table className="table dash-table" data-testid="staffing-need-table">
          <caption className="dash-caption">{t('dashboard.staffing.needTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.centre')}</th>
              <th scope="col" className="num">
                {t('dashboard.staffing.need')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.staffing.active')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.staffing.outOfView')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.encounters')}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.centres.map((c, i) => {
              const n = s.needs[i];
              return (
                <tr key={c.id} data-centre={c.code}>
                  <th scope="row">{c.name}</th>
                  <td className="num" data-label={t('dashboard.staffing.need')}>
                    {n?.need == null ? (
                      <span className="muted">{t('dashboard.staffing.noData')}</span>
                    ) : (
                      <>
                        {f.n(n.need)}
                        <div className="small muted">
                          {t('dashboard.staffing.asOf', { date: fmt.date(n.asOf) })}
                        </div>
                      </>
                    )}
                  </td>
                  <td className="num" data-label={t('dashboard.staffing.active')}>
                    <Cell value={s.active.cells[i]![0]!} format={f.n} />
                  </td>
                  <td className="num" data-label={t('dashboard.staffing.outOfView')}>
                    <Cell value={s.outOfView.cells[i]![0]!} format={f.n} />
                  </td>
                  <td className="num" data-label={t('dashboard.encounters')}>
                    {f.n(s.rows[i]!.encounters)}
                  </td>
                </tr>
              );
            })}
            <tr className="dash-total">
              <th scope="row">{t('dashboard.total')}</th>
              <td className="num" data-label={t('dashboard.staffing.need')}>
                {withData.length > 0 ? f.n(withData.reduce((a, n) => a + n.need!, 0)) : '–'}
              </td>
              <td className="num" data-label={t('dashboard.staffing.active')}>
                <Cell value={s.active.total} format={f.n} />
              </td>
              <td className="num" data-label={t('dashboard.staffing.outOfView')}>
                <Cell value={s.outOfView.total} format={f.n} />
              </td>
              <td className="num" data-label={t('dashboard.encounters')}>
                {f.n(s.rows.reduce((a, r) => a + r.encounters, 0))}
              </td>
            </tr>
          </tbody>
        </table>
      </ScrollRegion>
      {(!isShown(s.active.total) || !isShown(s.outOfView.total)) && (
        <p className="small muted">{t('dashboard.suppressionNote')}</p>
      )}
      <ScrollRegion label={t('dashboard.staffing.fteTable')}>
        <table className="table dash-table" data-testid="staffing-table">
          <caption className="dash-caption">{t('dashboard.staffing.fteTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.centre')}</th>
              {s.scenarios.map((sc) => (
                <th key={sc.id} scope="col" className="num">
                  {sc.name}
                </th>
              ))}
              <th scope="col" className="num">
                {t('dashboard.staffing.byNeed')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.staffing.equal')}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.centres.map((c, i) => (
              <tr key={c.id} data-centre={c.code}>
                <th scope="row">{c.name}</th>
                {s.rows[i]!.fte.map((x, j) => (
                  <td key={x.scenarioId} className="num" data-label={s.scenarios[j]!.name}>
                    {fmt.fte(x.fte)}
                    {x.encountersPerFte !== null && (
                      <div className="small muted">
                        {t('dashboard.staffing.perFte', { n: f.n(Number(x.encountersPerFte)) })}
                      </div>
                    )}
                  </td>
                ))}
                <td className="num" data-label={t('dashboard.staffing.byNeed')} data-split="need">
                  {s.split.byNeed ? fte(s.split.byNeed[i]) : '–'}
                </td>
                <td className="num" data-label={t('dashboard.staffing.equal')} data-split="equal">
                  {s.split.equal ? fte(s.split.equal[i]) : '–'}
                </td>
              </tr>
            ))}
            <tr className="dash-total">
              <th scope="row">{t('dashboard.total')}</th>
              {s.scenarios.map((sc) => (
                <td key={sc.id} className="num" data-label={sc.name}>
                  {fmt.fte(sc.totalFte)}
                </td>
              ))}
              <td className="num" data-label={t('dashboard.staffing.byNeed')}>
                {s.split.byNeed ? fmt.fte(s.split.totalFte) : '–'}
              </td>
              <td className="num" data-label={t('dashboard.staffing.equal')}>
                {s.split.equal ? fmt.fte(s.split.totalFte) : '–'}
              </td>
            </tr>
          </tbody>
        </table>
      </ScrollRegion>
      <p className="small muted">{t('dashboard.staffing.needNote')}</p>
    </>
  );
}
