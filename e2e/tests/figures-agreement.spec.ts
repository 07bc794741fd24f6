import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addDays,
  type Api,
  createCentre,
  createPost,
  createScenario,
  exclusive,
  expect,
  signInAs,
  test,
  today,
} from './fixtures/index.ts';

/** "0,75" / "1,00" / "0,5" as the number of thousandths, whatever the precision shown. */
const milli = (s: string) =>
  Math.round(Number(s.trim().replace(/\./g, '').replace(',', '.')) * 1000);

test('dashboard, comparison, CSV and PDF give the same need split for the same need figures', async ({
  page,
  admin,
  centre,
  tag,
}) => {
  // Own inputs: a second centre, need figures with source and date for both, one scenario.
  const second = await createCentre(admin, tag, 'Stadtteilbüro');
  const post = await createPost(admin, {
    tag,
    code: `E2E-N-${tag}`,
    allocations: [
      { centreId: centre.id, share: '0.5' },
      { centreId: second.id, share: '0.5' },
    ],
  });
  await createScenario(admin, `Bedarf ${tag}`, [{ postId: post.id, fte: '1' }]);
  const from = addDays(today(), -90);
  const to = today();

  // The split is over every centre with need figures: no other test may change them meanwhile.
  await exclusive('centre-needs', async () => {
    // Need figures this test left behind in an earlier run (repeated on one database) would
    // thin its own centres' share of the 2 FTE: remove them first, and its own at the end.
    await clearNeeds(admin, (n) => n.source?.startsWith('Statistik E2E ') ?? false);
    try {
      await admin.put('/staffing/needs', {
        needs: [
          { centreId: centre.id, need: 3000, source: `Statistik E2E ${tag}`, asOf: today() },
          { centreId: second.id, need: 1000, source: `Statistik E2E ${tag}`, asOf: today() },
        ],
      });
      const api = await admin.get<{
        centres: { id: number; name: string }[];
        split: { byNeed: string[] | null; equal: string[] | null };
      }>(`/reporting/staffing?from=${from}&to=${to}&totalFte=2`);
      const truth = new Map(
        [centre, second].map((c) => {
          const i = api.centres.findIndex((x) => x.id === c.id);
          return [c.name, Math.round(Number(api.split.byNeed![i]!) * 1000)];
        }),
      );
      // Large needs: the own centres get most of the 2 FTE, the larger need the larger share.
      expect(truth.get(centre.name)!).toBeGreaterThan(truth.get(second.name)!);
      expect(truth.get(second.name)!).toBeGreaterThan(0);

      await signInAs(page, 'koordination', `/dashboard?from=${from}&to=${to}`);
      const staffing = page
        .locator('table', { has: page.locator('td[data-split="need"]') })
        .first();
      for (const c of [centre, second]) {
        const cellText = await staffing
          .getByRole('row')
          .filter({ hasText: c.name })
          .locator('td[data-split="need"]')
          .innerText();
        expect(milli(cellText), `dashboard ${c.name}`).toBe(truth.get(c.name));
      }

      await page.goto('/comparison');
      const split = page.getByRole('region', { name: 'Verteilung nach Bedarf' });
      for (const c of [centre, second]) {
        const row = split.getByRole('row').filter({ hasText: c.name });
        await expect(row.locator('td[data-split="need"]')).not.toHaveText('');
        const cellText = await row.locator('td[data-split="need"]').innerText();
        expect(milli(cellText), `comparison ${c.name}`).toBe(truth.get(c.name));
      }

      const csv = await (
        await page.request.get(`/api/reporting/report.csv?from=${from}&to=${to}`)
      ).text();
      const lines = csv.split(/\r?\n/);
      const head = lines.findIndex((l) => l.startsWith('Stellen und Bedarf;'));
      expect(head, 'CSV staffing table').toBeGreaterThan(0);
      const byNeedCol = lines[head]!.split(';').findIndex((h) => h.startsWith('nach Bedarf'));
      for (const c of [centre, second]) {
        const row = lines.slice(head).find((l) => l.startsWith(`${c.name};`))!;
        expect(row, `CSV row ${c.name}`).toBeTruthy();
        expect(row).toContain(`Statistik E2E ${tag}`);
        expect(milli(row.split(';')[byNeedCol]!), `CSV ${c.name}`).toBe(truth.get(c.name));
      }

      const pdf = await (
        await page.request.get(`/api/reporting/report.pdf?from=${from}&to=${to}`)
      ).body();
      const dir = mkdtempSync(join(tmpdir(), 'agreement-'));
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], {
        encoding: 'utf8',
      });
      // The staffing table: from its heading to the table of FTE per scenario below it.
      const end = text.indexOf('VZÄ je Szenario');
      const section = text.slice(text.lastIndexOf('Stellen und Bedarf', end), end);
      for (const c of [centre, second]) {
        const line = section.split('\n').find((l) => l.trim().startsWith(c.name))!;
        expect(line, `PDF row ${c.name}`).toBeTruthy();
        // Columns: centre, need, active, out of view, encounters, by need, equal.
        const cells = line.trim().split(/\s{2,}/);
        expect(milli(cells[cells.length - 2]!), `PDF ${c.name}: ${line}`).toBe(truth.get(c.name));
      }
    } finally {
      await clearNeeds(admin, (n) => n.centreId === centre.id || n.centreId === second.id);
    }
  });
});

/** Removes the need figures (need: null, "keine Daten") of the centres `which` picks. */
async function clearNeeds(
  admin: Api,
  which: (n: { centreId: number; source: string | null }) => boolean,
) {
  const needs = (
    await admin.get<{ centreId: number; need: number | null; source: string | null }[]>(
      '/staffing/needs',
    )
  ).filter((n) => n.need !== null && which(n));
  if (needs.length === 0) return;
  await admin.put('/staffing/needs', {
    needs: needs.map((n) => ({ centreId: n.centreId, need: null, source: '', asOf: null })),
  });
}
