import {
  createCentre,
  createPost,
  createScenario,
  exclusive,
  expect,
  openMenu,
  signInAs,
  test,
  today,
  type Api,
} from './fixtures/index.ts';

const euro = (n: number) => new Intl.NumberFormat('de-DE').format(n);

/** Personnel cost of `fte` S 11b posts over `year`, from the cost assumptions (month by month). */
async function expectedCost(api: Api, fte: number, year: number) {
  const rates = await api.get<
    {
      payGroup: string;
      validFrom: string;
      validTo: string | null;
      annualCostEuros: number;
      overheadPercent: string;
    }[]
  >('/cost-assumptions');
  let base = 0;
  let withOverhead = 0;
  for (let month = 1; month <= 12; month++) {
    const first = `${year}-${String(month).padStart(2, '0')}-01`;
    const rate = rates.find(
      (r) =>
        r.payGroup === 'S 11b' &&
        r.validFrom <= first &&
        (r.validTo === null || r.validTo >= first),
    )!;
    base += (fte * rate.annualCostEuros) / 12;
    withOverhead += ((fte * rate.annualCostEuros) / 12) * (1 + Number(rate.overheadPercent) / 100);
  }
  return { base: Math.round(base), withOverhead: Math.round(withOverhead) };
}

test('admin creates a post, allocates it, moves it through the lifecycle', async ({
  page,
  centre,
  tag,
}) => {
  const admin = page;
  await signInAs(admin, 'admin');
  await openMenu(admin);
  await admin.getByRole('link', { name: 'Stellen', exact: true }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Stellen' })).toBeVisible();
  await admin.getByRole('link', { name: 'Stelle anlegen' }).click();

  // Bad input is refused next to the field and nothing is saved.
  const code = `INT-E2E-${tag}`;
  const title = `Integrationsfachkraft ${tag}`;
  await admin.getByLabel('Stellennummer').fill(code);
  await admin.getByLabel('Bezeichnung').fill(title);
  await admin.getByLabel('Stellenanteil (VZÄ)').fill('1,5');
  await admin.getByRole('button', { name: 'Stelle anlegen' }).click();
  await expect(admin.getByText('Höchstens 1', { exact: true })).toBeVisible();

  await admin.getByLabel('Stellenanteil (VZÄ)').fill('0,5');
  await admin.getByRole('button', { name: 'Stelle anlegen' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // Allocate: shares that do not add up are refused, the previous (empty) allocation stays.
  await admin.getByRole('button', { name: 'Zuordnung ändern' }).click();
  await admin.getByLabel('Zentrum').first().selectOption({ label: centre.name });
  await admin.getByLabel('Anteil').first().fill('0,9');
  await admin.getByRole('button', { name: 'Zuordnung speichern' }).click();
  await expect(
    admin.getByText('Die Anteile müssen zusammen genau 1 ergeben').first(),
  ).toBeVisible();
  await admin.getByLabel('Anteil').first().fill('1');
  await admin.getByRole('button', { name: 'Zuordnung speichern' }).click();
  await expect(admin.locator('.posts-alloc-list')).toContainText(centre.name);

  // Lifecycle: only legal next steps are offered; each step is in the history.
  const status = admin.getByLabel('Neuer Status');
  await expect(status.locator('option')).toHaveText(['Bitte wählen …', 'im Haushalt', 'entfallen']);
  for (const label of ['im Haushalt', 'bewilligt', 'ausgeschrieben']) {
    await status.selectOption({ label });
    await admin.getByLabel('Begründung').fill(`Schritt ${label}`);
    await admin.getByRole('button', { name: 'Status ändern' }).click();
    await expect(admin.locator('.posts-history li').first()).toContainText(label);
  }
  await expect(admin.locator('.posts-history li')).toHaveCount(4);
  await expect(status.locator('option')).toHaveText([
    'Bitte wählen …',
    'besetzt',
    'gesperrt',
    'entfallen',
  ]);
});

test('the coordinator compares scenarios, exports them, splits by need and copies one as what-if', async ({
  page,
  admin,
  centre,
  tag,
}) => {
  // Two centres of this test and three posts: one per centre, one coordination post split
  // half and half. A: all three at 0.5 (1.5 FTE, 0.75 per centre); B: the two centre posts
  // (1.0 FTE); C: none.
  const second = await createCentre(admin, tag, 'Stadtteilbüro');
  const px = await createPost(admin, {
    tag,
    code: `E2E-X-${tag}`,
    allocations: [{ centreId: centre.id, share: '1' }],
  });
  const py = await createPost(admin, {
    tag,
    code: `E2E-Y-${tag}`,
    allocations: [{ centreId: second.id, share: '1' }],
  });
  const pk = await createPost(admin, {
    tag,
    code: `E2E-K-${tag}`,
    fte: '1',
    roleType: 'coordination',
    allocations: [
      { centreId: centre.id, share: '0.5' },
      { centreId: second.id, share: '0.5' },
    ],
  });
  const a = await createScenario(admin, `A ${tag}: wie beantragt`, [
    { postId: px.id, fte: '0.5' },
    { postId: py.id, fte: '0.5' },
    { postId: pk.id, fte: '0.5' },
  ]);
  const b = await createScenario(admin, `B ${tag}: Änderungsantrag`, [
    { postId: px.id, fte: '0.5' },
    { postId: py.id, fte: '0.5' },
  ]);
  const c = await createScenario(admin, `C ${tag}: Status quo`, []);
  // Need is the catchment figure entered with source and date (never the people registered
  // at a centre): 33 newcomers at the first centre, 12 at the second.
  // Under the lock figures-agreement.spec.ts holds while it compares the split everywhere.
  await exclusive('centre-needs', () =>
    admin.put('/staffing/needs', {
      needs: [
        { centreId: centre.id, need: 33, source: `E2E ${tag}`, asOf: today() },
        { centreId: second.id, need: 12, source: `E2E ${tag}`, asOf: today() },
      ],
    }),
  );
  const year = Number(today().slice(0, 4));
  const cost = await expectedCost(admin, 1.5, year);

  const coord = page;
  await signInAs(coord, 'koordination', '/scenarios');
  await openMenu(coord);
  // The menu leads to the comparison of every scenario (all tests' scenarios on a shared
  // server); this test opens it for its own three, as ticking them in the page would.
  await expect(
    coord
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Vergleich', exact: true }),
  ).toHaveAttribute('href', '/comparison');
  await coord.goto(`/comparison?ids=${[a.id, b.id, c.id].join(',')}&fromYear=${year}`);
  await expect(coord.getByRole('heading', { level: 1, name: 'Vergleich' })).toBeVisible();
  const fteTable = coord.locator('table.posts-compare').first();
  await expect(fteTable.locator('thead th')).toHaveText([
    /Zentrum/,
    new RegExp(`A ${tag}`),
    new RegExp(`B ${tag}`),
    new RegExp(`C ${tag}`),
  ]);
  const totalRow = fteTable.locator('tr.posts-total');
  await expect(totalRow.locator('td').nth(0)).toContainText('1,50');
  await expect(totalRow.locator('td').nth(1)).toContainText('1,00');
  await expect(totalRow.locator('td').nth(2)).toContainText('0,00');
  for (const own of [centre, second]) {
    const row = fteTable.getByRole('row').filter({ hasText: own.name });
    await expect(row.locator('td')).toHaveText(['0,75', '0,50', '0,00']);
  }
  // Newcomers per FTE come from the entered need figures: A 33 / 0,75 and 12 / 0,75, B 33 / 0,5
  // and 12 / 0,5; C has no FTE there, so no ratio.
  const perFte = fteTable.getByRole('row', { name: /^Neuzugezogene je VZÄ/ }).locator('td');
  await expect(perFte.nth(0)).toContainText('44,0');
  await expect(perFte.nth(0)).toContainText('16,0');
  await expect(perFte.nth(1)).toContainText('66,0');
  await expect(perFte.nth(1)).toContainText('24,0');
  await expect(perFte.nth(0)).not.toContainText(/\d\.\d/);
  const costTable = coord.locator('table.posts-compare').nth(1);
  const firstYear = costTable.locator('tbody tr').first();
  await expect(firstYear.locator('th')).toHaveText(String(year));
  await expect(firstYear.locator('td').first()).toContainText(euro(cost.base));
  await expect(firstYear.locator('td').first()).toContainText(euro(cost.withOverhead));
  await expect(costTable.getByText('Schätzung').first()).toBeVisible();

  // Need-weighted split beside the equal split: a centre with by far the largest need (typed,
  // not saved) gets everything; the figures of the other centres stay untouched.
  const split = coord.getByRole('region', { name: 'Verteilung nach Bedarf' });
  await split.getByLabel(`Bedarf ${centre.name}`).fill('1000000');
  const ownRow = split.getByRole('row').filter({ hasText: centre.name });
  await expect(ownRow.locator('td[data-split="need"]')).toHaveText('2,00');
  await expect(
    split.getByRole('row').filter({ hasText: second.name }).locator('td[data-split="need"]'),
  ).toHaveText('0,00');

  // CSV export for German Excel.
  const [download] = await Promise.all([
    coord.waitForEvent('download'),
    coord.getByRole('link', { name: 'CSV herunterladen' }).click(),
  ]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(path!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('Szenario;Quelle;Status;VZÄ gesamt');
  expect(csv).toMatch(new RegExp(`\\nA ${tag}: wie beantragt;E2E;referred;1,50*;`));

  // What-if: copy A, change its first line to 0.75, compare.
  await openMenu(coord);
  await coord.getByRole('link', { name: 'Szenarien' }).click();
  const cardA = coord.locator('.card', { hasText: `A ${tag}: wie beantragt` });
  await cardA.getByRole('button', { name: 'Als Was-wäre-wenn kopieren' }).click();
  await expect(
    coord.getByRole('heading', { level: 1, name: new RegExp(`A ${tag}: wie beantragt.*Kopie`) }),
  ).toBeVisible();
  await coord.getByLabel('VZÄ im Szenario').first().fill('0,75');
  await coord.getByRole('button', { name: 'Stellen speichern' }).click();
  await expect(coord.getByText('Summe: 1,75 VZÄ')).toBeVisible();

  // Printable view.
  await coord.getByRole('link', { name: 'Vergleichen' }).click();
  await coord.getByRole('link', { name: 'Druckansicht' }).click();
  await expect(coord.getByRole('heading', { level: 1, name: /Szenarienvergleich/ })).toBeVisible();
  await expect(coord.getByRole('banner')).toHaveCount(0);
});

test('centre staff cannot open posts or scenarios', async ({ page }) => {
  await signInAs(page, 'grone');
  await expect(page.getByRole('link', { name: 'Stellen', exact: true })).toHaveCount(0);
  await page.goto('/scenarios');
  await expect(page.getByRole('alert')).toHaveText('Dafür fehlt Ihnen die Berechtigung.');
});
