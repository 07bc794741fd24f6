import { expect, test } from './fixtures/index.ts';

test('the interactive API documentation renders under its CSP', async ({ page }) => {
  // Swagger UI renders the whole 570 KB OpenAPI document: on a busy shared machine (load
  // above 25 on 2 cores) that alone took more than 40 s.
  test.slow();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { level: 1, name: /Begegnung API/ })).toBeVisible({
    timeout: 180_000,
  });
  await expect(page.getByText('/api/auth/login').first()).toBeVisible();
  expect(errors.filter((e) => e.includes('Content Security Policy'))).toEqual([]);
});

test('the web app runs under the strict CSP without violations', async ({ page }) => {
  const violations: string[] = [];
  page.on(
    'console',
    (m) => m.text().includes('Content Security Policy') && violations.push(m.text()),
  );
  const res = await page.goto('/login');
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('unknown client routes fall back to the app, unknown API routes answer JSON 404', async ({
  page,
  request,
}) => {
  await page.goto('/does/not/exist');
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  const res = await request.get('/api/does-not-exist');
  expect(res.status()).toBe(404);
  expect((await res.json()).code).toBe('NOT_FOUND');
});
