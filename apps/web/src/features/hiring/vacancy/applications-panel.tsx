import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Vacancy } from '@begegnung/domain';
import { useFormat } from '../../../lib/format.ts';
import { Badge, EmptyState, ErrorMessage, Loading } from '../../../components/ui.tsx';
import { hiringQueries } from '../api/hiring-queries.ts';
import { applicationTone } from '../components/labels.ts';
import { EmployerDutyFlag, LateFlag } from '../shared/flags.tsx';
import { ApplicationForm } from './application-form.tsx';

/** The applicant overview: status, screening suggestion, cards, and the legal flags. */
export function ApplicationsPanel({
  vacancy,
  canAdd,
  canOpen,
}: {
  vacancy: Vacancy;
  canAdd: boolean;
  canOpen: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const apps = useQuery(hiringQueries.applications(vacancy.id));
  const [adding, setAdding] = useState(false);
  const col = {
    name: t('hiring.applications.name'),
    status: t('hiring.applications.status'),
    suggestion: t('hiring.applications.suggestion'),
    cards: t('hiring.applications.cards'),
    received: t('hiring.applications.received'),
  };
  return (
    <section className="panel" aria-labelledby="apps-heading">
      <div className="card-head">
        <h2 id="apps-heading">{t('hiring.applications.title')}</h2>
        {canAdd && (vacancy.status === 'published' || vacancy.status === 'closed') && !adding && (
          <button type="button" className="btn btn-small" onClick={() => setAdding(true)}>
            {t('hiring.applications.add')}
          </button>
        )}
      </div>
      <p className="muted small">{t('hiring.applications.suggestNote')}</p>
      {adding && <ApplicationForm vacancyId={vacancy.id} onDone={() => setAdding(false)} />}
      {apps.isPending && <Loading />}
      <ErrorMessage error={apps.error} onRetry={() => void apps.refetch()} />
      {apps.data?.length === 0 && <EmptyState title={t('hiring.applications.empty')} />}
      {apps.data && apps.data.length > 0 && (
        <div className="table-wrap">
          <table className="table table-stack hiring-table">
            <thead>
              <tr>
                {Object.values(col).map((label) => (
                  <th key={label} scope="col">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {apps.data.map((a) => (
                <tr key={a.id}>
                  <td data-label={col.name}>
                    {canOpen ? (
                      <Link
                        to={`/vacancies/${vacancy.id}/applications/${a.id}`}
                        className="strong-link"
                      >
                        {a.displayName}
                      </Link>
                    ) : (
                      a.displayName
                    )}
                    {a.mustInvite && (
                      <div>
                        <span className="hiring-must-invite">{t('hiring.mustInvite')}</span>
                      </div>
                    )}
                    {a.employerOwnDuty && (
                      <div>
                        <EmployerDutyFlag />
                      </div>
                    )}
                  </td>
                  <td data-label={col.status}>
                    <Badge tone={applicationTone(a.status)}>
                      {t(`hiring.applicationStatus.${a.status}`)}
                    </Badge>
                  </td>
                  <td data-label={col.suggestion}>
                    <span className={`hiring-suggestion hiring-suggestion-${a.suggestion}`}>
                      {t(`hiring.suggestion.${a.suggestion}`)}
                    </span>
                  </td>
                  <td data-label={col.cards}>
                    {a.scorecardsSubmitted}
                    {a.lateScorecards > 0 && (
                      <div>
                        <LateFlag count={a.lateScorecards} />
                      </div>
                    )}
                  </td>
                  <td data-label={col.received} className="nowrap">
                    {f.date(a.receivedOn)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
