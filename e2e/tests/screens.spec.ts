import AxeBuilder from '@axe-core/playwright';
import type { Cookie, Page, PlaywrightWorkerArgs } from '@playwright/test';
import { Api, credentials, expect, type Who } from './fixtures/index.ts';
import { test, type World } from './fixtures/world.ts';

// Every screen at phone and desktop width, in German and English: nothing may overflow
// sideways, and a screenshot is kept in e2e/.artifacts/screens for people to look at.
// Screens that show one object show one of this worker's own (`world`), never a seed id.
interface Screen {
  name: string;
  user: Who | ((w: World) => Who);
  path: string | ((w: World) => string);
  heading: RegExp | ((w: World) => RegExp);
}
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const named = (text: (w: World) => string) => (w: World) => new RegExp(esc(text(w)));

const SCREENS: Screen[] = [
  { name: 'centres', user: 'koordination', path: '/centres', heading: /Zentren|Centres/ },
  { name: 'my-centre', user: (w) => w.staff, path: '/centres', heading: /Mein Zentrum|My centre/ },
  {
    name: 'centre-detail',
    user: 'admin',
    path: (w) => `/centres/${w.centre.id}`,
    heading: named((w) => w.centre.name),
  },
  {
    name: 'centre-new',
    user: 'admin',
    path: '/centres/new',
    heading: /Zentrum anlegen|New centre/,
  },
  { name: 'operators', user: 'admin', path: '/operators', heading: /Träger|Operators/ },
  { name: 'users', user: 'admin', path: '/users', heading: /Benutzer|Users/ },
  { name: 'user-new', user: 'admin', path: '/users/new', heading: /Benutzer anlegen|New user/ },
  {
    name: 'user-edit',
    user: 'admin',
    path: (w) => `/users/${w.staff.id}`,
    heading: named((w) => w.staff.displayName),
  },
  { name: 'audit', user: 'datenschutz', path: '/audit', heading: /Protokoll|Audit log/ },
  { name: 'posts', user: 'admin', path: '/posts', heading: /^(Stellen|Posts)$/ },
  { name: 'post-new', user: 'admin', path: '/posts/new', heading: /Stelle anlegen|New post/ },
  {
    name: 'post-detail',
    user: 'admin',
    path: (w) => `/posts/${w.post.id}`,
    heading: named((w) => w.post.title),
  },
  { name: 'scenarios', user: 'koordination', path: '/scenarios', heading: /Szenarien|Scenarios/ },
  {
    name: 'scenario-detail',
    user: 'admin',
    path: (w) => `/scenarios/${w.scenario.id}`,
    heading: named((w) => w.scenario.name),
  },
  {
    name: 'comparison',
    user: 'koordination',
    path: (w) => `/comparison?ids=${w.scenario.id}&fromYear=2019`,
    heading: /Vergleich|Comparison/,
  },
  {
    name: 'comparison-print',
    user: 'koordination',
    path: (w) => `/comparison/print?ids=${w.scenario.id}&fromYear=2019`,
    heading: /Szenarienvergleich|Scenario comparison/,
  },
  { name: 'costs', user: 'admin', path: '/costs', heading: /Kostenansätze|Cost assumptions/ },
  {
    name: 'log-today',
    user: (w) => w.staff,
    path: '/today',
    heading: /Heute erfassen|Log today/,
  },
  {
    name: 'participants',
    user: (w) => w.staff,
    path: '/participants',
    heading: /Teilnehmende|Participants/,
  },
  {
    name: 'participant-detail',
    user: (w) => w.staff,
    path: (w) => `/participants/${w.participant.id}`,
    heading: named((w) => w.participant.alias!),
  },
  {
    name: 'encounters',
    user: 'koordination',
    path: '/encounters',
    heading: /Begegnungen|Encounters/,
  },
  {
    name: 'follow-ups',
    user: (w) => w.staff,
    path: '/follow-ups',
    heading: /Nachgehende Arbeit|Outreach/,
  },
  {
    name: 'consent-sheet-ar',
    user: (w) => w.staff,
    path: '/consent-sheet/ar',
    heading: /Einwilligungsbogen|Consent sheet/,
  },
  {
    name: 'import',
    user: (w) => w.staff,
    path: '/import',
    heading: /Listen importieren|Import lists/,
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
  {
    name: 'vacancy-detail',
    user: 'admin',
    path: (w) => `/vacancies/${w.vacancy.id}`,
    heading: named((w) => w.vacancy.title),
  },
  {
    // The panel's view: the score matrix, rows hidden until the member's own card is in.
    name: 'vacancy-panel',
    user: (w) => w.panel,
    path: (w) => `/vacancies/${w.vacancy.id}`,
    heading: named((w) => w.vacancy.title),
  },
  {
    name: 'vacancy-oversight',
    user: (w) => w.oversight,
    path: (w) => `/vacancies/${w.vacancy.id}`,
    heading: named((w) => w.vacancy.title),
  },
  {
    name: 'application-admin',
    user: 'admin',
    path: (w) => `/vacancies/${w.vacancy.id}/applications/${w.mustInvite.id}`,
    heading: named((w) => `Kai ${w.mustInvite.lastName}`),
  },
  {
    name: 'application-disclosure',
    user: 'admin',
    path: (w) => `/vacancies/${w.vacancy.id}/applications/${w.disclosed.id}`,
    heading: named((w) => `Nora ${w.disclosed.lastName}`),
  },
  {
    name: 'application-panel',
    user: (w) => w.panel,
    path: (w) => `/vacancies/${w.vacancy.id}/applications/${w.invited.id}`,
    heading: named((w) => `Erika ${w.invited.lastName}`),
  },
  { name: 'dashboard', user: 'koordination', path: '/dashboard', heading: /Übersicht|Overview/ },
  {
    name: 'dashboard-centre',
    user: (w) => w.staff,
    path: '/dashboard',
    heading: /Übersicht|Overview/,
  },
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

/** WCAG 2.1 A and AA rules (BITV 2.0): every violation axe finds, as "rule: element". */
async function wcagViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`),
  );
}

/**
 * The session cookies of each account, signed in once per worker through the API: every screen
 * test then opens its page already signed in (the sign-in journey has its own specs).
 */
const sessions = new Map<string, Cookie[]>();
async function cookiesOf(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  who: Who,
) {
  const { email, password } = credentials(who);
  let cookies = sessions.get(email);
  if (!cookies) {
    const request = await playwright.request.newContext({ baseURL });
    await Api.signIn(request, email, password);
    cookies = (await request.storageState()).cookies;
    await request.dispose();
    sessions.set(email, cookies);
  }
  return cookies;
}

test('sign-in page fits at phone and desktop width', async ({ page }) => {
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
    await page.screenshot({ path: `e2e/.artifacts/screens/login-${vp.label}.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      vp.width,
    );
    expect.soft(await wcagViolations(page), `login at ${vp.width} px`).toEqual([]);
  }
});

