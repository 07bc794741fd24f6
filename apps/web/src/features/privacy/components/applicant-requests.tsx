import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApplicantMatch } from '@begegnung/domain';
import {
  Badge,
  ConfirmDialog,
  EmptyState,
  ErrorMessage,
  Field,
  FieldError,
  Loading,
  Notice,
} from '../../../components/ui.tsx';
import { useFormat } from '../../../lib/format.ts';
import { messageFor } from '../../../lib/use-form-errors.ts';
import { applicantExportUrl, privacyQueries, useEraseApplicant } from '../api/privacy-queries.ts';

/** Subject requests of applicants, found by the email address the request came from. */
export function ApplicantRequests() {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [email, setEmail] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [erasedId, setErasedId] = useState<number | null>(null);
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    const v = input.trim();
    const ok = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
    setInvalid(!ok);
    setErasedId(null);
    setEmail(ok ? v : null);
  };
  return (
    <section className="privacy-applicants" aria-labelledby="applicants-title">
      <h2 id="applicants-title">{t('privacy.applicant.title')}</h2>
      <form
        className="panel privacy-search"
        onSubmit={onSearch}
        role="search"
        aria-label={t('privacy.applicant.search')}
        noValidate
      >
        <Field
          label={t('privacy.applicant.email')}
          hint={t('privacy.applicant.emailHint')}
          error={invalid ? t('privacy.applicant.emailInvalid') : undefined}
        >
          {(f) => (
            <input
              {...f}
              type="email"
              value={input}
              onChange={(e) => setInput(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary">
          {t('privacy.subject.find')}
        </button>
      </form>
      {erasedId !== null && (
        <Notice tone="success">{t('privacy.applicant.done', { id: erasedId })}</Notice>
      )}
      {email && <ApplicantMatches email={email} onErased={setErasedId} />}
    </section>
  );
}

function ApplicantMatches({ email, onErased }: { email: string; onErased: (id: number) => void }) {
  const { t } = useTranslation();
  const found = useQuery(privacyQueries.applicants(email));
  if (found.isPending) return <Loading />;
  if (found.error) return <ErrorMessage error={found.error} />;
  if (found.data.length === 0) return <EmptyState title={t('privacy.applicant.none', { email })} />;
  return (
    <ul className="privacy-matches">
      {found.data.map((a) => (
        <ApplicantCard key={a.id} a={a} email={email} onErased={onErased} />
      ))}
    </ul>
  );
}

function ApplicantCard({
  a,
  email,
  onErased,
}: {
  a: ApplicantMatch;
  email: string;
  onErased: (id: number) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const erase = useEraseApplicant(email);
  const [confirm, setConfirm] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <li className="panel">
      <h3>
        {a.name} · {t('privacy.applicant.number', { id: a.id })}
      </h3>
      <p className="muted">
        {a.vacancy} · {t('privacy.applicant.received', { date: fmt.date(a.receivedOn) })}{' '}
        {a.purgedAt && <Badge tone="muted">{t('privacy.applicant.erased')}</Badge>}
        {a.legalHold && <Badge tone="accent">{t('privacy.applicant.legalHold')}</Badge>}
      </p>
      <div className="actions-row">
        <a className="btn btn-primary" href={applicantExportUrl(a.id, 'pdf')} download>
          {t('privacy.subject.pdf')}
        </a>
        <a className="btn" href={applicantExportUrl(a.id, 'json')} download>
          {t('privacy.subject.json')}
        </a>
        {!a.purgedAt && (
          <button
            type="button"
            className="btn btn-danger-outline"
            disabled={a.legalHold}
            title={a.legalHold ? t('privacy.applicant.legalHoldHint') : undefined}
            onClick={() => setConfirm(true)}
          >
            {t('privacy.applicant.erase')}
          </button>
        )}
      </div>
      {a.legalHold && <p className="muted small">{t('privacy.applicant.legalHoldHint')}</p>}
      {erase.error && <FieldError alert>{messageFor(t, erase.error)}</FieldError>}
      <ConfirmDialog
        open={confirm}
        danger
        busy={erase.isPending || reason.trim().length < 5}
        title={t('privacy.applicant.confirmTitle', { name: a.name })}
        body={
          <>
            <p>{t('privacy.applicant.confirmBody')}</p>
            <Field label={t('privacy.erase.reason')}>
              {(f) => (
                <textarea
                  {...f}
                  rows={2}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              )}
            </Field>
          </>
        }
        confirmLabel={t('privacy.applicant.erase')}
        onCancel={() => setConfirm(false)}
        onConfirm={() =>
          erase.mutate(
            { id: a.id, confirmId: a.id, reason },
            { onSuccess: () => onErased(a.id), onSettled: () => setConfirm(false) },
          )
        }
      />
    </li>
  );
}
