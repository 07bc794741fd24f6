import { useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ERROR_CODES } from '@begegnung/domain';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client.ts';
import {
  endedForInactivityNotice,
  ssoStatusQuery,
  startSingleSignOn,
  useLogin,
  useSession,
} from '../../../lib/session.ts';
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
  const sso = useQuery(ssoStatusQuery);
  const [params] = useSearchParams();
  const ssoCode = params.get('sso');
  // Only codes the API sends back from the sign-in (never free text from the address bar).
  const ssoError = ERROR_CODES.find((c) => c === ssoCode);
  const [redirecting, setRedirecting] = useState(false);
  const ssoEnabled = sso.data?.enabled ?? false;
  const ssoRequired = sso.data?.required ?? false;

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

  const form = (
    <form onSubmit={onSubmit} noValidate>
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
            autoFocus={!ssoEnabled}
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
  );

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
        <h2>{t('login.title')}</h2>
        {idle && !error && <Notice tone="warning">{t('login.idleNotice')}</Notice>}
        {ssoError && !error && <Alert>{t(`errors.${ssoError}`)}</Alert>}
        {ssoEnabled && (
          <div className="login-sso">
            <button
              type="button"
              className="btn btn-primary btn-block"
              disabled={redirecting}
              onClick={() => {
                setRedirecting(true);
                void startSingleSignOn(from);
              }}
            >
              {redirecting ? t('login.ssoRedirecting') : t('login.sso')}
            </button>
          </div>
        )}
        {sso.isPending ? null : ssoRequired ? (
          <BreakGlass open={error !== null}>{form}</BreakGlass>
        ) : (
          <>
            {ssoEnabled && <p className="login-or">{t('login.or')}</p>}
            {form}
          </>
        )}
        <p className="login-foot">{t('login.privacyNote')}</p>
      </main>
    </div>
  );
}

/** With SSO required, the password form is for local administrators only, behind a disclosure. */
function BreakGlass({ open, children }: { open: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <details className="login-break-glass" open={open || undefined}>
      <summary>{t('login.breakGlass')}</summary>
      <p className="muted small">{t('login.breakGlassHint')}</p>
      {children}
    </details>
  );
}
