import { describe, expect, it, vi } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { localNow } from '@begegnung/domain';
import { createTestApp, makeUser, userClient } from './helper.ts';
import { seedCentres } from '../src/seed/demo.ts';
import { seedPosts } from '../src/seed/posts.ts';
import { seedEncounterDemo } from '../src/seed/encounters.ts';
import { attackBoth } from './attack/attack-run.ts';
import { periods } from './attack/collect.ts';

vi.mock('@begegnung/domain', async (importOriginal) => {
  const real = await importOriginal<typeof import('@begegnung/domain')>();
  const { wrapPublishers } = await import('./attack/modes.ts');
  return { ...real, ...wrapPublishers(real) };
});

/** The attacker test on the demo data (all centres and each centre). */
describe('attacker on the demo data', () => {
  it('recovers no count below 5; CSV and PDF publish the same cells as the API', async () => {
    const t = await createTestApp();
    const centreIds = await seedCentres(t.db);
    for (const id of Object.values(centreIds)) await makeUser(t.db, ['centre_staff'], [id]);
    await seedPosts(t.db, centreIds);
    await seedEncounterDemo(t.db, { today: localNow().date });
    const coordinator = await userClient(t, ['coordinator']);
    const { ckm, old } = await attackBoth('demo', coordinator, [
      undefined,
      ...Object.values(centreIds),
    ]);
    expect(ckm.attacked).toBeGreaterThan(100);
    expect(ckm.recovered).toEqual([]);
    expect(old.recovered.length).toBeGreaterThan(0);

    // The CSV and the PDF carry exactly the API's published cells (no other numbers to attack).
    const { year } = periods();
    const q = `from=${year.from}&to=${year.to}`;
    const d = (
      await coordinator.request({ method: 'GET', url: `/api/reporting/dashboard?${q}` })
    ).json();
    const csv = (
      await coordinator.request({ method: 'GET', url: `/api/reporting/report.csv?${q}` })
    ).body;
    const fmt = (c: number | string) =>
      c === 'suppressed' ? '< 5' : new Intl.NumberFormat('de-DE').format(c as number);
    d.centres.forEach((c: { name: string }, i: number) => {
      const line = csv.split('\r\n').find((l: string) => l.startsWith(`${c.name};`))!;
      expect(line.split(';').slice(1, 4)).toEqual([
        fmt(d.people.cells[i][0]),
        fmt(d.people.cells[i][1]),
        fmt(d.people.rowTotals[i]),
      ]);
    });
    const pdf = await coordinator.request({ method: 'GET', url: `/api/reporting/report.pdf?${q}` });
    const text = (
      await new PDFParse({ data: new Uint8Array(pdf.rawPayload) }).getText()
    ).text.replace(/\s+/g, ' ');
    if (typeof d.people.total === 'number') {
      expect(text).toContain(`${fmt(d.people.total)} Neuzugezogene wurden namentlich erreicht`);
    }
    expect(text).toContain(`Dazu kommen ${fmt(d.anonymousNewcomers)} anonym gezählte Besuche`);
  }, 600_000);
});
