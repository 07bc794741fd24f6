import { eq } from 'drizzle-orm';
import { needWeightedSplit, toMilli } from '@begegnung/domain';
import type { Db } from '../db/client.ts';
import {
  centreNeeds,
  centres,
  costAssumptions,
  postAllocations,
  posts,
  postStatusChanges,
  scenarioLines,
  scenarios,
} from '../db/tables.ts';

/**
 * Demo need figures (newcomers in each catchment), entered as a coordinator would, with a source
 * that says they are invented for the demo. Scenario B is weighted by the same figures.
 */
export const DEMO_NEEDS: Record<string, number> = { GRO: 120, WEST: 90, LEI: 50, HOB: 60 };
export const DEMO_NEED_SOURCE = 'Beispielwerte der Demo (erfunden), nicht aus dem Melderegister';
export const DEMO_NEED_AS_OF = '2025-12-31';

/** Posts of motion SPD/0235/18, scenarios A/B/C and placeholder cost assumptions. */
export async function seedPosts(db: Db, centreIds: Record<string, number>) {
  const codes = ['GRO', 'WEST', 'LEI', 'HOB'] as const;
  const postIds: Record<string, number> = {};
  const addPost = async (values: typeof posts.$inferInsert, shares: [string, string][]) => {
    const id = (await db.insert(posts).values(values).returning({ id: posts.id }))[0]!.id;
    await db.insert(postStatusChanges).values({
      postId: id,
      fromStatus: null,
      toStatus: 'proposed',
      effectiveOn: '2018-06-13',
      reason: 'Beantragt mit SPD/0235/18 (Ausschuss verwiesen, Ergebnis nicht dokumentiert)',
    });
    await db.insert(postAllocations).values(
      shares.map(([code, share]) => ({
        postId: id,
        centreId: centreIds[code]!,
        shareMilli: toMilli(share),
      })),
    );
    return id;
  };
  for (const code of codes) {
    const centre = (
      await db.select().from(centres).where(eq(centres.id, centreIds[code]!)).limit(1)
    )[0]!;
    postIds[code] = await addPost(
      {
        code: `INT-${code}-01`,
        title: `Integrationsfachkraft ${centre.name}`,
        roleType: 'centre_integration',
        fteMilli: 500,
        payGroup: 'S 11b',
        employer: 'operator',
        operatorId: centre.operatorId,
        fundingMode: 'grant',
        budgetYearFrom: 2019,
        notes: 'Halbe Stelle laut Antrag SPD/0235/18',
      },
      [[code, '1']],
    );
  }
  postIds.KOORD = await addPost(
    {
      code: 'KOORD-01',
      title: 'Koordination Integration durch Begegnung',
      roleType: 'coordination',
      fteMilli: 1000,
      payGroup: 'S 12',
      employer: 'city',
      fundingMode: 'establishment_plan',
      budgetYearFrom: 2019,
      notes: 'Koordinationsstelle laut Antrag SPD/0235/18',
    },
    codes.map((c) => [c, '0.25']),
  );

  const addScenario = async (values: typeof scenarios.$inferInsert, lines: [string, number][]) => {
    const id = (
      await db
        .insert(scenarios)
        .values({ ...values, seeded: true })
        .returning({ id: scenarios.id })
    )[0]!.id;
    if (lines.length)
      await db
        .insert(scenarioLines)
        .values(
          lines.map(([key, fteMilli]) => ({ scenarioId: id, postId: postIds[key]!, fteMilli })),
        );
  };
  await addScenario(
    {
      name: 'A: SPD/0235/18 wie beantragt',
      sourceRef: 'Antrag SPD/0235/18 vom 13.06.2018',
      description:
        'Vier halbe Stellen in den Zentren und eine Koordinationsstelle (3,0 VZÄ). In den Sozialausschuss verwiesen; Ergebnis nicht dokumentiert.',
      status: 'referred',
    },
    [...codes.map((c): [string, number] => [c, 500]), ['KOORD', 1000]],
  );
  const split = needWeightedSplit(
    2000,
    250,
    codes.map((key) => ({ key, need: DEMO_NEEDS[key]! })),
  )!;
  await addScenario(
    {
      name: 'B: Änderungsantrag Grüne',
      sourceRef: 'Änderungsantrag Bündnis 90/Die Grünen zu SPD/0235/18',
      description:
        '2,0 VZÄ nach Größe der Zielgruppen in den Stadtteilen verteilt, keine Koordinationsstelle. Bedarfszahlen: Beispielwerte der Demo, wie unter „Stellen und Bedarf“ eingetragen.',
      status: 'referred',
    },
    split.filter((p) => p.milli > 0).map((p): [string, number] => [p.key, p.milli]),
  );
  await addScenario(
    {
      name: 'C: Status quo',
      sourceRef: 'ohne Beschluss',
      description: 'Keine zusätzlichen Stellen (0 VZÄ).',
      status: 'unknown',
    },
    [],
  );

  for (const payGroup of ['S 11b', 'S 12']) {
    await db.insert(costAssumptions).values({
      payGroup,
      validFrom: '2019-01-01',
      annualCostEuros: 72_000,
      overheadBp: 2000,
      cityOwn: false,
      note: 'Platzhalter: 72.000 € je VZÄ und Jahr, bis die Stadt eigene Werte einträgt',
    });
  }
  for (const code of codes) {
    await db.insert(centreNeeds).values({
      centreId: centreIds[code]!,
      need: DEMO_NEEDS[code]!,
      source: DEMO_NEED_SOURCE,
      asOf: DEMO_NEED_AS_OF,
    });
  }
}