// One test a screen: German then English, each on its own page (the language is read at start,
// so one load each), each at phone and desktop width (the layout reflows without a reload);
// axe checks the German one against WCAG 2.1 AA at both widths.
for (const s of SCREENS) {
  test(`${s.name} fits and renders`, async ({ page: firstPage, world, playwright, baseURL }) => {
    test.slow(); // two languages, two widths and two accessibility audits in one test
    const pick = <T>(v: T | ((w: World) => T)) =>
      typeof v === 'function' ? (v as (w: World) => T)(world) : v;
    await firstPage.context().addCookies(await cookiesOf(playwright, baseURL!, pick(s.user)));
    for (const lang of ['de', 'en']) {
      // A page-level init script, so each language's page sets its language exactly once.
      const page = lang === 'de' ? firstPage : await firstPage.context().newPage();
      await page.addInitScript((l) => localStorage.setItem('begegnung.lang', l), lang);
      await page.setViewportSize({ width: VIEWPORTS[0]!.width, height: VIEWPORTS[0]!.height });
      await page.goto(pick(s.path));
      await expect(page.getByRole('heading', { level: 1, name: pick(s.heading) })).toBeVisible();
      await expect(page.getByRole('status')).toHaveCount(0);
      for (const vp of VIEWPORTS) {
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await page.screenshot({
          path: `e2e/.artifacts/screens/${s.name}-${vp.label}-${lang}.png`,
          fullPage: true,
        });
        expect
          .soft(
            await page.evaluate(() => document.documentElement.scrollWidth),
            `${s.name} (${lang}) at ${vp.width} px`,
          )
          .toBeLessThanOrEqual(vp.width);
        if (lang === 'de')
          expect.soft(await wcagViolations(page), `${s.name} at ${vp.width} px`).toEqual([]);
      }
    }
  });
}
