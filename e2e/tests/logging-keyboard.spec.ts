import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demo, signIn } from './fixtures/index.ts';
import { loggedFor, rosterGroup } from './logging-fixtures.ts';

/** Presses a key and counts it, so the journey can prove its budget. */
function keyboard(page: Page) {
  let presses = 0;
  return {
    press: async (key: 'Tab' | 'Enter') => {
      presses++;
      await page.keyboard.press(key);
    },
    count: () => presses,
  };
}

const focusedText = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');

test('a session is logged by keyboard in at most 15 Tab/Enter presses, focus following each step', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, demo('grone'));
  // "0 …" sorts first among today's sessions still to log.
  const { group, people } = await rosterGroup(page, 3, '0 Tastatur');
  await page.goto('/today');
  await expect(page.getByRole('button', { name: new RegExp(`^${group.name}`) })).toBeVisible({
    timeout: 30_000,
  });
  const keys = keyboard(page);

  await keys.press('Tab'); // skip link
  await keys.press('Enter'); // to the main content
  await keys.press('Tab'); // first session card
  await expect.poll(() => focusedText(page)).toContain(group.name);
  // The card shows a visible focus ring.
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow);
  expect(ring).not.toBe('none');
  await keys.press('Enter'); // open it
  await expect(page.getByRole('heading', { name: group.name, level: 2 })).toBeFocused();
  await keys.press('Tab'); // "Ändern" (details)
  await keys.press('Tab'); // "Alle anwesend"
  await expect(page.getByRole('button', { name: 'Alle anwesend' })).toBeFocused();
  await keys.press('Enter');
  for (let i = 0; i < people.length; i++) await keys.press('Tab'); // the three ticked people
  await keys.press('Tab'); // search field
  await expect(page.getByLabel('Weitere Person suchen')).toBeFocused();
  await keys.press('Enter'); // an empty search field sends the form
  const saved = page.getByRole('status').filter({ hasText: 'Gespeichert' });
  await expect(saved).toBeFocused();
  expect(keys.count()).toBeLessThanOrEqual(15);
  const [entry] = await loggedFor(page, [group.id]);
  expect(entry?.namedCount).toBe(3);
});

test('a focused field is not hidden under the sticky save bar', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 700 });
  await signIn(page, demo('grone'));
  const { group } = await rosterGroup(page, 1, 'Sticky');
  await page.goto('/today');
  await page.getByRole('button', { name: new RegExp(`^${group.name}`) }).click();
  // Walk forward through the form; every focused control stays above the bar.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const hidden = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const bar = document.querySelector('.log-actions');
      if (!bar || bar.contains(el) || el === document.body) return false;
      const a = el.getBoundingClientRect();
      const b = bar.getBoundingClientRect();
      return a.bottom > b.top + 1 && a.top < b.bottom;
    });
    expect(hidden, `Tab ${i + 1}`).toBe(false);
  }
});

for (const width of [390, 1280]) {
  test(`axe finds no serious or critical violation on the logging screens at ${width} px`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, demo('grone'));
    const { group } = await rosterGroup(page, 2, 'Axe');
    await page.goto('/today');
    // Generous: the first load on a busy shared machine can take a while.
    await expect(page.getByRole('button', { name: new RegExp(`^${group.name}`) })).toBeVisible({
      timeout: 30_000,
    });
    const serious = async () =>
      (
        await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze()
      ).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(await serious()).toEqual([]);
    await page.getByRole('button', { name: new RegExp(`^${group.name}`) }).click();
    await page.getByRole('button', { name: 'Alle anwesend' }).click();
    expect(await serious()).toEqual([]);
    await page.screenshot({
      path: `e2e/.artifacts/screens/log-roll-call-${width}-de.png`,
      fullPage: true,
    });
  });
}
