import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasRole } from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormat } from '../../../lib/format.ts';
import { Badge, ErrorMessage, Loading, PageHeader } from '../../../components/ui.tsx';
import { hiringQueries } from '../api/hiring-queries.ts';
import { applicationTone } from '../components/labels.ts';
import { ApplicationStatusActions } from './application-status-actions.tsx';
import { ApplicationFlags } from './application-flags.tsx';
import { DocumentsPanel } from './documents-panel.tsx';
import { ScreeningPanel } from './screening-panel.tsx';
import { ScorecardsPanel } from './scorecards-panel.tsx';
import { RetentionPanel } from './retention-panel.tsx';
import { SelfDisclosurePanel } from './self-disclosure-panel.tsx';

export function ApplicationDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const params = useParams();
  const vacancyId = Number(params.id);
  const id = Number(params.applicationId);
  const user = useCurrentUser();
  const vacancy = useQuery(hiringQueries.vacancy(vacancyId));
  const app = useQuery(hiringQueries.application(id));
  if (vacancy.isPending || app.isPending) return <Loading />;
  const error = vacancy.error ?? app.error;
  if (error || !vacancy.data || !app.data)
    return <ErrorMessage error={error} onRetry={() => void app.refetch()} />;
  const v = vacancy.data;
  const a = app.data;
  const isAdmin = hasRole(user, 'admin');
  const isPanel = v.members.some((m) => m.userId === user?.id && m.kind === 'panel');
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/vacancies/${v.id}`}>← {v.title}</Link>
      </p>
      <PageHeader
        title={a.displayName}
        subtitle={
          <>
            <Badge tone={applicationTone(a.status)}>
              {t(`hiring.applicationStatus.${a.status}`)}
            </Badge>{' '}
            <Badge tone="accent">
              {t('hiring.criteria.versionShort', { version: v.criteriaVersion })}
            </Badge>
          </>
        }
        actions={isAdmin && !a.purged && <ApplicationStatusActions app={a} />}
      />
      <ApplicationFlags app={a} />
      <dl className="detail-list">
        <dt>{t('hiring.applications.email')}</dt>
        <dd>{a.email ?? '—'}</dd>
        <dt>{t('hiring.applications.phone')}</dt>
        <dd>{a.phone ?? '—'}</dd>
        <dt>{t('hiring.applications.received')}</dt>
        <dd>{f.date(a.receivedOn)}</dd>
        <dt>{t('hiring.application.disability')}</dt>
        <dd>
          {a.severelyDisabled
            ? t('hiring.application.disabilityYes')
            : t('hiring.application.disabilityNo')}
        </dd>
        {a.statusReason && (
          <>
            <dt>{t('hiring.application.statusReason')}</dt>
            <dd>{a.statusReason}</dd>
          </>
        )}
      </dl>
      <DocumentsPanel app={a} canUpload={isAdmin && !a.purged} />
      <ScreeningPanel app={a} vacancy={v} canEdit={(isAdmin || isPanel) && !a.purged} />
      {(isAdmin || isPanel) && <ScorecardsPanel app={a} vacancy={v} canScore={isPanel} />}
      {isAdmin && <RetentionPanel app={a} />}
      {isAdmin && !a.purged && (
        <SelfDisclosurePanel applicationId={a.id} exists={!!a.hasSelfDisclosure} />
      )}
    </>
  );
}
