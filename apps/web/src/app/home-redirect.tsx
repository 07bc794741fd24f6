import { Navigate } from 'react-router';
import { hasRole } from '@begegnung/domain';
import { useCurrentUser } from '../lib/session.ts';

/** Centre staff start on "Heute erfassen" (their everyday screen); everyone else on centres. */
export function HomeRedirect() {
  const user = useCurrentUser();
  return <Navigate to={hasRole(user, 'centre_staff') ? '/today' : '/centres'} replace />;
}
