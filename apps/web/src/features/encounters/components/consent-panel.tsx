import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import {
  CONSENT_LANGUAGES,
  CONSENT_PURPOSES,
  type ConsentLanguage,
  type ConsentPurpose,
  type Participant,
} from '@begegnung/domain';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Alert, Badge, ConfirmDialog, Field } from '../../../components/ui.tsx';
import { useGiveConsent, useWithdrawConsent } from '../api/encounter-queries.ts';

export function ConsentPanel({
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
