import { expect, test } from '@playwright/test';
import { demo, signIn } from './fixtures.ts';

// Every screen at phone and desktop width, in German and English: nothing may overflow
// sideways, and a screenshot is kept in e2e/.artifacts/screens for people to look at.
const SCREENS: { name: string; user: string; path: string; heading: RegExp }[] = [
  { name: 'centres', user: 'koordination', path: '/centres', heading: /Zentren|Centres/ },
  { name: 'my-centre', user: 'grone', path: '/centres', heading: /Mein Zentrum|My centre/ },
  { name: 'centre-detail', user: 'admin', path: '/centres/1', heading: /Grone/ },
  {
    name: 'centre-new',
    user: 'admin',
    path: '/centres/new',
    heading: /Zentrum anlegen|New centre/,
  },
  { name: 'operators', user: 'admin', path: '/operators', heading: /Träger|Operators/ },
  { name: 'users', user: 'admin', path: '/users', heading: /Benutzer|Users/ },
  { name: 'user-new', user: 'admin', path: '/users/new', heading: /Benutzer anlegen|New user/ },
  { name: 'user-edit', user: 'admin', path: '/users/3', heading: /Gül Grone/ },
  { name: 'audit', user: 'datenschutz', path: '/audit', heading: /Protokoll|Audit log/ },
  { name: 'posts', user: 'admin', path: '/posts', heading: /^(Stellen|Posts)$/ },
  { name: 'post-new', user: 'admin', path: '/posts/new', heading: /Stelle anlegen|New post/ },
  { name: 'post-detail', user: 'admin', path: '/posts/5', heading: /Koordination|Koordination/ },
  { name: 'scenarios', user: 'koordination', path: '/scenarios', heading: /Szenarien|Scenarios/ },
  { name: 'scenario-detail', user: 'admin', path: '/scenarios/1', heading: /SPD\/0235\/18/ },
  {
    name: 'comparison',
    user: 'koordination',
    path: '/comparison?fromYear=2019',
    heading: /Vergleich|Comparison/,
  },
  {
    name: 'comparison-print',
    user: 'koordination',
    path: '/comparison/print?fromYear=2019',
    heading: /Szenarienvergleich|Scenario comparison/,
  },
  { name: 'costs', user: 'admin', path: '/costs', heading: /Kostenansätze|Cost assumptions/ },
  { name: 'log-today', user: 'grone', path: '/today', heading: /Heute erfassen|Log today/ },
  {
    name: 'participants',
    user: 'grone',
    path: '/participants',
    heading: /Teilnehmende|Participants/,
  },
  { name: 'participant-detail', user: 'grone', path: '/participants/1', heading: /\S/ },
  {
    name: 'encounters',
    user: 'koordination',
    path: '/encounters',
    heading: /Begegnungen|Encounters/,
  },
  {
    name: 'follow-ups',
    user: 'grone',
    path: '/follow-ups',
    heading: /Nachgehende Arbeit|Outreach/,
  },
  {
    name: 'consent-sheet-ar',
    user: 'grone',
    path: '/consent-sheet/ar',
    heading: /Einwilligungsbogen|Consent sheet/,
  },
  { name: 'activities', user: 'admin', path: '/activities', heading: /Angebote|Activities/ },
  {
    name: 'privacy',
    user: 'datenschutz',
    path: '/privacy',
    heading: /Auskunft und Löschung|Access and erasure/,
  },
  { name: 'retention', user: 'datenschutz', path: '/retention', heading: /Aufbewahrung|Retention/ },
  {
    name: 'records',
    user: 'datenschutz',
    path: '/records',
    heading: /Verarbeitungstätigkeiten|Record of processing/,
  },
  { name: 'vacancies', user: 'admin', path: '/vacancies', heading: /Ausschreibungen|Vacancies/ },
  {
    name: 'vacancy-new',
    user: 'admin',
    path: '/vacancies/new',
    heading: /Neue Ausschreibung|New vacancy/,
  },
  { name: 'vacancy-detail', user: 'admin', path: '/vacancies/1', heading: /Grone/ },
  { name: 'vacancy-oversight', user: 'personalrat', path: '/vacancies/1', heading: /Grone/ },
  {
    name: 'application-admin',
    user: 'admin',
    path: '/vacancies/1/applications/6',
    heading: /Kai Platzhalter/,
  },
  {
    name: 'application-disclosure',
    user: 'admin',
    path: '/vacancies/1/applications/7',
    heading: /Nora Fiktiv/,
  },
  {
    name: 'application-panel',
    user: 'panel3',
    path: '/vacancies/1/applications/1',
    heading: /Erika Musterfrau/,
  },
  { name: 'dashboard', user: 'koordination', path: '/dashboard', heading: /Übersicht|Overview/ },
  { name: 'dashboard-centre', user: 'grone', path: '/dashboard', heading: /Übersicht|Overview/ },
  {
    name: 'out-of-view',
    user: 'koordination',
    path: '/out-of-view',
    heading: /Aus dem Blick|Out of view/,
  },
  {
    name: 'report',
    user: 'koordination',
    path: '/report',
    heading: /Bericht an den Rat|Council report/,
  },
  {
    name: 'programme-settings',
    user: 'admin',
    path: '/settings',
    heading: /Programmeinstellungen|Programme settings/,
  },
];

const VIEWPORTS = [
  { label: 'phone', width: 390, height: 844 },
  { label: 'desktop', width: 1280, height: 800 },
];

for (const vp of VIEWPORTS) {
  test.describe(`${vp.label} ${vp.width}px`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });

    test('sign-in page', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
      await page.screenshot({
        path: `e2e/.artifacts/screens/login-${vp.label}.png`,
        fullPage: true,
      });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        vp.width,
      );
    });

    for (const s of SCREENS) {
      test(`${s.name} fits and renders`, async ({ page }) => {
        await signIn(page, demo(s.user));
        for (const lang of ['de', 'en']) {
          await page.evaluate((l) => localStorage.setItem('begegnung.lang', l), lang);
          await page.goto(s.path);
          await expect(page.getByRole('heading', { level: 1, name: s.heading })).toBeVisible();
          await expect(page.getByRole('status')).toHaveCount(0);
          await page.screenshot({
            path: `e2e/.artifacts/screens/${s.name}-${vp.label}-${lang}.png`,
            fullPage: true,
          });
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth),
          ).toBeLessThanOrEqual(vp.width);
        }
        await page.evaluate(() => localStorage.removeItem('begegnung.lang'));
      });
    }
  });
}
