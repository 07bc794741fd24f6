import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasRole, type PurgeResult, type VacancySummary } from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormat } from '../../../lib/format.ts';
import { Badge, ConfirmDialog, ErrorMessage, Notice, PageHeader } from '../../../components/ui.tsx';
import { hiringQueries, usePurge } from '../api/hiring-queries.ts';
import { vacancyTone } from './labels.ts';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import { PageState } from '../../../components/page-state.tsx';

export function VacancyList() {
  const { t } = useTranslation();
  const f = useFormat();
  const user = useCurrentUser();
  const isAdmin = hasRole(user, 'admin');
  const vacancies = useQuery(hiringQueries.vacancies());
  const columns: Column<VacancySummary>[] = [
    {
      key: 'vacancy',
      header: t('hiring.vacancies.vacancy'),
      sortValue: (v) => v.title,
      cell: (v) => (
        <>
          <Link to={`/vacancies/${v.id}`} className="strong-link">
            {v.title}
          </Link>
          <div className="muted small">
            {v.postCodes.map((c) => (
              <span key={c} className="code-tag">
                {c}
              </span>
            ))}{' '}
            {t(`hiring.channels.${v.channel}`)}
          </div>
        </>
      ),
    },
    {
      key: 'status',
      header: t('hiring.vacancies.status'),
      sortValue: (v) => t(`hiring.vacancyStatus.${v.status}`),
      cell: (v) => (
        <Badge tone={vacancyTone(v.status)}>{t(`hiring.vacancyStatus.${v.status}`)}</Badge>
      ),
    },
    {
      key: 'criteria',
      header: t('hiring.vacancies.criteria'),
      className: 'nowrap',
      sortValue: (v) => v.criteriaVersion,
      cell: (v) => t('hiring.criteria.versionShort', { version: v.criteriaVersion }),
    },
    {
      key: 'deadline',
      header: t('hiring.vacancies.deadline'),
      className: 'nowrap',
      sortValue: (v) => v.deadline,
      cell: (v) => f.date(v.deadline),
    },
    {
      key: 'applications',
      header: t('hiring.vacancies.applications'),
      sortValue: (v) => v.applicationCount,
      cell: (v) => v.applicationCount,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('hiring.vacancies.title')}
        subtitle={t(isAdmin ? 'hiring.vacancies.subtitleAdmin' : 'hiring.vacancies.subtitleMember')}
        actions={
          isAdmin && (
            <Link className="btn btn-primary" to="/vacancies/new">
              {t('hiring.vacancies.new')}
            </Link>
          )
        }
      />
      <PageState
        query={vacancies}
        isEmpty={(data) => data.length === 0}
        empty={t('hiring.vacancies.empty')}
      >
        {(data) => (
          <DataTable
            label={t('hiring.vacancies.title')}
            className="hiring-table"
            columns={columns}
            rows={data}
            rowKey={(v) => v.id}
          />
        )}
      </PageState>
      {isAdmin && <PurgePanel />}
    </>
  );
}

/** Retention: preview what the purge would anonymise, then run it after confirmation. */
function PurgePanel() {
  const { t } = useTranslation();
  const purge = usePurge();
  const [preview, setPreview] = useState<PurgeResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<PurgeResult | null>(null);
  return (
    <section className="panel hiring-purge" aria-labelledby="purge-heading">
      <h2 id="purge-heading">{t('hiring.purge.title')}</h2>
      <p className="muted">{t('hiring.purge.explain')}</p>
      <ErrorMessage error={purge.error} />
      {done && (
        <Notice tone="success">
          {t('hiring.purge.done', { count: done.applicationIds.length })}
        </Notice>
      )}
      {preview && !done && (
        <Notice>
          {t('hiring.purge.preview', {
            count: preview.applicationIds.length,
            months: preview.retentionMonths,
          })}
        </Notice>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          disabled={purge.isPending}
          onClick={() =>
            purge.mutate(true, {
              onSuccess: (r) => {
                setDone(null);
                setPreview(r);
              },
            })
          }
        >
          {t('hiring.purge.dryRun')}
        </button>
        <button
          type="button"
          className="btn btn-danger-outline"
          disabled={!preview || preview.applicationIds.length === 0}
          onClick={() => setConfirming(true)}
        >
          {t('hiring.purge.run')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('hiring.purge.confirmTitle')}
        body={t('hiring.purge.confirmBody', { count: preview?.applicationIds.length ?? 0 })}
        confirmLabel={t('hiring.purge.run')}
        danger
        busy={purge.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          purge.mutate(false, {
            onSuccess: (r) => {
              setConfirming(false);
              setPreview(null);
              setDone(r);
            },
          })
        }
      />
    </section>
  );
}
