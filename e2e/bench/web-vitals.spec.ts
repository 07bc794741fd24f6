// Web figures for the encounter-logging screen, measured in Debian's Chromium with 4× CPU
// throttling: initial JavaScript (gzip) for /today including the service-worker runtime,
// Largest Contentful Paint, and the slowest interaction (Event Timing, an INP proxy) over the
// taps a staff member makes to log a session.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, test } from '@playwright/test';

async function measureWeb(base: string, email: string, password: string) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    });
    // Sign in through the API so the measured load is the logging screen itself.
    const login = await context.request.post(`${base}/api/auth/login`, {
      data: { email, password },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);

    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    let jsGzip = 0;
    page.on('response', async (res) => {
      if (res.request().resourceType() === 'script') {
        try {
          jsGzip += gzipSync(await res.body(), { level: 9 }).length;
        } catch {
          /* redirected or aborted */
        }
      }
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __lcp: number; __inp: number };
      w.__lcp = 0;
      w.__inp = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__lcp = Math.max(w.__lcp, e.startTime);
      }).observe({ type: 'largest-contentful-paint', buffered: true });
      new PerformanceObserver((l) => {
        for (const e of l.getEntries() as (PerformanceEventTiming & { interactionId?: number })[])
          if (e.interactionId) w.__inp = Math.max(w.__inp, e.duration);
      }).observe({
        type: 'event',
        buffered: true,
        durationThreshold: 16,
      } as PerformanceObserverInit);
    });
    await page.goto(`${base}/today`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The service worker and the Workbox runtime it imports run in their own context, so the
    // page's script responses miss them: fetch and count them too.
    let swJsGzip = 0;
    const sw = await context.request.get(`${base}/sw.js`);
    if (sw.ok()) {
      const source = await sw.body();
      swJsGzip += gzipSync(source, { level: 9 }).length;
      for (const name of new Set(source.toString().match(/workbox-[\w-]+\.js/g) ?? [])) {
        const runtime = await context.request.get(`${base}/${name}`);
        if (runtime.ok()) swJsGzip += gzipSync(await runtime.body(), { level: 9 }).length;
      }
    }
    const initialJsGzip = jsGzip + swJsGzip;
    const lcpMs = await page.evaluate(() => (window as unknown as { __lcp: number }).__lcp);

    // The taps of a door-side entry: pick the session, count people, (not) save.
    await page
      .getByRole('button', { name: /^Sprachcafé|^Offenes Café|^Andere Begegnung/ })
      .first()
      .click();
    for (const group of ['Aufnahmegesellschaft', 'Neuzugezogene']) {
      const chips = page.getByRole('group', { name: group }).locator('label.chip');
      if (await chips.count()) await chips.nth(2).click();
    }
    await page.waitForTimeout(500);
    const inpMs = await page.evaluate(() => (window as unknown as { __inp: number }).__inp);
    return { initialJsGzip, swJsGzip, lcpMs, inpMs };
  } finally {
    await browser.close();
  }
}

// Run by apps/api/bench/index.ts against a server it started; writes the figures as JSON.
test('web figures of the logging screen', async () => {
  test.setTimeout(120_000);
  const figures = await measureWeb(
    process.env.BENCH_BASE_URL!,
    process.env.BENCH_EMAIL!,
    process.env.BENCH_PASSWORD!,
  );
  writeFileSync(process.env.BENCH_WEB_OUT!, JSON.stringify(figures));
});
