import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  SETTING_KEYS,
  SETTING_RANGES,
  type MailStatus,
  type Settings,
  type SettingKey,
} from '@begegnung/domain';
import { api } from '../../../lib/api-client.ts';
import { ErrorMessage, Field, Loading, Notice, PageHeader } from '../../../components/ui.tsx';
import { reportingQueries, useUpdateSettings } from '../api/dashboard-queries.ts';
import { PrivacyNoticeSection } from './privacy-notice-form.tsx';
import { SsoSection } from './sso-settings-form.tsx';

/** Admin: out-of-view thresholds N and M, and the retention periods. */
export function SettingsPage() {
  const { t } = useTranslation();
  const q = useQuery(reportingQueries.settings());
  return (
    <>
      <PageHeader
        title={t('dashboard.settings.title')}
        subtitle={t('dashboard.settings.subtitle')}
      />
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorMessage error={q.error} />
      ) : (
        <Form initial={q.data} />
      )}
      <MailStatusSection />
      <PrivacyNoticeSection />
      <SsoSection />
    </>
  );
}

/** Whether the server can send reminder mails (SMTP is configured by environment variables). */
function MailStatusSection() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['mail', 'status'],
    queryFn: () => api.get<MailStatus>('/mail/status'),
  });
  return (
    <section className="panel" aria-labelledby="mail-status-title">
      <h2 id="mail-status-title">{t('dashboard.settings.mail.title')}</h2>
      {q.error && <ErrorMessage error={q.error} />}
      {q.data &&
        (q.data.configured ? (
          <Notice tone="success" live={false}>
            {t('dashboard.settings.mail.configured')}
          </Notice>
        ) : (
          <Notice tone="warning" live={false}>
            {t('dashboard.settings.mail.notConfigured')}
          </Notice>
        ))}
      <p className="muted small">{t('dashboard.settings.mail.hint')}</p>
    </section>
  );
}

function Form({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const save = useUpdateSettings();
  const [values, setValues] = useState<Record<SettingKey, string>>(
    () =>
      Object.fromEntries(SETTING_KEYS.map((k) => [k, String(initial[k])])) as Record<
        SettingKey,
        string
      >,
  );
  const problem = (k: SettingKey) => {
    const n = Number(values[k]);
    const r = SETTING_RANGES[k];
    return Number.isInteger(n) && n >= r.minimum && n <= r.maximum
      ? undefined
      : t('dashboard.settings.range', { min: r.minimum, max: r.maximum });
  };
  const valid = SETTING_KEYS.every((k) => !problem(k));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    save.mutate(Object.fromEntries(SETTING_KEYS.map((k) => [k, Number(values[k])])));
  };
  return (
    <form className="panel dash-settings" onSubmit={submit} noValidate>
      {SETTING_KEYS.map((k) => (
        <Field
          key={k}
          label={t(`dashboard.settings.${k}`)}
          hint={t(`dashboard.settings.${k}Hint`)}
          error={problem(k)}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={SETTING_RANGES[k].minimum}
              max={SETTING_RANGES[k].maximum}
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
