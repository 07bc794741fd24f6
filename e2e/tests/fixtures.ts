import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'begegnung-demo';
export const demo = (name: string) => `${name}@demo.begegnung.de`;

/** Signs in through the real sign-in form (German UI by default). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('banner')).toBeVisible();
}

/** Opens the collapsible menu on narrow screens so nav links are clickable. */
export async function openMenu(page: Page) {
  const toggle = page.getByRole('button', { name: /^(Menü|Menu)$/ });
  if (await toggle.isVisible()) {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }
}

export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
