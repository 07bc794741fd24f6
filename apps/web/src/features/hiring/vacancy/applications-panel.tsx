import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary, Vacancy } from '@begegnung/domain';
import { useFormat } from '../../../lib/format.ts';
import { Badge, EmptyState } from '../../../components/ui.tsx';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import { PageState } from '../../../components/page-state.tsx';
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
  const columns: Column<ApplicationSummary>[] = [
    {
      key: 'name',
      header: t('hiring.applications.name'),
      sortValue: (a) => a.displayName,
      cell: (a) => (
        <>
          {canOpen ? (
            <Link to={`/vacancies/${vacancy.id}/applications/${a.id}`} className="strong-link">
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
        </>
      ),
    },
    {
      key: 'status',
      header: t('hiring.applications.status'),
      sortValue: (a) => t(`hiring.applicationStatus.${a.status}`),
      cell: (a) => (
        <Badge tone={applicationTone(a.status)}>{t(`hiring.applicationStatus.${a.status}`)}</Badge>
      ),
    },
    {
      key: 'suggestion',
      header: t('hiring.applications.suggestion'),
      sortValue: (a) => t(`hiring.suggestion.${a.suggestion}`),
      cell: (a) => (
        <span className={`hiring-suggestion hiring-suggestion-${a.suggestion}`}>
          {t(`hiring.suggestion.${a.suggestion}`)}
        </span>
      ),
    },
    {
      key: 'cards',
      header: t('hiring.applications.cards'),
      numeric: true,
      sortValue: (a) => a.scorecardsSubmitted,
      cell: (a) => (
        <>
          {a.scorecardsSubmitted}
          {a.lateScorecards > 0 && (
            <div>
              <LateFlag count={a.lateScorecards} />
            </div>
          )}
        </>
      ),
    },
    {
      key: 'received',
      header: t('hiring.applications.received'),
      className: 'nowrap',
      sortValue: (a) => a.receivedOn,
      cell: (a) => f.date(a.receivedOn),
    },
  ];
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
      <PageState query={apps}>
        {(rows) => (
          <DataTable
            label={t('hiring.applications.title')}
            className="hiring-table"
            rows={rows}
            rowKey={(a) => a.id}
            columns={columns}
            empty={<EmptyState title={t('hiring.applications.empty')} />}
          />
        )}
      </PageState>
    </section>
  );
}
