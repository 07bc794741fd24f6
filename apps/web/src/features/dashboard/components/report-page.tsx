import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { hasRole } from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { PageHeader, ErrorMessage } from '../../../components/ui.tsx';
import { useFormat } from '../../../lib/format.ts';
import { reportingQueries, reportUrl } from '../api/dashboard-queries.ts';
import { PeriodFilterBar, usePeriod } from './period-filter.tsx';
import { PublishPanel } from './publish-panel.tsx';

/** One click: PDF for the council, CSV and Excel of the same tables; period and centre as chosen. */
export function ReportPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const user = useCurrentUser();
  const [filter, setFilter] = usePeriod();
  // Checks the period (4xx codes) before anyone clicks a download that would fail.
  const check = useQuery(reportingQueries.dashboard(filter));
  return (
    <>
      <PageHeader title={t('dashboard.report.title')} subtitle={t('dashboard.report.subtitle')} />
      <PeriodFilterBar value={filter} onChange={setFilter} />
      <section className="panel" aria-labelledby="report-files">
        <h2 id="report-files">
          {t('dashboard.report.files', { from: fmt.date(filter.from), to: fmt.date(filter.to) })}
        </h2>
        {check.error ? (
          <ErrorMessage error={check.error} />
        ) : (
          <>
            {check.data && !check.data.hasData && <p className="muted">{t('dashboard.noData')}</p>}
            <div className="dash-actions">
              <a className="btn btn-primary" href={reportUrl('pdf', filter)} download>
                {t('dashboard.report.pdf')}
              </a>
              <a className="btn" href={reportUrl('csv', filter)} download>
                {t('dashboard.report.csv')}
              </a>
              <a className="btn" href={reportUrl('xlsx', filter)} download>
                {t('dashboard.report.xlsx')}
              </a>
            </div>
          </>
        )}
        <ul className="small muted dash-list">
          <li>{t('dashboard.report.contents')}</li>
          <li>{t('dashboard.suppressionNote')}</li>
        </ul>
      </section>
      {hasRole(user, 'coordinator') && <PublishPanel centreId={filter.centreId} />}
    </>
  );
}
