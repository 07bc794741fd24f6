import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { hasRole, type Role } from '@begegnung/domain';
import { useTranslation } from 'react-i18next';
import { useSession } from '../lib/session.ts';
import { Alert, ErrorMessage, Loading } from '../components/ui.tsx';

/** Renders children only for a signed-in user (and, if given, one of the roles). */
export function RequireAuth({ children, roles }: { children: ReactNode; roles?: Role[] }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.error)
    return <ErrorMessage error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (roles && !hasRole(session.data.user, ...roles)) {
    return <Alert>{t('errors.FORBIDDEN')}</Alert>;
  }
  return <>{children}</>;
}
