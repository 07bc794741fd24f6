import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client.ts';
import { endedForInactivityNotice, useLogin, useSession } from '../../../lib/session.ts';
import { Alert, Field, Notice } from '../../../components/ui.tsx';
import { LanguageSwitch } from '../../../components/language-switch.tsx';
import { messageFor } from '../../../lib/use-form-errors.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const idle = endedForInactivityNotice();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session.data) return <Navigate to={from} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(from, { replace: true }) },
    );
  };
  const error = login.error;
  const validation = error instanceof ApiError && error.code === 'VALIDATION_FAILED';

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-card" id="main">
        <div className="login-brand">
          <svg viewBox="0 0 32 32" width="44" height="44" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#0f5468" />
            <circle cx="12" cy="16" r="6" fill="none" stroke="#fff" strokeWidth="2.5" />
            <circle cx="20" cy="16" r="6" fill="none" stroke="#f3b33d" strokeWidth="2.5" />
          </svg>
          <div>
            <h1>{t('app.name')}</h1>
            <p>{t('app.tagline')}</p>
          </div>
        </div>
        <form onSubmit={onSubmit} noValidate>
          <h2>{t('login.title')}</h2>
          {idle && !error && <Notice tone="warning">{t('login.idleNotice')}</Notice>}
          {error && <Alert>{validation ? t('login.checkInput') : messageFor(t, error)}</Alert>}
          <Field label={t('login.email')}>
            {(p) => (
              <input
                {...p}
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                autoFocus
              />
            )}
          </Field>
          <Field label={t('login.password')}>
            {(p) => (
              <input
                {...p}
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending}>
            {login.isPending ? t('login.signingIn') : t('login.submit')}
          </button>
        </form>
        <p className="login-foot">{t('login.privacyNote')}</p>
      </main>
    </div>
  );
}
