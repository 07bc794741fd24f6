import { useTranslation } from 'react-i18next';
import type { Application } from '@begegnung/domain';
import { useFormat } from '../../../lib/format.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { ErrorMessage, Field } from '../../../components/ui.tsx';
import { useRetention } from '../api/hiring-queries.ts';
import { useDraft } from '../shared/use-draft.ts';

/** Rejection dates that start the purge clock, the legal hold and the talent-pool date (HR). */
export function RetentionPanel({ app }: { app: Application }) {
  const { t } = useTranslation();
  const f = useFormat();
  const save = useRetention(app.id);
  const errors = useFormErrors(save.error);
  const { draft, set } = useDraft(() => ({
    sent: app.rejectionSentOn ?? '',
    received: app.rejectionReceivedOn ?? '',
    hold: app.legalHold,
    holdReason: app.legalHoldReason ?? '',
    pool: app.talentPoolUntil ?? '',
  }));
  if (app.purged) return null;
  const date = (key: 'sent' | 'received' | 'pool') => (
    <Field
      label={t(`hiring.retention.${key}`)}
      hint={key === 'pool' ? t('hiring.retention.poolHint') : undefined}
      error={
        key === 'pool'
          ? undefined
          : errors.field(key === 'sent' ? 'rejectionSentOn' : 'rejectionReceivedOn')
      }
    >
      {(p) => (
        <input {...p} type="date" value={draft[key]} onChange={(e) => set(key)(e.target.value)} />
      )}
    </Field>
  );
  return (
    <section className="panel" aria-labelledby="retention-heading">
      <h2 id="retention-heading">{t('hiring.retention.title')}</h2>
      <p className="muted small">
        {app.purgeDueOn
          ? t('hiring.retention.due', { date: f.date(app.purgeDueOn) })
          : t('hiring.retention.noClock')}
      </p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            rejectionSentOn: draft.sent || null,
            rejectionReceivedOn: draft.received || null,
            legalHold: draft.hold,
            legalHoldReason: draft.holdReason || null,
            talentPoolUntil: draft.pool || null,
          });
        }}
      >
        <ErrorMessage error={save.error} />
        <div className="form-grid">
          {date('sent')}
          {date('received')}
          {date('pool')}
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.hold}
            onChange={(e) => set('hold')(e.target.checked)}
          />
          <span>{t('hiring.retention.hold')}</span>
        </label>
        {draft.hold && (
          <Field label={t('hiring.retention.holdReason')} error={errors.field('legalHoldReason')}>
            {(p) => (
              <input
                {...p}
                value={draft.holdReason}
                onChange={(e) => set('holdReason')(e.target.value)}
              />
            )}
          </Field>
        )}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={save.isPending}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
