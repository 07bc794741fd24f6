import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ErasurePreview, ErasureResult } from '@begegnung/domain';
import {
  ErrorMessage,
  Field,
  FieldError,
  Loading,
  Notice,
  PageHeader,
} from '../../../components/ui.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { exportUrl, privacyQueries, useErase } from '../api/privacy-queries.ts';
import { ApplicantRequests } from './applicant-requests.tsx';

const CODE = /^[A-Z0-9]{1,6}-[0-9A-Z]{3,12}$/;
const COUNTS = [
  'consents',
  'attendances',
  'followUps',
  'referrals',
  'groupMemberships',
  'transfers',
] as const;

/** Subject access and erasure by participant code (role data_protection). */
export function SubjectRequests() {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [erased, setErased] = useState<ErasureResult | null>(null);

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    const c = input.trim().toUpperCase();
    setInvalid(!CODE.test(c));
    setErased(null);
    setCode(CODE.test(c) ? c : null);
  };

  return (
    <>
      <PageHeader title={t('privacy.subject.title')} subtitle={t('privacy.subject.subtitle')} />
      <h2>{t('privacy.subject.participantsTitle')}</h2>
      <form
        className="panel privacy-search"
        onSubmit={onSearch}
        role="search"
        aria-label={t('privacy.subject.search')}
        noValidate
      >
        <Field
          label={t('privacy.subject.code')}
          hint={t('privacy.subject.codeHint')}
          error={invalid ? t('privacy.subject.codeInvalid') : undefined}
        >
          {(f) => (
            <input
              {...f}
              value={input}
              onChange={(e) => setInput(e.target.value)}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary">
          {t('privacy.subject.find')}
        </button>
      </form>
      {erased && (
        <Notice tone="success">
          {t('privacy.erase.done', { code: erased.code, count: erased.attendances })}
        </Notice>
      )}
      {code && !erased && <SubjectCard code={code} onErased={setErased} />}
      <ApplicantRequests />
    </>
  );
}

function SubjectCard({ code, onErased }: { code: string; onErased: (r: ErasureResult) => void }) {
  const { t } = useTranslation();
  const preview = useQuery(privacyQueries.erasurePreview(code));
  if (preview.isPending) return <Loading />;
  if (preview.error instanceof ApiError && preview.error.code === 'NOT_FOUND') {
    return <Notice tone="warning">{t('privacy.subject.notFound', { code })}</Notice>;
  }
  if (preview.error) return <ErrorMessage error={preview.error} />;
  const p = preview.data;
  return (
    <div className="privacy-columns">
      <section className="panel" aria-labelledby="access-title">
        <h2 id="access-title">{t('privacy.subject.accessTitle', { code: p.code })}</h2>
        <p className="muted">{t('privacy.subject.accessHint')}</p>
        <div className="actions-row">
          <a className="btn btn-primary" href={exportUrl(p.code, 'pdf')} download>
            {t('privacy.subject.pdf')}
          </a>
          <a className="btn" href={exportUrl(p.code, 'json')} download>
            {t('privacy.subject.json')}
          </a>
        </div>
      </section>
      <EraseForm preview={p} onErased={onErased} />
    </div>
  );
}

function EraseForm({
  preview: p,
  onErased,
}: {
  preview: ErasurePreview;
  onErased: (r: ErasureResult) => void;
}) {
  const { t } = useTranslation();
  const erase = useErase(p.code);
  const errors = useFormErrors(erase.error);
  const [reason, setReason] = useState('');
  const [confirmCode, setConfirmCode] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    erase.mutate({ reason, confirmCode }, { onSuccess: onErased });
  };
  return (
    <form
      className="panel privacy-erase"
      onSubmit={onSubmit}
      aria-labelledby="erase-title"
      noValidate
    >
      <h2 id="erase-title">{t('privacy.erase.title')}</h2>
      <p>{t('privacy.erase.intro')}</p>
      <ul className="privacy-counts">
        <li>
          {t('privacy.erase.identity')}:{' '}
          <strong>
            {p.identityFields.length
              ? p.identityFields.map((f) => t(`privacy.fields.${f}`)).join(', ')
              : t('privacy.erase.noIdentity')}
          </strong>
        </li>
        {COUNTS.map((k) => (
          <li key={k}>
            {t(`privacy.erase.counts.${k}`)}: <strong>{p[k]}</strong>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('privacy.erase.statsKept')}</p>
      <Field label={t('privacy.erase.reason')} error={errors.field('reason')}>
        {(f) => (
          <textarea {...f} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
      <Field
        label={t('privacy.erase.confirmCode', { code: p.code })}
        error={errors.field('confirmCode')}
      >
        {(f) => (
          <input
            {...f}
            value={confirmCode}
            onChange={(e) => setConfirmCode(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      {!errors.field('reason') && !errors.field('confirmCode') && (
        <FieldError alert>{errors.general}</FieldError>
      )}
      <button
        type="submit"
        className="btn btn-danger"
        disabled={
          erase.isPending || confirmCode.trim().toUpperCase() !== p.code || reason.trim().length < 5
        }
      >
        {t('privacy.erase.submit')}
      </button>
    </form>
  );
}
