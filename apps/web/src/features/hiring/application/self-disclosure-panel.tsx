import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SELF_DISCLOSURE_VALUES } from '@begegnung/domain';
import { ConfirmDialog, ErrorMessage, Field } from '../../../components/ui.tsx';
import {
  useReadSelfDisclosure,
  useRecordSelfDisclosure,
  type SelfDisclosure,
} from '../api/hiring-queries.ts';
import { FormActions } from '../shared/form-actions.tsx';

/** Art. 9 GDPR: hidden by default; shown only after an explicit, audited reason. */
export function SelfDisclosurePanel({
  applicationId,
  exists,
}: {
  applicationId: number;
  exists: boolean;
}) {
  return exists ? (
    <ShowSelfDisclosure applicationId={applicationId} />
  ) : (
    <RecordSelfDisclosure applicationId={applicationId} />
  );
}

function ShowSelfDisclosure({ applicationId }: { applicationId: number }) {
  const { t } = useTranslation();
  const read = useReadSelfDisclosure(applicationId);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<SelfDisclosure | null>(null);
  return (
    <section className="panel hiring-self-disclosure" aria-labelledby="sd-heading">
      <h2 id="sd-heading">{t('hiring.selfDisclosure.title')}</h2>
      <p className="muted small">{t('hiring.selfDisclosure.explain')}</p>
      {shown ? (
        <p>
          {t('hiring.selfDisclosure.value')}:{' '}
          <strong>
            {shown.migrationBackground
              ? t(`hiring.selfDisclosure.values.${shown.migrationBackground}`)
              : '—'}
          </strong>{' '}
          <button type="button" className="link-button" onClick={() => setShown(null)}>
            {t('hiring.selfDisclosure.hide')}
          </button>
        </p>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => setAsking(true)}>
          {t('hiring.selfDisclosure.show')}
        </button>
      )}
      <ConfirmDialog
        open={asking}
        title={t('hiring.selfDisclosure.show')}
        body={
          <>
            <p>{t('hiring.selfDisclosure.reasonExplain')}</p>
            <Field label={t('hiring.selfDisclosure.reason')}>
              {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            <ErrorMessage error={read.error} />
          </>
        }
        confirmLabel={t('hiring.selfDisclosure.confirm')}
        busy={read.isPending || reason.trim().length < 3}
        onCancel={() => setAsking(false)}
        onConfirm={() =>
          read.mutate(reason, {
            onSuccess: (d) => {
              setShown(d);
              setAsking(false);
              setReason('');
            },
          })
        }
      />
    </section>
  );
}

type Value = (typeof SELF_DISCLOSURE_VALUES)[number];

/** Recording the applicant's own, separately consented answer; never asked of anyone else. */
function RecordSelfDisclosure({ applicationId }: { applicationId: number }) {
  const { t } = useTranslation();
  const save = useRecordSelfDisclosure(applicationId);
  const [open, setOpen] = useState(false);
  const [consent, setConsent] = useState(false);
  const [value, setValue] = useState<Value>('prefer_not_to_say');
  return (
    <section className="panel hiring-self-disclosure" aria-labelledby="sd-heading">
      <h2 id="sd-heading">{t('hiring.selfDisclosure.title')}</h2>
      <p className="muted small">{t('hiring.selfDisclosure.none')}</p>
      {!open ? (
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          {t('hiring.selfDisclosure.record')}
        </button>
      ) : (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (consent)
              save.mutate(
                { consent: true, consentTextVersion: 'SD-2026-1', migrationBackground: value },
                { onSuccess: () => setOpen(false) },
              );
          }}
        >
          <ErrorMessage error={save.error} />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={consent}
              onChange={(e) => setConsent(e.target.checked)}
            />
            <span>{t('hiring.selfDisclosure.consent')}</span>
          </label>
          <Field label={t('hiring.selfDisclosure.value')}>
            {(p) => (
              <select {...p} value={value} onChange={(e) => setValue(e.target.value as Value)}>
                {SELF_DISCLOSURE_VALUES.map((v) => (
                  <option key={v} value={v}>
                    {t(`hiring.selfDisclosure.values.${v}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <FormActions busy={save.isPending} disabled={!consent} onCancel={() => setOpen(false)} />
        </form>
      )}
    </section>
  );
}
