import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { demo, openMenu, signIn } from './fixtures/index.ts';
import { loggedFor, rosterGroup } from './logging-fixtures.ts';

test.use({ viewport: { width: 390, height: 844 } });
test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

/** Lets the service worker take over and fill its cache with an online /today. */
async function readyForOffline(page: Page) {
  await page.goto('/today');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The worker claims the page; one online load through it caches what /today needs.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Heute erfassen', level: 1 })).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Heute erfassen', level: 1 })).toBeVisible();
}

/** Logs a group's session with everyone present and one host-society resident. */
async function logGroup(page: Page, name: string) {
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole('heading', { name, level: 2 })).toBeFocused();
  await page.getByRole('button', { name: 'Alle anwesend' }).click();
  await page
    .getByRole('group', { name: 'Aufnahmegesellschaft' })
    .getByText('1', { exact: true })
    .click();
  await page.getByRole('button', { name: 'Speichern' }).click();
}

const queueStatus = (page: Page) => page.getByTestId('queue-status');

async function goOffline(context: BrowserContext, page: Page) {
  await context.setOffline(true);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
}

test('offline: /today opens, three sessions wait in the queue across a reload and reach the server once each', async ({
  page,
  context,
}) => {
  const groups = [];
  await signIn(page, demo('grone'));
  for (let i = 0; i < 3; i++) groups.push((await rosterGroup(page, 2, `Offline${i}`)).group);
  await readyForOffline(page);

  await goOffline(context, page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Heute erfassen', level: 1 })).toBeVisible();
  await expect(page.getByText('Kein Netz.')).toBeVisible();
  await page.screenshot({
    path: 'e2e/.artifacts/screens/offline-today-phone-de.png',
    fullPage: true,
  });

  for (const g of groups) {
    await logGroup(page, g.name);
    await expect(
      page.getByRole('status').filter({ hasText: 'Ohne Netz gespeichert' }),
    ).toBeFocused();
  }
  await expect(queueStatus(page)).toHaveText(/^3 Einträge warten auf Übertragung/);
  await page.reload();
  await expect(queueStatus(page)).toHaveText(/^3 Einträge warten auf Übertragung/);
  for (const g of groups)
    await expect(page.getByRole('button', { name: new RegExp(`^${g.name}`) })).toContainText(
      'wartet auf Übertragung',
    );
  await page.screenshot({
    path: 'e2e/.artifacts/screens/offline-queue-phone-de.png',
    fullPage: true,
  });

  await context.setOffline(false);
  await expect(queueStatus(page)).toHaveText(/^Alle Einträge übertragen · zuletzt übertragen/, {
    timeout: 15_000,
  });
  const logged = await loggedFor(
    page,
    groups.map((g) => g.id),
  );
  expect(logged).toHaveLength(3);
  expect(logged.every((e) => e.namedCount === 2)).toBe(true);
  // Now marked as already logged, opening the entry for correction.
  await page.reload();
  await expect(page.getByRole('link', { name: new RegExp(`^${groups[0]!.name}`) })).toContainText(
    'bereits erfasst',
  );
});

test('a queued named entry whose consent was withdrawn meanwhile shows the reason and can be counted anonymously', async ({
  page,
  context,
}) => {
  await signIn(page, demo('grone'));
  const { api, group, people } = await rosterGroup(page, 1, 'Widerruf');
  await readyForOffline(page);
  await goOffline(context, page);
  await logGroup(page, group.name);
  await expect(queueStatus(page)).toHaveText(/^1 Eintrag wartet auf Übertragung/);

  // Meanwhile, elsewhere: the person withdraws consent (API calls are not affected by offline).
  const person = await api.get(`/api/participants/${people[0]!.id}`);
  const consent = person.consents.find(
    (c: { purpose: string }) => c.purpose === 'follow_up_contact',
  );
  await api.post(`/api/participants/${people[0]!.id}/consents/${consent.id}/withdraw`, {});

  await context.setOffline(false);
  const refused = page.locator('.offline-entry-refused');
  await expect(refused).toContainText(
    'Ohne gültige Einwilligung darf die Person nicht namentlich erfasst werden',
    {
      timeout: 15_000,
    },
  );
  await page.screenshot({
    path: 'e2e/.artifacts/screens/offline-refused-phone-de.png',
    fullPage: true,
  });
  expect(await loggedFor(page, [group.id])).toHaveLength(0);

  await refused.getByRole('button', { name: 'Anonym zählen' }).click();
  await expect(queueStatus(page)).toHaveText(/^Alle Einträge übertragen/, { timeout: 15_000 });
  const [entry] = await loggedFor(page, [group.id]);
  expect(entry!.namedCount).toBe(0);
  const full = await api.get(`/api/encounters/${entry!.id}`);
  expect(full.headcounts.newcomers).toBe(1);
  expect(full.attendees).toEqual([]);
});

test('signing out with a pending entry warns first', async ({ page, context }) => {
  await signIn(page, demo('grone'));
  const { group } = await rosterGroup(page, 1, 'Abmelden');
  await readyForOffline(page);
  await goOffline(context, page);
  await logGroup(page, group.name);
  await expect(queueStatus(page)).toHaveText(/^1 Eintrag wartet/);

  await openMenu(page);
  await page.getByRole('button', { name: 'Abmelden' }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('1 Eintrag ist noch nicht übertragen');
  await page.screenshot({ path: 'e2e/.artifacts/screens/offline-signout-phone-de.png' });
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(dialog).toBeHidden();

  await context.setOffline(false);
  await expect(queueStatus(page)).toHaveText(/^Alle Einträge übertragen/, { timeout: 15_000 });
  expect(await loggedFor(page, [group.id])).toHaveLength(1);
});
