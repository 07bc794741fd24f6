import { Navigate } from 'react-router';
import { useCurrentUser } from '../lib/session.ts';
import { homePath } from './home-path.ts';

/** Everyone starts on the screen of their everyday task (see homePath). */
export function HomeRedirect() {
  return <Navigate to={homePath(useCurrentUser())} replace />;
}
