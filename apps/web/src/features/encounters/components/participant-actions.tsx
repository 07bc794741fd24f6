import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  REFERRAL_SERVICES,
  addDays,
  localNow,
  type Participant,
  type ReferralService,
} from '@begegnung/domain';
import { centreQueries, staffQueries } from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Alert, Field, Notice } from '../../../components/ui.tsx';
import {
  useCreateFollowUp,
  useCreateReferral,
  useTransferParticipant,
} from '../api/encounter-queries.ts';

export function FollowUpCreate({ participant: p }: { participant: Participant }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const staff = useQuery(staffQueries.forCentre(p.centreId));
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

export function ReferralCreate({ participant: p }: { participant: Participant }) {
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

export function TransferPanel({ participant: p }: { participant: Participant }) {
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
