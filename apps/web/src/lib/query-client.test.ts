import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.ts';
import { createQueryClient } from './query-client.ts';
import { endedForInactivityNotice } from './session.ts';

const signedIn = { user: { id: 1 }, csrfToken: 't' };

async function failWith(code: string) {
  const client = createQueryClient();
  client.setQueryData(['session'], signedIn);
  await client
    .fetchQuery({
      queryKey: ['x', code],
      queryFn: () => Promise.reject(new ApiError(401, { code, message: code })),
    })
    .catch(() => undefined);
  return client.getQueryData(['session']);
}

describe('a 401 anywhere ends the session in the app', () => {
  it('forgets the session without the inactivity notice on UNAUTHENTICATED', async () => {
    expect(await failWith('UNAUTHENTICATED')).toBeNull();
    expect(endedForInactivityNotice()).toBe(false);
  });

  it('forgets the session and remembers why on SESSION_EXPIRED', async () => {
    expect(await failWith('SESSION_EXPIRED')).toBeNull();
    expect(endedForInactivityNotice()).toBe(true);
  });
});
