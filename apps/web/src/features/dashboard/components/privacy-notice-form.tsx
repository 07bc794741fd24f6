import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NOTICE_KEYS, type NoticeKey, type PrivacyNotice } from '@begegnung/domain';
import { ErrorMessage, Field, Loading, Notice } from '../../../components/ui.tsx';
import { reportingQueries, useUpdateNotice } from '../api/dashboard-queries.ts';

/** Admin: controller, data-protection officer, supervisory authority and recipients. */
export function PrivacyNoticeSection() {
  const { t } = useTranslation();
  const q = useQuery(reportingQueries.privacyNotice());
  return (
    <section className="panel" aria-labelledby="notice-title">
      <h2 id="notice-title">{t('dashboard.settings.notice.title')}</h2>
      <p className="small muted">
        {t('dashboard.settings.notice.hint')}{' '}
        <Link to="/consent-sheet/all">{t('dashboard.settings.notice.sheet')}</Link>
      </p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorMessage error={q.error} />
      ) : (
        <NoticeForm initial={q.data} />
      )}
    </section>
  );
}

function NoticeForm({ initial }: { initial: PrivacyNotice }) {
  const { t } = useTranslation();
  const save = useUpdateNotice();
  const [values, setValues] = useState<PrivacyNotice>(initial);
  const problem = (k: NoticeKey) => {
    const n = values[k].trim().length;
    return n >= 5 && n <= 400 ? undefined : t('dashboard.settings.notice.length');
  };
  const valid = NOTICE_KEYS.every((k) => !problem(k));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) save.mutate(values);
  };
  return (
    <form onSubmit={submit} noValidate>
      {NOTICE_KEYS.map((k) => (
        <Field key={k} label={t(`dashboard.settings.notice.${k}`)} error={problem(k)}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              maxLength={400}
              value={values[k]}
              onChange={(e) => setValues({ ...values, [k]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <div className="dash-actions">
        <button type="submit" className="btn btn-primary" disabled={!valid || save.isPending}>
          {t('dashboard.settings.save')}
        </button>
      </div>
      {save.isSuccess && <Notice tone="success">{t('dashboard.settings.saved')}</Notice>}
      {save.error && <ErrorMessage error={save.error} />}
    </form>
  );
}
