import { Navigate } from 'react-router';
import { hasRole } from '@begegnung/domain';
import { useCurrentUser } from '../lib/session.ts';

/**
 * Centre staff start on "Heute erfassen" (their everyday screen), coordinators on the
 * dashboard, everyone else on centres.
 */
export function HomeRedirect() {
  const user = useCurrentUser();
  const home = hasRole(user, 'centre_staff')
    ? '/today'
    : hasRole(user, 'coordinator')
      ? '/dashboard'
      : '/centres';
  return <Navigate to={home} replace />;
}
