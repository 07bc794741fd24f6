import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import {
  FOLLOW_UP_OUTCOMES,
  localNow,
  type FollowUp,
  type FollowUpOutcome,
} from '@begegnung/domain';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Alert, Badge, PageHeader } from '../../../components/ui.tsx';
import { PageState } from '../../../components/page-state.tsx';
import { followUpQueries, useFollowUpActions } from '../api/encounter-queries.ts';
import { participantLabel } from './labels.ts';

export function FollowUpList() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const [mine, setMine] = useState(false);
  const list = useQuery(
    followUpQueries.list({ status, mine: mine || undefined, limit: 100, offset: 0 }),
  );
  return (
    <>
      <PageHeader
        title={t('encounters.followUps.title')}
        subtitle={t('encounters.followUps.subtitle')}
      />
      <div className="filters">
        <label>
          <span>{t('encounters.followUps.statusLabel')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'closed')}>
            <option value="open">{t('encounters.followUps.status.open')}</option>
            <option value="closed">{t('encounters.followUps.status.closed')}</option>
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />
          <span>{t('encounters.followUps.mine')}</span>
        </label>
      </div>
      <PageState
        query={list}
        isEmpty={(d) => d.items.length === 0}
        empty={t('encounters.followUps.empty')}
      >
        {(d) => (
          <ul className="card-grid">
            {d.items.map((f) => (
              <FollowUpCard key={f.id} f={f} />
            ))}
          </ul>
        )}
      </PageState>
    </>
  );
}

function FollowUpCard({ f }: { f: FollowUp }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const actions = useFollowUpActions(f.id);
  const errors = useFormErrors(actions.attempt.error ?? actions.close.error);
  const [outcome, setOutcome] = useState<FollowUpOutcome>('reached');
  const [note, setNote] = useState('');
  const overdue = f.status === 'open' && f.dueOn < localNow().date;
  const onAttempt = (e: FormEvent) => {
    e.preventDefault();
    actions.attempt.mutate(
      { outcome, ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: () => setNote('') },
    );
  };
  return (
    <li className="card">
      <div className="card-head">
        <h2 className="card-title">
          <Link to={`/participants/${f.participantId}`}>
            {participantLabel({ code: f.participantCode, alias: f.participantAlias })}
          </Link>
        </h2>
        {f.status === 'closed' ? (
          <Badge tone="muted">
            {f.closedReason
              ? t(`encounters.followUps.closedReasons.${f.closedReason}`)
              : f.outcome
                ? t(`encounters.followUps.outcomes.${f.outcome}`)
                : t('encounters.followUps.status.closed')}
          </Badge>
        ) : overdue ? (
          <Badge tone="accent">{t('encounters.followUps.overdue')}</Badge>
        ) : null}
      </div>
      <p className="card-meta">
        {t('encounters.followUps.meta', { due: fmt.date(f.dueOn), assignee: f.assigneeName })}
      </p>
      <p>{f.reason}</p>
      {f.attempts.length > 0 && (
        <ul className="attempts small">
          {f.attempts.map((a) => (
            <li key={a.id}>
              {fmt.date(a.attemptedOn)} · {t(`encounters.followUps.outcomes.${a.outcome}`)} ·{' '}
              {a.byName}
              {a.note && <span className="muted"> – {a.note}</span>}
            </li>
          ))}
        </ul>
      )}
      {f.status === 'open' && (
        <form className="inline-form" onSubmit={onAttempt} noValidate>
          <Alert>{errors.general}</Alert>
          <select
            aria-label={t('encounters.followUps.outcome')}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as FollowUpOutcome)}
          >
            {FOLLOW_UP_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`encounters.followUps.outcomes.${o}`)}
              </option>
            ))}
          </select>
          <input
            aria-label={t('encounters.followUps.note')}
            placeholder={t('encounters.followUps.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="btn btn-small" disabled={actions.attempt.isPending}>
            {t('encounters.followUps.addAttempt')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={actions.close.isPending}
            onClick={() => actions.close.mutate({ outcome })}
          >
            {t('encounters.followUps.close')}
          </button>
        </form>
      )}
    </li>
  );
}
