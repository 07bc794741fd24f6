/**
 * The service worker keeps the logging journey's GET answers (session, centres, activities,
 * rosters, today's entries) in this cache for use without network (see vite.config.ts). They
 * belong to whoever is signed in: cleared at sign-out and at every sign-in.
 */
export const API_CACHE = 'begegnung-api';

export async function clearApiCache() {
  if (typeof caches === 'undefined') return;
  await caches.delete(API_CACHE);
}
