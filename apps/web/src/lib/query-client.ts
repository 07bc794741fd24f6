import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client.ts';
import { noteSessionExpired } from './session.ts';

export function createQueryClient() {
  // A 401 anywhere means the session ended (expired, signed out elsewhere, deactivated):
  // forget it so the guard sends the user to the sign-in page.
  const onError = (error: unknown) => {
    if (!(error instanceof ApiError) || error.status !== 401) return;
    if (error.code === 'SESSION_EXPIRED') noteSessionExpired();
    if (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED') {
      client.setQueryData(['session'], null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  return client;
}
