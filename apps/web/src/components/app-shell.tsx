import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasRole, navSectionsFor } from '@begegnung/domain';
import { useCurrentUser, useLogout } from '../lib/session.ts';
import { useQueueEntries, useQueueSync } from '../lib/offline/use-offline-queue.ts';
import { LanguageSwitch } from './language-switch.tsx';
import { ConfirmDialog } from './ui.tsx';

/** Sends the offline queue whenever the network is there (centre staff only log encounters). */
function QueueSync({ userId }: { userId: number }) {
  useQueueSync(userId);
  return null;
}

/** Name, roles, language switch and sign-out: in the top bar on wide screens, in the menu on phones. */
function UserBlock({ className }: { className: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const { entries } = useQueueEntries(user.id);
  const [warn, setWarn] = useState(false);
  const signOut = () => logout.mutate(undefined, { onSettled: () => navigate('/login') });
  return (
    <div className={className}>
      <span className="nav-user-name" title={user.email}>
        {user.displayName}
        <small>{user.roles.map((r) => t(`roles.${r}`)).join(', ')}</small>
      </span>
      <LanguageSwitch />
      <NavLink to="/account" className="btn btn-ghost">
        {t('nav.account')}
      </NavLink>
      <button
        type="button"
        className="btn btn-ghost"
        onClick={() => (entries.length ? setWarn(true) : signOut())}
      >
        {t('nav.signOut')}
      </button>
      {warn && (
        <ConfirmDialog
          open
          title={t('nav.signOutPendingTitle')}
          body={t('nav.signOutPendingBody', { count: entries.length })}
          confirmLabel={t('nav.signOutAnyway')}
          danger
          busy={logout.isPending}
          onCancel={() => setWarn(false)}
          onConfirm={() => {
            setWarn(false);
            signOut();
          }}
        />
      )}
    </div>
  );
}

export function AppShell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [menuOpen, setMenuOpen] = useState(false);
  const sections = navSectionsFor(user.roles);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <NavLink to="/" className="brand" aria-label={t('app.name')}>
            <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
              <rect width="32" height="32" rx="7" fill="currentColor" />
              <circle cx="12" cy="16" r="6" fill="none" stroke="#fff" strokeWidth="2.5" />
              <circle cx="20" cy="16" r="6" fill="none" stroke="#f3b33d" strokeWidth="2.5" />
            </svg>
            <span>{t('app.name')}</span>
          </NavLink>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            {t('nav.menu')}
          </button>
          <UserBlock className="topbar-user" />
        </div>
      </header>
      <div className="shell-body">
        <nav
          id="main-nav"
          className={`main-nav${menuOpen ? ' open' : ''}`}
          aria-label={t('nav.label')}
        >
          {sections.map(({ section, areas }) => (
            <div key={section} className="nav-section">
              <h2 className="nav-section-title" id={`nav-${section}`}>
                {t(`nav.sections.${section}`)}
              </h2>
              <ul aria-labelledby={`nav-${section}`}>
                {areas.map((area) => (
                  <li key={area}>
                    <NavLink to={`/${area}`} onClick={() => setMenuOpen(false)}>
                      {t(`nav.${area}`)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <UserBlock className="nav-user" />
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {hasRole(user, 'centre_staff') && <QueueSync userId={user.id} />}
          <Outlet />
        </main>
      </div>
    </div>
  );
}
