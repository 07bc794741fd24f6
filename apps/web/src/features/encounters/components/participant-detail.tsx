import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { canWriteCentreData, hasRole } from '@begegnung/domain';
import { centreQueries } from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import {
  Badge,
  EmptyState,
  ErrorMessage,
  Loading,
  Notice,
  PageHeader,
} from '../../../components/ui.tsx';
import { participantQueries } from '../api/encounter-queries.ts';
import { ConsentPanel } from './consent-panel.tsx';
import { FollowUpCreate, ReferralCreate, TransferPanel } from './participant-actions.tsx';

export function ParticipantDetail() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const participant = useQuery(participantQueries.detail(id));
  const timeline = useQuery(participantQueries.timeline(id));
  const centres = useQuery(centreQueries.list());

  if (participant.isPending) return <Loading />;
  if (participant.error)
    return <ErrorMessage error={participant.error} onRetry={() => void participant.refetch()} />;
  const p = participant.data;
  const canWrite = canWriteCentreData(user, p.centreId);
  const canFollowUp = canWrite || hasRole(user, 'coordinator');
  const centre = centres.data?.find((c) => c.id === p.centreId);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/participants">← {t('encounters.participants.title')}</Link>
      </p>
      <PageHeader
        title={p.alias ?? p.code}
        subtitle={
          <>
            <span className="code-tag">{p.code}</span>{' '}
            {p.followUpConsent ? (
              <Badge tone="success">{t('encounters.consent.valid')}</Badge>
            ) : (
              <Badge tone="muted">{t('encounters.consent.anonymousOnly')}</Badge>
            )}
          </>
        }
      />
      {!p.followUpConsent && (
        <Notice tone="warning">{t('encounters.consent.gateExplained')}</Notice>
      )}
      <dl className="detail-list">
        <dt>{t('encounters.centre')}</dt>
        <dd>{centre?.name ?? `#${p.centreId}`}</dd>
        <dt>{t('encounters.participants.district')}</dt>
        <dd>{p.district || '—'}</dd>
        <dt>{t('encounters.participants.householdSize')}</dt>
        <dd>{p.householdSize ?? '—'}</dd>
        <dt>{t('encounters.participants.languages')}</dt>
        <dd>{p.languages.join(', ') || '—'}</dd>
        <dt>{t('encounters.participants.movedInAt')}</dt>
        <dd>{fmt.date(p.movedInAt)}</dd>
        <dt>{t('encounters.participants.lastSeen')}</dt>
        <dd>{fmt.date(p.lastSeenOn)}</dd>
        <dt>{t('encounters.participants.contactPreference')}</dt>
        <dd>{t(`encounters.contactPreferences.${p.contactPreference}`)}</dd>
        {p.notes !== null && (
          <>
            <dt>{t('encounters.participants.notes')}</dt>
            <dd>{p.notes || '—'}</dd>
          </>
        )}
      </dl>

      <ConsentPanel participant={p} canWrite={canWrite} />
      {canFollowUp && <FollowUpCreate participant={p} />}
      {canWrite && <ReferralCreate participant={p} />}
      {canWrite && <TransferPanel participant={p} />}

      <section className="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('encounters.timeline.title')}</h2>
        {timeline.isPending && <Loading />}
        <ErrorMessage error={timeline.error} />
        {timeline.data?.length === 0 && <EmptyState title={t('encounters.timeline.empty')} />}
        <ol className="timeline">
          {timeline.data?.map((item, i) => (
            <li key={`${item.kind}-${item.refId}-${i}`}>
              <span className="timeline-date">{fmt.date(item.on)}</span>
              <span className="timeline-kind">{t(`encounters.timeline.kinds.${item.kind}`)}</span>
              <span className="timeline-label">
                {item.kind === 'encounter' ? (
                  <Link to={`/encounters/${item.refId}`}>
                    {t(`encounters.activityKeys.${item.label}`, { defaultValue: item.label })}
                  </Link>
                ) : item.kind.startsWith('consent') ? (
                  t(`encounters.consent.purposes.${item.label}`)
                ) : item.kind === 'referral' ? (
                  t(`encounters.referrals.services.${item.label}`)
                ) : item.kind === 'follow_up_attempt' ? (
                  t(`encounters.followUps.outcomes.${item.label}`)
                ) : item.kind === 'follow_up' ? (
                  t(`encounters.followUps.status.${item.label}`)
                ) : (
                  item.label
                )}
                {item.detail && item.kind !== 'encounter' && item.kind !== 'consent_given' && (
                  <small className="muted"> · {item.detail}</small>
                )}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
