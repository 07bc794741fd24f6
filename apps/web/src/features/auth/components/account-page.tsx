import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  passwordProblem,
  PASSWORD_MIN_LENGTH,
  REMINDER_MODES,
  type ReminderMode,
  type ReminderSettings,
} from '@begegnung/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { ConfirmDialog, ErrorMessage, Field, Notice, PageHeader } from '../../../components/ui.tsx';
import { useChangePassword, useCurrentUser, useSignOutEverywhere } from '../../../lib/session.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';

/** Change one's own password (current one required; other sessions end). */
function PasswordForm() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const change = useChangePassword();
  const errors = useFormErrors(change.error);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);
  const weak = next ? passwordProblem(next, user.email) : null;
  const mismatch = repeat !== '' && repeat !== next;
  const valid = current !== '' && next !== '' && !weak && repeat === next;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!valid) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
          setTouched(false);
        },
      },
    );
  };

  return (
    <section className="panel" aria-labelledby="pw-title">
      <h2 id="pw-title">{t('account.password.title')}</h2>
      <p className="muted small">{t('account.password.intro')}</p>
      <form onSubmit={onSubmit} noValidate className="account-form">
        {change.isSuccess && (
          <Notice tone="success">
            {t('account.password.done', { count: change.data.sessionsEnded })}
          </Notice>
        )}
        {change.error && !errors.field('currentPassword') && !errors.field('newPassword') && (
          <ErrorMessage error={change.error} />
        )}
        <Field
          label={t('account.password.current')}
          error={
            errors.field('currentPassword') ??
            (touched && !current ? t('account.password.required') : undefined)
          }
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('account.password.new')}
          hint={t('account.password.rule', { min: PASSWORD_MIN_LENGTH })}
          error={
            errors.field('newPassword') ??
            ((touched || next) && weak ? t(`account.password.problems.${weak}`) : undefined)
          }
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('account.password.repeat')}
          error={mismatch ? t('account.password.mismatch') : undefined}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={change.isPending}>
          {t('account.password.submit')}
        </button>
      </form>
    </section>
  );
}

const remindersKey = ['account', 'reminders'] as const;

/**
 * Reminder mails: off, on assignment (default), or also a daily digest of due tasks. When the
 * server has no SMTP configured the choice is kept but the page says that nothing is sent.
 */
function Reminders() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const current = useQuery({
    queryKey: remindersKey,
    queryFn: () => api.get<ReminderSettings>('/account/reminders'),
  });
  // The radio follows the click in the same render (React would otherwise put the old choice
  // back until the request is on its way); a refusal shows the saved choice again.
  const [chosen, setChosen] = useState<ReminderMode | null>(null);
  const save = useMutation({
    mutationFn: (reminders: ReminderMode) =>
      api.put<ReminderSettings>('/account/reminders', { reminders }),
    onError: () => setChosen(null),
    onSuccess: (data) => {
      qc.setQueryData(remindersKey, data);
      setChosen((c) => (c === data.reminders ? null : c));
    },
  });
  const data = current.data;
  return (
    <section className="panel" aria-labelledby="reminders-title">
      <h2 id="reminders-title">{t('account.reminders.title')}</h2>
      <p className="muted small">{t('account.reminders.intro')}</p>
      {current.error && <ErrorMessage error={current.error} />}
      {save.error && <ErrorMessage error={save.error} />}
      {data && !data.mailConfigured && (
        <Notice tone="warning" live={false}>
          {t('account.reminders.notConfigured')}
        </Notice>
      )}
      {data && (
        <fieldset className="fieldset">
          <legend>{t('account.reminders.legend', { email: data.email })}</legend>
          {REMINDER_MODES.map((m) => (
            <label key={m} className="radio-row">
              <input
                type="radio"
                name="reminders"
                value={m}
                checked={(chosen ?? data.reminders) === m}
                onChange={() => {
                  setChosen(m);
                  save.mutate(m);
                }}
              />{' '}
              <span>
                {t(`account.reminders.modes.${m}`)}
                <span className="muted small"> – {t(`account.reminders.hints.${m}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {save.isSuccess && <Notice tone="success">{t('account.reminders.saved')}</Notice>}
    </section>
  );
}

/** Sign out on every device (e.g. after losing a phone), after a confirmation. */
function SignOutEverywhere() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOutEverywhere();
  const [asking, setAsking] = useState(false);
  return (
    <section className="panel" aria-labelledby="everywhere-title">
      <h2 id="everywhere-title">{t('account.everywhere.title')}</h2>
      <p className="muted small">{t('account.everywhere.intro')}</p>
      {signOut.error && <ErrorMessage error={signOut.error} />}
      <button type="button" className="btn btn-danger" onClick={() => setAsking(true)}>
        {t('account.everywhere.button')}
      </button>
      <ConfirmDialog
        open={asking}
        title={t('account.everywhere.confirmTitle')}
        body={<p>{t('account.everywhere.confirmBody')}</p>}
        confirmLabel={t('account.everywhere.button')}
        danger
        busy={signOut.isPending}
        onCancel={() => setAsking(false)}
        onConfirm={() =>
          signOut.mutate(undefined, {
            onSuccess: () => navigate('/login', { replace: true }),
            onSettled: () => setAsking(false),
          })
        }
      />
    </section>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title={t('account.title')} subtitle={user.email} />
      <PasswordForm />
      <Reminders />
      <SignOutEverywhere />
    </>
  );
}
