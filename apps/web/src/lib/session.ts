import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session, SsoStatus } from '@begegnung/domain';
import { api, ApiError, setCsrfToken } from './api-client.ts';
import { clearApiCache } from './offline/api-cache.ts';

// Set when the server ended the session for inactivity; the sign-in page says so once.
let endedForInactivity = false;
export const noteSessionExpired = () => {
  endedForInactivity = true;
};
/** Whether the last session ended for inactivity (cleared by the next sign-in). */
export const endedForInactivityNotice = () => endedForInactivity;

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<Session | null> => {
    try {
      const s = await api.get<Session>('/auth/session');
      setCsrfToken(s.csrfToken);
      return s;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        if (e.code === 'SESSION_EXPIRED') noteSessionExpired();
        setCsrfToken(null);
        return null;
      }
      throw e;
    }
  },
  staleTime: 5 * 60_000,
});

export const useSession = () => useQuery(sessionQuery);

/** Whether the sign-in page offers single sign-on, and whether it is required. */
export const ssoStatusQuery = queryOptions({
  queryKey: ['auth', 'sso'],
  queryFn: () => api.get<SsoStatus>('/auth/sso'),
  // The password form waits for this answer: without network, show it at once.
  retry: false,
  staleTime: 60_000,
});

/**
 * Starts single sign-on: the browser leaves for the provider and comes back signed in to
 * `returnTo`. Cached rosters of a previous user are deleted first, as at a password sign-in.
 */
export async function startSingleSignOn(returnTo: string) {
  await clearApiCache().catch(() => undefined);
  window.location.assign(`/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
}

/** The signed-in user; only call below a guard that ensured there is one. */
export function useCurrentUser() {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser outside of a signed-in area');
  return data.user;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api.post<Session>('/auth/login', body),
    onSuccess: (session) => {
      endedForInactivity = false;
      setCsrfToken(session.csrfToken);
      void clearApiCache();
      qc.clear();
      qc.setQueryData(sessionQuery.queryKey, session);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/auth/logout'),
    // The offline queue stays (it belongs to the user and is sent at the next sign-in); the
    // cached rosters go, so nothing personal stays readable on a shared device.
    onSettled: () => {
      setCsrfToken(null);
      void clearApiCache();
      qc.clear();
      qc.setQueryData(sessionQuery.queryKey, null);
    },
  });
}

/** Change one's own password; the server ends the user's other sessions. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<{ ok: true; sessionsEnded: number }>('/auth/password', body),
  });
}

/** End every session of the user, this one included. */
export function useSignOutEverywhere() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true; sessionsEnded: number }>('/auth/logout-all'),
    onSuccess: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(sessionQuery.queryKey, null);
    },
  });
}
