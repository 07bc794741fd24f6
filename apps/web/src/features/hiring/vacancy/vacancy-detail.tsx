import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasRole } from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormat } from '../../../lib/format.ts';
import { Badge, ErrorMessage, Loading, PageHeader } from '../../../components/ui.tsx';
import { hiringQueries } from '../api/hiring-queries.ts';
import { vacancyTone } from '../components/labels.ts';
import { VacancyStatusActions } from './vacancy-status-actions.tsx';
import { ApplicationsPanel } from './applications-panel.tsx';
import { EmployerDuties } from './employer-duties.tsx';
import { PanelMembers } from './panel-members.tsx';
import { ParticipationPanel } from './participation-panel.tsx';
import { SelectionPanel } from './selection-panel.tsx';
import { ScoreMatrix } from './score-matrix.tsx';
import { AdvertAndCriteria } from './advert-and-criteria.tsx';

export function VacancyDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const vacancy = useQuery(hiringQueries.vacancy(id));
  if (vacancy.isPending) return <Loading />;
  if (vacancy.error)
    return <ErrorMessage error={vacancy.error} onRetry={() => void vacancy.refetch()} />;
  const v = vacancy.data;
  const isAdmin = hasRole(user, 'admin');
  const mine = (kind: 'panel' | 'oversight') =>
    v.members.find((m) => m.userId === user?.id && m.kind === kind);
  const isOversight = !!mine('oversight');
  const isPanel = !!mine('panel');
  const set = v.criteriaSet;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/vacancies">← {t('hiring.vacancies.title')}</Link>
      </p>
      <PageHeader
        title={v.title}
        subtitle={
          <>
            <Badge tone={vacancyTone(v.status)}>{t(`hiring.vacancyStatus.${v.status}`)}</Badge>{' '}
            <Badge tone="accent">
              {set.frozenAt
                ? t('hiring.criteria.versionFrozen', {
                    version: set.version,
                    date: f.date(set.frozenAt),
                  })
                : t('hiring.criteria.versionDraft', { version: set.version })}
            </Badge>{' '}
            {v.postCodes.map((c) => (
              <span key={c} className="code-tag">
                {c}
              </span>
            ))}
          </>
        }
        actions={isAdmin && <VacancyStatusActions vacancy={v} />}
      />
      {v.status === 'aborted' && v.abortReason && (
        <p className="alert alert-warning">
          {t('hiring.detail.aborted', { reason: v.abortReason })}
        </p>
      )}
      {v.versions.length > 1 && v.status === 'draft' && (
        <p className="alert alert-warning">
          {t('hiring.detail.readvertise', { version: set.version, reason: set.reason })}
        </p>
      )}
      <dl className="detail-list">
        <dt>{t('hiring.form.channel')}</dt>
        <dd>
          {t(`hiring.channels.${v.channel}`)}
          {v.internalOnly && <> · {t('hiring.detail.internalOnly')}</>}
        </dd>
        <dt>{t('hiring.detail.published')}</dt>
        <dd>{f.date(v.publishedOn)}</dd>
        <dt>{t('hiring.form.deadline')}</dt>
        <dd>{f.date(v.deadline)}</dd>
      </dl>
      <EmployerDuties employer={v.employer} />
      <ApplicationsPanel vacancy={v} canAdd={isAdmin} canOpen={isAdmin || isPanel} />
      {(isAdmin || isPanel) && <ScoreMatrix vacancyId={v.id} isAdmin={isAdmin} />}
      <div className="hiring-columns">
        <PanelMembers vacancy={v} canEdit={isAdmin} />
        <ParticipationPanel
          vacancy={v}
          canRecord={isAdmin || isOversight}
          ownBody={mine('oversight')?.body ?? null}
        />
      </div>
      {(isAdmin || isOversight) && <SelectionPanel vacancy={v} canDecide={isAdmin} />}
      <AdvertAndCriteria vacancy={v} isAdmin={isAdmin} />
    </>
  );
}
