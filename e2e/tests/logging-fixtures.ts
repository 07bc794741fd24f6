import type { Page } from '@playwright/test';
import { unique } from './fixtures/index.ts';

/** The signed-in page's API, with its CSRF token, for creating a spec's own data. */
export async function apiOf(page: Page) {
  const session = await (await page.request.get('/api/auth/session')).json();
  const headers = { 'x-csrf-token': session.csrfToken as string };
  const post = async (url: string, data: unknown) => {
    const res = await page.request.post(url, { headers, data });
    if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
    return res.json();
  };
  return {
    userId: session.user.id as number,
    centreId: session.user.centreIds[0] as number,
    post,
    get: async (url: string) => (await page.request.get(url)).json(),
  };
}

export const berlinToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

/**
 * A recurring group meeting every day at 00:00 (so it has always begun) with `size` people
 * who gave follow-up consent. The name starts with `prefix` so the spec can find its card.
 */
export async function rosterGroup(page: Page, size: number, prefix = 'E2E') {
  const api = await apiOf(page);
  const activities = await api.get('/api/activities');
  const cafe = activities.find((a: { key: string }) => a.key === 'language_cafe') ?? activities[0];
  const people: { id: number; code: string; alias: string }[] = [];
  for (let i = 0; i < size; i++) {
    const p = await api.post('/api/participants', {
      centreId: api.centreId,
      alias: unique(`Teilnehmende${i}`),
      confirmNotDuplicate: true,
    });
    await api.post(`/api/participants/${p.id}/consents`, {
      purpose: 'follow_up_contact',
      language: 'de',
    });
    people.push(p);
  }
  const group = await api.post('/api/groups', {
    centreId: api.centreId,
    activityId: cafe.id,
    name: unique(prefix),
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    startTime: '00:00',
    durationMinutes: 60,
    memberIds: people.map((p) => p.id),
  });
  return { api, group: group as { id: number; name: string }, people };
}

/** Encounters of today at the user's centre that belong to the given groups. */
export async function loggedFor(page: Page, groupIds: number[]) {
  const api = await apiOf(page);
  const today = berlinToday();
  const list = await api.get(
    `/api/encounters?centreId=${api.centreId}&from=${today}&to=${today}&limit=100`,
  );
  return (list.items as { id: number; groupId: number | null; namedCount: number }[]).filter(
    (e) => e.groupId !== null && groupIds.includes(e.groupId),
  );
}
