import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import {
  CONSENT_LANGUAGES,
  CONSENT_PURPOSES,
  REFERRAL_SERVICES,
  addDays,
  canWriteCentreData,
  hasRole,
  localNow,
  type ConsentLanguage,
  type ConsentPurpose,
  type Participant,
  type ReferralService,
} from '@begegnung/domain';
import { centreQueries } from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import {
  Alert,
  Badge,
  ConfirmDialog,
  EmptyState,
  ErrorMessage,
  Field,
  Loading,
  Notice,
  PageHeader,
} from '../../../components/ui.tsx';
import {
  encounterQueries,
  participantQueries,
  useCreateFollowUp,
  useCreateReferral,
  useGiveConsent,
  useTransferParticipant,
  useWithdrawConsent,
} from '../api/encounter-queries.ts';

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

function ConsentPanel({
  participant: p,
  canWrite,
}: {
  participant: Participant;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const give = useGiveConsent(p.id);
  const withdraw = useWithdrawConsent(p.id);
  const errors = useFormErrors(give.error ?? withdraw.error);
  const [purpose, setPurpose] = useState<ConsentPurpose>('follow_up_contact');
  const [language, setLanguage] = useState<ConsentLanguage>('de');
  const [withdrawing, setWithdrawing] = useState<number | null>(null);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    give.mutate({ purpose, language });
  };
  return (
    <section className="panel" aria-labelledby="consent-title">
      <h2 id="consent-title">{t('encounters.consent.title')}</h2>
      {p.consents.length === 0 && <p className="muted">{t('encounters.consent.none')}</p>}
      <ul className="consent-list">
        {p.consents.map((c) => (
          <li key={c.id}>
            <div>
              <strong>{t(`encounters.consent.purposes.${c.purpose}`)}</strong>{' '}
              {c.valid ? (
                <Badge tone="success">{t('encounters.consent.valid')}</Badge>
              ) : (
                <Badge tone="muted">
                  {c.withdrawnOn
                    ? t('encounters.consent.withdrawn')
                    : t('encounters.consent.expired')}
                </Badge>
              )}
              <div className="muted small">
                {t('encounters.consent.line', {
                  given: fmt.date(c.givenOn),
                  expires: fmt.date(c.expiresOn),
                  language: t(`encounters.languages.${c.language}`),
                  by: c.explainedByName,
                })}
                {c.withdrawnOn &&
                  ` · ${t('encounters.consent.withdrawnOn', { date: fmt.date(c.withdrawnOn) })}`}
              </div>
            </div>
            {canWrite && c.valid && (
              <button
                type="button"
                className="btn btn-small btn-danger-outline"
                disabled={withdraw.isPending}
                onClick={() => setWithdrawing(c.id)}
              >
                {t('encounters.consent.withdraw')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={withdrawing !== null}
        danger
        busy={withdraw.isPending}
        title={t('encounters.consent.withdrawConfirmTitle')}
        body={t('encounters.consent.withdrawConfirmBody')}
        confirmLabel={t('encounters.consent.withdraw')}
        onCancel={() => setWithdrawing(null)}
        onConfirm={() =>
          withdrawing !== null &&
          withdraw.mutate(withdrawing, { onSettled: () => setWithdrawing(null) })
        }
      />
      {canWrite && (
        <form className="inline-form" onSubmit={onSubmit} noValidate>
          <Alert>{errors.general}</Alert>
          <Field label={t('encounters.consent.purpose')}>
            {(f) => (
              <select
                {...f}
                value={purpose}
                onChange={(e) => setPurpose(e.target.value as ConsentPurpose)}
              >
                {CONSENT_PURPOSES.map((x) => (
                  <option key={x} value={x}>
                    {t(`encounters.consent.purposes.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('encounters.consent.language')}>
            {(f) => (
              <select
                {...f}
                value={language}
                onChange={(e) => setLanguage(e.target.value as ConsentLanguage)}
              >
                {CONSENT_LANGUAGES.map((x) => (
                  <option key={x} value={x}>
                    {t(`encounters.languages.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={give.isPending}>
            {t('encounters.consent.record')}
          </button>
          <Link className="btn" to={`/consent-sheet/${language}?participant=${p.id}`}>
            {t('encounters.consent.sheet')}
          </Link>
        </form>
      )}
    </section>
  );
}

function FollowUpCreate({ participant: p }: { participant: Participant }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const staff = useQuery(encounterQueries.staff(p.centreId));
  const create = useCreateFollowUp();
  const errors = useFormErrors(create.error);
  const [assigneeId, setAssigneeId] = useState(0);
  const [dueOn, setDueOn] = useState(addDays(localNow().date, 7));
  const [reason, setReason] = useState('');
  const assignee =
    assigneeId || staff.data?.find((s) => s.id === user.id)?.id || staff.data?.[0]?.id || 0;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { participantId: p.id, assigneeId: assignee, dueOn, reason },
      { onSuccess: () => setReason('') },
    );
  };
  return (
    <section className="panel" aria-labelledby="fu-title">
      <h2 id="fu-title">{t('encounters.followUps.new')}</h2>
      {!p.followUpConsent ? (
        <p className="muted">{t('encounters.consent.gateExplained')}</p>
      ) : (
        <form className="inline-form" onSubmit={onSubmit} noValidate>
          <Alert>{errors.general}</Alert>
          {create.isSuccess && <Notice tone="success">{t('encounters.followUps.created')}</Notice>}
          <Field label={t('encounters.followUps.assignee')} error={errors.field('assigneeId')}>
            {(f) => (
              <select
                {...f}
                value={assignee}
                onChange={(e) => setAssigneeId(Number(e.target.value))}
              >
                {staff.data?.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('encounters.followUps.dueOn')} error={errors.field('dueOn')}>
            {(f) => (
              <input {...f} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
            )}
          </Field>
          <Field label={t('encounters.followUps.reason')} error={errors.field('reason')}>
            {(f) => <input {...f} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {t('encounters.followUps.create')}
          </button>
        </form>
      )}
    </section>
  );
}

function ReferralCreate({ participant: p }: { participant: Participant }) {
  const { t } = useTranslation();
  const create = useCreateReferral(p.id);
  const errors = useFormErrors(create.error);
  const [service, setService] = useState<ReferralService>('counselling');
  const [note, setNote] = useState('');
  if (!p.followUpConsent) return null;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { service, ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: () => setNote('') },
    );
  };
  return (
    <section className="panel" aria-labelledby="ref-title">
      <h2 id="ref-title">{t('encounters.referrals.title')}</h2>
      <form className="inline-form" onSubmit={onSubmit} noValidate>
        <Alert>{errors.general}</Alert>
        <Field label={t('encounters.referrals.service')}>
          {(f) => (
            <select
              {...f}
              value={service}
              onChange={(e) => setService(e.target.value as ReferralService)}
            >
              {REFERRAL_SERVICES.map((s) => (
                <option key={s} value={s}>
                  {t(`encounters.referrals.services.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('encounters.referrals.note')} error={errors.field('note')}>
          {(f) => <input {...f} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <button type="submit" className="btn" disabled={create.isPending}>
          {t('encounters.referrals.create')}
        </button>
      </form>
    </section>
  );
}

function TransferPanel({ participant: p }: { participant: Participant }) {
  const { t } = useTranslation();
  const centres = useQuery(centreQueries.list());
  const transfer = useTransferParticipant(p.id);
  const errors = useFormErrors(transfer.error);
  const [centreId, setCentreId] = useState(0);
  const [reason, setReason] = useState('');
  if (transfer.isSuccess) return <Notice tone="success">{t('encounters.transfer.done')}</Notice>;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    transfer.mutate({ centreId, reason });
  };
  return (
    <details className="panel">
      <summary>{t('encounters.transfer.title')}</summary>
      <p className="field-hint">{t('encounters.transfer.hint')}</p>
      <form className="inline-form" onSubmit={onSubmit} noValidate>
        <Alert>{errors.general}</Alert>
        <Field label={t('encounters.transfer.to')} error={errors.field('centreId')}>
          {(f) => (
            <select {...f} value={centreId} onChange={(e) => setCentreId(Number(e.target.value))}>
              <option value={0}>{t('common.choose')}</option>
              {centres.data
                ?.filter((c) => c.id !== p.centreId && c.active)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label={t('encounters.transfer.reason')} error={errors.field('reason')}>
          {(f) => <input {...f} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <button type="submit" className="btn" disabled={transfer.isPending || !centreId}>
          {t('encounters.transfer.submit')}
        </button>
      </form>
    </details>
  );
}
